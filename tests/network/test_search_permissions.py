"""Search never shows what the person may not see: each kind, for each role that matters.

Every object here is made through the services (so the services' indexing is proved
too) and carries one word of its own, so a search for that word asks exactly one
question: may this person see this object?
"""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from communications.bulletins import services as bulletins
from communications.public import services as public
from governance import selectors
from governance import services as governance
from governance.models import Body, BodyKind, Role
from governance.positions import services as positions
from governance.positions.models import ConsultationAnswer
from network.models import DepartmentRole, NetworkRole, SearchEntry
from network.search import parse_query, search, search_index, search_reindex
from tests.factories import make_director, make_network_admin, make_user, sign_in
from tests.governance.conftest import hold, record_presence, seat, soon

pytestmark = pytest.mark.django_db

ROLES = (
    "member",
    "director",
    "official",
    "comms",
    "admin",
    "chair",
    "secretary",
    "board_member",
    "personal_deputy",
)


@pytest.fixture
def cast(departments):
    people = {
        "member": make_user(first_name="Ulla", last_name="Ulkopuolinen"),
        "director": make_director(departments["lappi"], first_name="Arto", last_name="Johtaja"),
        "official": make_user(first_name="Sanna", last_name="Virkailija", roles=["official"]),
        "comms": make_user(
            first_name="Laura", last_name="Viestintä", roles=[NetworkRole.COMMUNICATIONS]
        ),
        "admin": make_network_admin(first_name="Anna", last_name="Ylläpitäjä"),
        "chair": make_director(departments["helsinki"], first_name="Jari", last_name="Pj"),
        "secretary": make_user(first_name="Seija", last_name="Sihteeri"),
        "board_member": make_director(departments["kainuu"], first_name="Ville", last_name="J"),
        "personal_deputy": make_user(
            first_name="Janne",
            last_name="Varajäsen",
            department=departments["kainuu"],
            department_role=DepartmentRole.DEPUTY,
        ),
    }
    board = Body.objects.create(kind=BodyKind.BOARD, slug="hallitus", name_fi="Hallitus")
    seat(board, people["chair"], Role.CHAIR)
    seat(board, people["secretary"], Role.SECRETARY)
    seat(board, people["board_member"], personal_deputy=people["personal_deputy"])
    people["board"] = board
    return people


def found(person, word: str) -> bool:
    return search(user=person, parsed=parse_query(word)).exists()


def assert_seen_by(cast, word: str, allowed: set[str]):
    seen = {role for role in ROLES if found(cast[role], word)}
    assert seen == allowed


def meeting(cast, word, *, restricted=False, publish=True):
    starts, ends = soon()
    made = governance.meeting_schedule(
        actor=cast["secretary"],
        body=cast["board"],
        title=f"Kokous {word}",
        starts_at=starts,
        ends_at=ends,
        location="Teams",
        restricted=restricted,
    )
    governance.agenda_item_add(
        actor=cast["secretary"], meeting=made, title="Asia", background=f"Taustaa {word}sta"
    )
    if publish:
        governance.meeting_publish(actor=cast["secretary"], meeting=made)
    return made


# --- Meetings, agenda items, minutes ------------------------------------------------------------

BOARD_MANAGERS = {"chair", "secretary", "admin"}
BOARD = BOARD_MANAGERS | {"board_member", "personal_deputy"}


def test_a_draft_meeting_and_its_items_are_found_only_by_those_who_manage_the_body(cast):
    meeting(cast, "salmiakki", publish=False)

    assert_seen_by(cast, "salmiakki", BOARD_MANAGERS)
    assert SearchEntry.objects.filter(kind__in=["meeting", "agenda_item"]).count() == 2


def test_a_restricted_meeting_and_its_items_are_found_only_by_the_body(cast):
    meeting(cast, "lakritsi", restricted=True)

    assert_seen_by(cast, "lakritsi", BOARD)


def test_a_published_meeting_and_its_items_are_found_by_every_member(cast):
    meeting(cast, "mustikka")

    assert_seen_by(cast, "mustikka", set(ROLES))


def test_an_agenda_item_is_found_by_its_documents_name(cast):
    from django.core.files.uploadedfile import SimpleUploadedFile

    made = meeting(cast, "puolukka", publish=False)
    item = made.items.get()
    upload = SimpleUploadedFile("talousarvio.pdf", b"%PDF-1.4 x", content_type="application/pdf")
    governance.agenda_document_add(actor=cast["secretary"], item=item, upload=upload)

    assert found(cast["secretary"], "talousarvio")
    assert not found(cast["member"], "talousarvio")


