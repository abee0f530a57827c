from django.core.management import call_command

import pytest

from courses.models import LessonPage, ModulePage

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo_site(db):
    with open("/dev/null", "w") as devnull:
        call_command("seed_demo", stdout=devnull)


def test_search_finds_modules_and_lessons_in_danish(client, demo_site):
    response = client.get("/soeg/", {"q": "rekruttering"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Bander og rekruttering af unge" in html

    response = client.get("/soeg/", {"q": "forebyggelsespyramiden"})
    html = response.content.decode()
    assert "Forebyggelsespyramiden: tre niveauer af forebyggelse" in html
    assert "Lektion i Grundmodul" in html
    assert "log ind for at læse den" in html


def test_unpublished_pages_are_not_found(client, demo_site):
    module = ModulePage.objects.get(slug="bander-og-rekruttering-af-unge")
    for lesson in LessonPage.objects.child_of(module):
        lesson.unpublish()
    module.unpublish()
    html = client.get("/soeg/", {"q": "rekruttering"}).content.decode()
    assert "Bander og rekruttering af unge" not in html


def test_no_match_says_so(client, demo_site):
    html = client.get("/soeg/", {"q": "zqxvw"}).content.decode()
    assert "0 resultater for “zqxvw”" in html
    assert "Ingen moduler eller lektioner passer" in html


def test_empty_and_too_long_queries(client, demo_site):
    response = client.get("/soeg/")
    assert response.status_code == 200
    assert "resultat" not in response.content.decode()
    response = client.get("/soeg/", {"q": "x" * 201})
    assert response.status_code == 400
    assert "Søgningen kan højst være på 200 tegn." in response.content.decode()
