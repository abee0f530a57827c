from django.urls import path

from evaluations import views

app_name = "evaluations"

urlpatterns = [
    path("svar/<str:token>/", views.answer, name="answer"),
    path("tak/", views.thanks, name="thanks"),
    path("rapporter/", views.reports, name="reports"),
    path("rapporter/<int:pk>/", views.report, name="report"),
]