def approved_minutes(cast, word, *, restricted=False):
    made = hold(meeting(cast, "kokousasia", restricted=restricted))
    record_presence(made, cast["secretary"])
    item = made.items.get()
    governance.minutes_record(
        actor=cast["secretary"], item=item, discussion="Keskusteltiin.", decision=f"Päätös {word}"
    )
    # Draft minutes are neither indexed (even by a full reindex) nor visible.
    search_reindex(["minutes"])
    assert not SearchEntry.objects.filter(kind="minutes", object_id=made.pk).exists()
    assert not selectors.visible_approved_minutes(user=cast["admin"]).filter(pk=made.pk).exists()
    governance.minutes_approve(actor=cast["chair"], meeting=made)
    return made


def test_minutes_are_found_once_approved_by_those_who_see_the_meeting(cast):
    approved_minutes(cast, "karpalo")

    assert_seen_by(cast, "karpalo", set(ROLES))


def test_approved_minutes_of_a_restricted_meeting_are_found_only_by_the_body(cast):
    approved_minutes(cast, "lakka", restricted=True)

    assert_seen_by(cast, "lakka", BOARD)


# --- Positions and consultation answers ---------------------------------------------------------


def draft_position(cast, word, actor="official", prepared_by=None):
    return positions.position_create(
        actor=cast[actor],
        title=f"Kanta {word}",
        summary="Tiivistelmä.",
        text="Teksti.",
        prepared_by=prepared_by,
    )


def test_a_draft_position_is_found_only_by_its_drafter_and_those_who_run_the_process(cast):
    draft_position(cast, "vadelma", actor="board_member")

    # Officials (and admins, who are officials), the board's chair and secretary run it.
    assert_seen_by(cast, "vadelma", {"board_member", "official", "admin", "chair", "secretary"})


def test_a_position_in_consultation_is_found_by_every_member(cast):
    position = draft_position(cast, "mansikka")
    positions.consultation_open(
        actor=cast["official"], position=position, deadline=timezone.now() + timedelta(days=9)
    )

    assert_seen_by(cast, "mansikka", set(ROLES))


def test_a_consultation_answers_comment_is_found_with_its_position(cast):
    position = draft_position(cast, "herukka")
    positions.consultation_open(
        actor=cast["official"], position=position, deadline=timezone.now() + timedelta(days=9)
    )
    positions.consultation_answer(
        user=cast["director"],
        position=position,
        stance="supports_with_changes",
        comment="Muutetaan siirtymäaikaa karviaisen tapaan.",
    )

    assert_seen_by(cast, "karviainen", set(ROLES))


def test_an_answer_to_a_position_still_in_draft_is_not_found(cast):
    position = draft_position(cast, "tyrni")
    answer = ConsultationAnswer.objects.create(
        position=position,
        department=cast["director"].department,
        stance="opposes",
        comment="Pihlaja ei käy.",
        answered_by=cast["director"],
    )
    search_index("consultation_answer", answer.pk)

    assert_seen_by(cast, "pihlaja", {"official", "admin", "chair", "secretary"})


# --- Bulletins and the public site --------------------------------------------------------------


def test_a_draft_bulletin_is_found_only_by_its_author_and_communications_officers(cast):
    bulletins.bulletin_save(
        actor=cast["comms"],
        title="Tiedote omenasta",
        text="Luonnos.",
        audience=[("network", "all")],
    )

    assert_seen_by(cast, "omena", {"comms"})


def test_a_published_bulletin_is_found_only_by_its_audience(cast, departments):
    bulletin = bulletins.bulletin_save(
        actor=cast["comms"],
        title="Tiedote päärynästä",
        text="Vain Kainuulle.",
        audience=[("department", str(departments["kainuu"].pk))],
    )
    bulletins.bulletin_publish(actor=cast["comms"], bulletin=bulletin)

    # Kainuu's board member and deputy; the communications officers see every bulletin.
    assert_seen_by(cast, "päärynä", {"board_member", "personal_deputy", "comms"})


def test_a_bulletins_comments_are_found_by_its_audience(cast):
    bulletin = bulletins.bulletin_save(
        actor=cast["comms"], title="Tiedote", text="Kaikille.", audience=[("network", "all")]
    )
    bulletins.bulletin_publish(actor=cast["comms"], bulletin=bulletin)
    bulletins.bulletin_comment(user=cast["member"], bulletin=bulletin, text="Entä kirsikka?")

    assert_seen_by(cast, "kirsikka", set(ROLES))


