"""Bad input gets a clear answer, never a 500: the rules every app shares (dates in a
sensible range, titles on one line, no NUL byte in an address), proved through the pages."""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from communications.bulletins import services as bulletin_services
from communications.bulletins.models import Bulletin
from network.models import NetworkRole
from network.validators import one_line, validate_sensible_date, validate_single_line
from preparation.facts import preparation_load_facts
from tests.factories import make_director, make_user, sign_in

pytestmark = pytest.mark.django_db

HELSINKI = ZoneInfo("Europe/Helsinki")


# --- The shared rules --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "value",
    [
        date(2000, 1, 1),
        date(2100, 12, 31),
        datetime(2000, 1, 1, 0, 0, tzinfo=HELSINKI),
        datetime(2100, 12, 31, 23, 59, tzinfo=HELSINKI),
    ],
)
def test_dates_from_the_year_2000_to_2100_are_accepted(value):
    validate_sensible_date(value)


@pytest.mark.parametrize(
    "value",
    [
        date(1, 1, 1),
        date(1999, 12, 31),
        date(2101, 1, 1),
        date(9999, 12, 31),
        datetime(1, 1, 1, 0, 0, tzinfo=HELSINKI),
        datetime(2101, 1, 1, 0, 0, tzinfo=HELSINKI),
    ],
)
def test_dates_outside_2000_to_2100_are_refused_with_the_range_in_the_message(value):
    with pytest.raises(ValidationError) as refused:
        validate_sensible_date(value)

    assert "2000" in refused.value.messages[0] and "2100" in refused.value.messages[0]


@pytest.mark.parametrize(
    "title", ["A\nB", "A\r\nB", "A\rB", "A\u2028B", "A\x0bB", "A\x85B", "AB\n"]
)
def test_a_title_with_any_line_break_is_refused_and_folds_into_one_line(title):
    with pytest.raises(ValidationError):
        validate_single_line(title)

    assert one_line(title) in {"A B", "AB"}
    validate_single_line(one_line(title))


def test_an_ordinary_title_stays_as_it_is():
    validate_single_line("Hallituksen kokous 3/2025 – talous")
    assert one_line("Hallituksen  kokous ") == "Hallituksen  kokous "


# --- A NUL byte in an address ------------------------------------------------------------------

NUL_ADDRESSES = [
    "/directory/people/?q=%00",
    "/directory/people/?q=abc&page=%00",
    "/preparation/timeline/?kind=%00",
    "/preparation/timeline/?workstream=%00",
    "/preparation/readiness/?region=%00",
    "/preparation/work/?workstream=%00",
    "/preparation/work/similar/?title=abcd%00",
    "/preparation/indicators/VALVONTA_TOTEUMA/?period=%00",
    "/governance/calendar/%00.ics",
    "/positions/?state=%00",
    "/notifications/?page=%00",
    "/preparation/indicators/%00/",
]


@pytest.fixture
def prepared(departments):
    preparation_load_facts()
    return make_director(departments["pirkanmaa"])


def test_a_nul_byte_in_the_address_answers_400_with_a_page_that_says_so(prepared):
    client = sign_in(Client(), prepared)

    for address in NUL_ADDRESSES:
        response = client.get(address)

        assert response.status_code == 400, address
        assert "400.html" in [template.name for template in response.templates], address


def test_a_nul_byte_in_a_public_address_answers_400_to_anonymous_visitors(client):
    assert client.get("/governance/calendar/%00.ics").status_code == 400
    assert client.get("/public/fi/?x=%00").status_code == 400


@pytest.fixture
def without_nul_middleware(settings):
    """The pages themselves, without the general defence in front of them."""
    settings.MIDDLEWARE = [m for m in settings.MIDDLEWARE if not m.endswith("RefuseNulMiddleware")]


def test_each_page_refuses_a_nul_byte_in_its_query_string_itself_with_a_4xx(
    without_nul_middleware, prepared
):
    client = sign_in(Client(), prepared)

    for address in [a for a in NUL_ADDRESSES if "?" in a] + ["/governance/calendar/%00.ics"]:
        response = client.get(address)  # a 500 would raise here

        if address in FORGIVING:
            assert response.status_code == 200, address
        else:
            assert 400 <= response.status_code < 500, address


#: Where a bad value is ignored instead: a page number (the first page is shown), a list
#: filter that falls back to everything, and the suggestions while typing (none offered).
FORGIVING = {
    "/directory/people/?q=abc&page=%00",
    "/notifications/?page=%00",
    "/positions/?state=%00",
    "/preparation/work/similar/?title=abcd%00",
}


