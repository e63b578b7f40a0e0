"""A position in force is superseded when the board approves its replacement, and a
decided position is withdrawn (retracted) with a reason by those who record the board's
decisions; both are marked on every page, the public one too."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from governance.positions import permissions, services
from governance.positions.models import AuditEntry, PositionState
from tests.factories import make_network_admin, sign_in
from tests.positions.conftest import approve, later

pytestmark = pytest.mark.django_db


def replacement_of(old, cast, **extra):
    return services.position_create(
        actor=cast["official"],
        title="Pelastustoimen rahoitusmalli 2019",
        summary="Uusi malli.",
        text="Rahoitus perustuu riskiin, väestöön ja pinta-alaan.",
        supersedes=old,
        **extra,
    )


def through_the_board(position, cast):
    services.consultation_open(actor=cast["official"], position=position, deadline=later())
    return approve(position, cast)


def test_the_boards_approval_of_the_replacement_supersedes_the_old_position(published, cast):
    new = replacement_of(published, cast)
    published.refresh_from_db()
    assert published.state == PositionState.PUBLISHED  # in force until the board decides

    through_the_board(new, cast)

    published.refresh_from_db()
    assert published.state == PositionState.SUPERSEDED
    assert published.superseded_at == new.decided_at
    assert published.superseded_by == new
    actions = list(AuditEntry.objects.filter(position=published).values_list("action", flat=True))
    assert actions[-2:] == ["replacement_drafted", "superseded"]
    assert AuditEntry.objects.get(position=published, action="superseded").detail == {"by": new.pk}


def test_only_a_position_in_force_can_be_replaced_and_only_once_at_a_time(published, cast):
    draft = services.position_create(actor=cast["official"], title="Luonnos", summary="S", text="T")
    with pytest.raises(ValidationError):
        replacement_of(draft, cast)
    first = replacement_of(published, cast)
    assert not permissions.can_supersede(cast["official"], published)
    with pytest.raises(ValidationError):
        replacement_of(published, cast)

    services.position_withdraw(actor=cast["official"], position=first, reason="Väärä pohja.")

    published.refresh_from_db()
    assert permissions.can_supersede(cast["official"], published)
    assert replacement_of(published, cast).supersedes == published
    assert AuditEntry.objects.filter(position=published, action="replacement_dropped").exists()


def test_a_member_of_no_body_cannot_draft_a_replacement(published, cast, as_person):
    with pytest.raises(PermissionDenied):
        replacement_of(published, {"official": cast["outsider"]})

    response = as_person(cast["outsider"]).get(
        reverse("positions:new") + f"?supersedes={published.pk}"
    )
    assert response.status_code == 403


def test_the_replacement_form_starts_from_the_approved_text(published, cast, as_person):
    client = as_person(cast["official"])
    address = reverse("positions:new") + f"?supersedes={published.pk}"

    page = client.get(address)
    assert page.status_code == 200
    assert page.context["form"].initial["text"] == published.decided_version.text

    response = client.post(
        address,
        {
            "title": "Uusi rahoitusmalli",
            "summary": "Tiivistelmä.",
            "text": "Teksti.",
            "supersedes": published.pk,
        },
    )
    assert response.status_code == 302
    assert published.__class__.objects.get(title="Uusi rahoitusmalli").supersedes == published


def test_a_superseded_position_is_marked_in_the_list_its_page_and_the_public_site(
    published, cast, as_person
):
    new = replacement_of(published, cast)
    through_the_board(new, cast)
    services.position_publish(actor=cast["comms"], position=new, publication="public")
    client = as_person(cast["m2"])

    listing = client.get(reverse("positions:list")).content.decode()
    detail = client.get(published.get_absolute_url()).content.decode()
    public = Client().get(reverse("public_positions:public", args=[published.pk]))

    assert "Korvattu" in listing and new.get_absolute_url() in listing
    assert "Korvattu" in detail and new.get_absolute_url() in detail
    assert public.status_code == 200
    assert "Tämä kanta on korvattu" in public.content.decode()
    assert reverse("public_positions:public", args=[new.pk]) in public.content.decode()


@pytest.mark.parametrize(
    ("who", "allowed"),
    [("chair", True), ("admin", True), ("comms", False), ("official", False), ("m1", False)],
)
def test_the_board_chair_or_a_network_admin_withdraws_a_decided_position(
    published, cast, who, allowed
):
    actor = make_network_admin() if who == "admin" else cast[who]

    assert permissions.can_retract(actor, published) is allowed
    if not allowed:
        with pytest.raises(PermissionDenied):
            services.position_retract(actor=actor, position=published, reason="Peruttu.")
        return
    services.position_retract(actor=actor, position=published, reason="Hallitus perui kannan.")
    published.refresh_from_db()
    assert published.state == PositionState.WITHDRAWN
    assert published.withdrawal_reason == "Hallitus perui kannan."
    assert published.withdrawn_at is not None
    entry = AuditEntry.objects.filter(position=published).last()
    assert (entry.action, entry.actor, entry.detail) == (
        "retracted",
        actor,
        {"reason": "Hallitus perui kannan."},
    )


def test_the_directors_and_the_board_are_told_of_a_withdrawal(published, cast):
    from communications.models import Notification

    services.position_retract(actor=cast["chair"], position=published, reason="Vanhentunut.")

    told = set(
        Notification.objects.filter(kind="position_withdrawn").values_list(
            "recipient_id", flat=True
        )
    )
    assert {cast[k].pk for k in ("vice", "m1", "m2", "m3")} <= told
    assert cast["chair"].pk not in told  # who acted
    assert cast["outsider"].pk not in told


def test_withdrawing_a_decided_position_needs_a_reason(published, cast, as_person):
    with pytest.raises(ValidationError):
        services.position_retract(actor=cast["chair"], position=published, reason="  ")

    response = as_person(cast["chair"]).post(
        reverse("positions:retract", args=[published.pk]), {"reason": ""}
    )

    assert response.status_code == 200
    assert "Kerro syy." in response.content.decode()
    published.refresh_from_db()
    assert published.state == PositionState.PUBLISHED


def test_a_position_still_in_preparation_is_not_retracted(in_consultation, cast, as_person):
    assert not permissions.can_retract(cast["chair"], in_consultation)

    response = as_person(cast["chair"]).post(
        reverse("positions:retract", args=[in_consultation.pk]), {"reason": "Ei."}
    )

    assert response.status_code == 403


def test_the_public_page_of_a_withdrawn_position_says_so_with_the_reason_and_date(
    published, cast, as_person
):
    response = as_person(cast["chair"]).post(
        reverse("positions:retract", args=[published.pk]),
        {"reason": "Hankinnat siirtyvät maakunnille."},
    )
    assert response.status_code == 302
    published.refresh_from_db()

    public = Client().get(reverse("public_positions:public", args=[published.pk]))

    body = public.content.decode()
    assert public.status_code == 410
    assert "Tämä kanta on peruttu." in body
    assert "Hankinnat siirtyvät maakunnille." in body
    assert f"{timezone.localtime(published.withdrawn_at):%-d.%-m.%Y}" in body
    assert published.decided_version.text not in body
    member_page = sign_in(Client(), cast["m2"]).get(published.get_absolute_url())
    assert "Hankinnat siirtyvät maakunnille." in member_page.content.decode()


def test_a_swedish_reader_gets_the_swedish_titles_of_the_old_and_the_new_position(published, cast):
    published.title_sv = "Räddningsväsendets finansieringsmodell"
    published.save(update_fields=["title_sv"])
    new = replacement_of(published, cast, title_sv="Finansieringsmodell 2019")
    reader = sign_in(Client(), cast["m2"])
    reader.post(reverse("language_switch"), {"language": "sv", "next": "/"})

    preparing = reader.get(published.get_absolute_url()).content.decode()
    through_the_board(new, cast)
    superseded = reader.get(published.get_absolute_url()).content.decode()
    replacing = reader.get(new.get_absolute_url()).content.decode()

    assert ">Finansieringsmodell 2019</a>" in preparing
    assert ">Finansieringsmodell 2019</a>" in superseded
    assert ">Pelastustoimen rahoitusmalli 2019</a>" not in superseded
    assert ">Räddningsväsendets finansieringsmodell</a>" in replacing