def public_item(cast, word, **publish):
    item = public.public_item_save(
        actor=cast["comms"],
        kind="news",
        language="fi",
        title=f"Uutinen {word}",
        lead="Ingressi.",
        body="Teksti.",
    )
    if publish is not None:
        public.public_item_submit(actor=cast["comms"], item=item)
    return item


def test_public_news_is_found_only_once_it_is_live(cast):
    draft = public_item(cast, "appelsiini")
    scheduled = public_item(cast, "mandariini")
    public.public_item_publish(
        actor=cast["comms"], item=scheduled, publish_at=timezone.now() + timedelta(days=2)
    )
    live = public_item(cast, "sitruuna")
    public.public_item_publish(actor=cast["comms"], item=live)
    withdrawn = public_item(cast, "greippi")
    public.public_item_publish(actor=cast["comms"], item=withdrawn)
    public.public_item_unpublish(actor=cast["comms"], item=withdrawn)

    assert draft.state == "review"
    for word in ("appelsiini", "mandariini", "greippi"):
        assert_seen_by(cast, word, set())
    assert_seen_by(cast, "sitruuna", set(ROLES))


# --- What every member sees, and what nobody signed out does ------------------------------------


def test_status_updates_assignments_and_working_groups_are_found_by_every_member(cast):
    group = governance.working_group_create(
        actor=cast["chair"], parent=cast["board"], name_fi="Ananastyöryhmä"
    )
    seat(group, cast["member"])
    governance.assignment_give(
        actor=cast["chair"],
        body=cast["board"],
        working_group=group,
        title="Selvitä banaani",
        description="Selvitys.",
        deadline=timezone.localdate() + timedelta(days=30),
    )
    governance.status_update_post(
        actor=cast["member"],
        group=group,
        period_start=timezone.localdate() - timedelta(days=7),
        period_end=timezone.localdate(),
        status="on_track",
        progress="Kiivi etenee.",
    )

    for word in ("ananastyöryhmä", "banaani", "kiivi"):
        assert_seen_by(cast, word, set(ROLES))


def test_work_items_reform_events_and_indicators_are_found_by_every_member(cast, departments):
    from preparation import services as preparation
    from preparation.models import Indicator, Workstream

    workstream = Workstream.objects.create(code="talous", name_fi="Talous")
    preparation.work_item_create(
        actor=cast["director"],
        title="Taatelin hankinta",
        description="Yhteinen.",
        workstream=workstream,
    )
    preparation.reform_event_save(
        actor=cast["official"], date=timezone.localdate(), kind="law", title_fi="Viikunalaki"
    )
    preparation.reference_data_save(
        actor=cast["official"],
        instance=Indicator(code="X1", name_fi="Rusinaindikaattori", unit="kpl"),
    )

    for word in ("taateli", "viikunalaki", "rusinaindikaattori"):
        assert_seen_by(cast, word, set(ROLES))


def test_people_and_departments_are_found_but_not_people_who_have_left(cast, departments):
    leaver = make_user(first_name="Kerttu", last_name="Lähtenyt")
    search_reindex(["person", "department"])
    leaver.is_active = False
    leaver.save()

    assert_seen_by(cast, "seija", set(ROLES))
    assert_seen_by(cast, "pirkanmaa", set(ROLES))
    assert_seen_by(cast, "kerttu", set())


def test_signed_out_visitors_are_sent_to_sign_in(client):
    response = client.get(reverse("search"), {"q": "kokous"})

    assert response.status_code == 302


def test_the_page_shows_only_what_the_person_may_see(cast, client):
    made = meeting(cast, "lakritsi", restricted=True)

    outsider = sign_in(client, cast["member"]).get(reverse("search"), {"q": "lakritsi"})
    client.logout()
    board_member = sign_in(client, cast["board_member"]).get(reverse("search"), {"q": "lakritsi"})

    assert made.get_absolute_url() not in outsider.content.decode()
    assert made.get_absolute_url() in board_member.content.decode()


def test_a_removed_agenda_item_leaves_the_index(cast):
    made = meeting(cast, "kuusama", publish=False)
    governance.agenda_item_delete(actor=cast["secretary"], item=made.items.get())

    assert not SearchEntry.objects.filter(kind="agenda_item").exists()
    assert found(cast["secretary"], "kuusama"), "the meeting itself stays"
