"""URL patterns for certificates (collected by courses/urls/__init__.py)."""

from django.urls import path

from courses.views import certificates as views

urlpatterns = [
    path(
        "mine-forloeb/kursusbeviser/",
        views.certificate_list,
        name="certificate_list",
    ),
    path(
        "mine-forloeb/kursusbeviser/uddannelse/pdf/",
        views.certificate_download_programme,
        name="certificate_download_programme",
    ),
    path(
        "mine-forloeb/kursusbeviser/<int:module_id>/pdf/",
        views.certificate_download,
        name="certificate_download",
    ),
    path("kursusbevis/bekraeft/", views.certificate_verify, name="certificate_verify"),
    path(
        "kursusbevis/bekraeft/<str:code>/",
        views.certificate_verify_code,
        name="certificate_verify_code",
    ),
]
