"""The guiding view: the positions in force, arranged by theme into one document, in the
reader's language, marking what changed since a chosen day."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from governance.positions import services
from governance.positions.models import Position
from tests.positions.conftest import approve, later

pytestmark = pytest.mark.django_db


def decided(cast, title, *, cornerstones=(), text_sv="", supersedes=None, days_ago=0, **swedish):
    position = services.position_create(
        actor=cast["official"],
        title=title,
        summary=f"Tiivistelmä: {title}",
        text=f"Teksti: {title}",
        text_sv=text_sv,
        **swedish,
        cornerstones=list(cornerstones),
        supersedes=supersedes,
    )
    services.consultation_open(actor=cast["official"], position=position, deadline=later())
    approve(position, cast)
    if days_ago:
        Position.objects.filter(pk=position.pk).update(
            decided_at=timezone.now() - timedelta(days=days_ago)
        )
        position.refresh_from_db()
    return position


def sections(response):
    return {
        section.position.title: (chapter.key, section.change)
        for chapter in response.context["view"].chapters
        for section in chapter.sections
    }


def test_only_positions_in_force_are_in_the_view_arranged_by_theme(draft, cast, as_person):
    awareness = decided(cast, "Tilannekuva", cornerstones=["awareness", "joint"])
    joint = decided(cast, "Valvonta", cornerstones=["joint"])
    services.position_publish(actor=cast["comms"], position=joint, publication="internal")
    untagged = decided(cast, "Muu kanta")
    withdrawn = decided(cast, "Peruttu kanta", cornerstones=["joint"])
    services.position_retract(actor=cast["chair"], position=withdrawn, reason="Peruttu.")

    response = as_person(cast["outsider"]).get(reverse("positions:guiding_view"))

    assert response.status_code == 200
    assert sections(response) == {
        awareness.title: ("awareness", ""),
        joint.title: ("joint", ""),
        untagged.title: ("other", ""),
    }
    body = response.content.decode()
    assert draft.title not in body
    assert reverse("positions:statement", args=[joint.pk]) in body  # the section's version
    assert joint.get_absolute_url() in body


def test_what_changed_since_a_day_is_marked_new_changed_or_no_longer_in_force(cast, as_person):
    old = decided(cast, "Vanha palvelutaso", cornerstones=["joint"], days_ago=100)
    kept = decided(cast, "Pysyvä kanta", cornerstones=["joint"], days_ago=90)
    new = decided(cast, "Uusi kanta", cornerstones=["influence"])
    replacement = decided(cast, "Uusi palvelutaso", cornerstones=["joint"], supersedes=old)
    since = (timezone.localdate() - timedelta(days=30)).isoformat()

    response = as_person(cast["m2"]).get(reverse("positions:guiding_view") + f"?since={since}")

    assert sections(response) == {
        kept.title: ("joint", ""),
        new.title: ("influence", "new"),
        replacement.title: ("joint", "changed"),
    }
    assert [p.title for p in response.context["view"].removed] == [old.title]
    body = response.content.decode()
    assert "Uusi " in body and "Muuttunut" in body
    assert "Ei enää voimassa" in body


def test_swedish_readers_get_the_swedish_text_or_a_visible_fallback(cast, as_person):
    decided(
        cast,
        "Ruotsiksi",
        text_sv="Texten på svenska.",
        title_sv="På svenska",
        summary_sv="Sammandrag på svenska.",
    )
    decided(cast, "Vain suomeksi")
    client = as_person(cast["m2"])
    client.post(reverse("language_switch"), {"language": "sv", "next": "/"})

    body = client.get(reverse("positions:guiding_view")).content.decode()

    assert 'lang="sv">På svenska</h3>' in body
    assert ">På svenska</a>" in body  # the contents too
    assert "Sammandrag på svenska." in body
    assert "Texten på svenska." in body
    assert "Teksti: Ruotsiksi" not in body and "Tiivistelmä: Ruotsiksi" not in body
    assert 'lang="fi">Vain suomeksi</h3>' in body
    assert "Teksti: Vain suomeksi" in body
    assert body.count('class="lang-note') >= 3  # its title, summary and text say so


@pytest.mark.parametrize(
    "query", ["?since=0001-01-01", "?since=abc", "?by=x", "?since=" + "9" * 300]
)
def test_a_bad_day_or_arrangement_is_a_form_error_not_a_failure(cast, as_person, query):
    response = as_person(cast["m2"]).get(reverse("positions:guiding_view") + query)

    assert response.status_code == 200
    assert response.context["form"].errors