def test_a_nul_byte_in_a_posted_field_is_a_form_error_next_to_the_field(prepared):
    official = make_user(roles=[NetworkRole.OFFICIAL])
    client = sign_in(Client(), official)

    response = client.post(
        reverse("preparation:work_item_new"),
        {
            "title": "Yhteinen\x00 hankinta",
            "description": "Kuvaus",
            "workstream": "",
            "confirmed": "1",
        },
    )

    assert response.status_code == 200
    (error,) = response.context["form"].errors.as_data()["title"]
    assert error.code == "null_characters_not_allowed"
    assert "Kuvaus" in response.content.decode()


# --- Titles reach e-mail headers on one line ---------------------------------------------------


@pytest.fixture
def comms(db):
    return make_user(first_name="Laura", last_name="Viestintä", roles=[NetworkRole.COMMUNICATIONS])


def test_an_urgent_bulletin_whose_title_was_typed_with_a_line_break_is_e_mailed(
    comms, departments, mailoutbox, django_capture_on_commit_callbacks
):
    director = make_director(departments["lappi"])
    client = sign_in(Client(), comms)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("bulletins:new"),
            {
                "title": "Myrskyvaroitus\r\nkaikille",
                "text": "Varautukaa.",
                "audience": ["role:director"],
                "urgent": "on",
                "action": "publish",
            },
        )

    assert response.status_code == 302
    assert Bulletin.objects.get().title == "Myrskyvaroitus kaikille"
    assert [m.to for m in mailoutbox] == [[director.email]]
    assert "\n" not in mailoutbox[0].subject and "Myrskyvaroitus kaikille" in mailoutbox[0].subject


def test_the_bulletin_service_refuses_a_title_with_a_line_break(comms):
    with pytest.raises(ValidationError) as refused:
        bulletin_services.bulletin_save(
            actor=comms, title="Kaksi\nriviä", text="Teksti", audience=[("role", "director")]
        )

    assert "title" in refused.value.message_dict


def test_a_title_stored_with_a_line_break_before_the_rule_still_gives_a_valid_subject(
    comms, departments, mailoutbox, django_capture_on_commit_callbacks
):
    director = make_director(departments["lappi"])
    bulletin = bulletin_services.bulletin_save(
        actor=comms, title="Vanha", text="Teksti", audience=[("role", "director")], urgent=True
    )
    Bulletin.objects.filter(pk=bulletin.pk).update(title="Vanha\r\notsikko")
    bulletin.refresh_from_db()

    with django_capture_on_commit_callbacks(execute=True):
        bulletin_services.bulletin_publish(actor=comms, bulletin=bulletin)

    assert [m.to for m in mailoutbox] == [[director.email]]
    assert "Vanha otsikko" in mailoutbox[0].subject
    mailoutbox[0].message()  # the headers are valid


# --- Dates out of range in scheduling -----------------------------------------------------------


def test_a_bulletin_cannot_be_scheduled_or_pinned_to_the_year_1(comms):
    client = sign_in(Client(), comms)

    response = client.post(
        reverse("bulletins:new"),
        {
            "title": "Tiedote",
            "text": "Teksti, jota ei saa hukata.",
            "audience": ["role:director"],
            "pinned_until": "0001-01-01",
            "publish_at": "0001-01-01T10:00",
            "action": "publish",
        },
    )

    form = response.context["form"]
    assert response.status_code == 200
    assert set(form.errors) == {"pinned_until", "publish_at"}
    assert "Teksti, jota ei saa hukata." in response.content.decode()
    assert not Bulletin.objects.exists()
    with pytest.raises(ValidationError):
        bulletin_services.bulletin_publish(
            actor=comms,
            bulletin=bulletin_services.bulletin_save(
                actor=comms, title="T", text="T", audience=[("role", "director")]
            ),
            publish_at=timezone.now().replace(year=2101),
        )


def test_a_bulletin_can_still_be_scheduled_for_next_week(comms):
    bulletin = bulletin_services.bulletin_save(
        actor=comms,
        title="T",
        text="T",
        audience=[("role", "director")],
        pinned_until=timezone.localdate() + timedelta(days=7),
    )

    bulletin_services.bulletin_publish(
        actor=comms, bulletin=bulletin, publish_at=timezone.now() + timedelta(days=7)
    )

    assert bulletin.state == "scheduled"
