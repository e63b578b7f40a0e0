"""Every form of the portal, fed what people and robots type: long, empty, control
characters, NUL, right-to-left and mixed Unicode, extreme dates and numbers. A form never
raises (which would be a 500); it answers with its errors, and what it accepts is sane."""

import datetime
import importlib
import inspect
from decimal import Decimal

import pytest
from django import forms
from django.apps import apps
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

pytestmark = pytest.mark.django_db

OURS = ("network", "governance", "preparation", "communications")

NASTY = st.sampled_from(
    [
        "",
        " ",
        "\x00",
        "a\x00b",
        "rivi\r\nrivi",
        "\u202eevil\u202c",
        "עברית ja suomi",
        "🧯" * 50,
        "x" * 20_000,
        "0001-01-01",
        "9999-12-31",
        "2017-02-30",
        "2017-12-31T25:61",
        "31.12.2017",
        "1e999",
        "NaN",
        "-Infinity",
        "-0",
        "99999999999999999999999999",
        "abc",
        "'; DROP TABLE x; --",
        "<script>alert(1)</script>",
        "&|!:*",
    ]
)
VALUE = st.one_of(NASTY, st.text(max_size=300))


def our_forms() -> list[type[forms.Form]]:
    for config in apps.get_app_configs():
        if config.name.split(".")[0] in OURS:
            for module in ("forms", "views", "positions.forms", "bulletins.forms", "public.forms"):
                try:
                    importlib.import_module(f"{config.name}.{module}")
                except ImportError:
                    continue
    found, queue = set(), [forms.Form]
    while queue:
        for sub in queue.pop().__subclasses__():
            queue.append(sub)
            if sub.__module__.split(".")[0] in OURS:
                found.add(sub)
    return sorted(found, key=lambda cls: f"{cls.__module__}.{cls.__name__}")


def build(form_class, data):
    """The form with stand-ins for what its page passes in (a person, a body, a seat…)."""
    from governance.models import AgendaItem, Body, Membership
    from network.models import Department, User

    person = User.objects.order_by("pk").first()
    stand_ins = {
        "user": person,
        "actor": person,
        "body": Body.objects.order_by("pk").first(),
        "membership": Membership.objects.select_related("user").order_by("pk").first(),
        "personal_deputy": None,
        "seats": [],
        "rsvps": {},
        "recorded": {},
        "items": AgendaItem.objects.none(),
        "questions": (),
        "principals": None,
        "current": {},
        "digest_hour": 7,
        "department": Department.objects.order_by("pk").first(),
    }
    parameters = inspect.signature(form_class.__init__).parameters
    kwargs = {
        name: stand_ins[name]
        for name, parameter in parameters.items()
        if parameter.kind == parameter.KEYWORD_ONLY and name in stand_ins
    }
    return form_class(data, **kwargs)


@pytest.fixture
def world(departments):
    from governance.models import Body, BodyKind, Membership
    from tests.factories import make_director

    director = make_director(departments["lappi"])
    body = Body.objects.create(kind=BodyKind.BOARD, slug="hallitus", name_fi="Hallitus")
    Membership.objects.create(body=body, user=director, department=director.department)


def sane(value) -> bool:
    if isinstance(value, (datetime.date, datetime.datetime)):
        return 2000 <= value.year <= 2100
    if isinstance(value, (float, Decimal)):
        return value == value and abs(value) != float("inf")
    if isinstance(value, str):
        return "\x00" not in value
    return True


FORMS = our_forms()


def test_the_fuzz_finds_the_portals_forms():
    names = {cls.__name__ for cls in FORMS}
    assert {"MeetingForm", "PositionForm", "MembershipForm", "InviteForm"} <= names
    assert len(FORMS) >= 25


@pytest.mark.parametrize("form_class", FORMS, ids=lambda cls: f"{cls.__module__}.{cls.__name__}")
def test_a_form_never_raises_and_accepts_only_sane_values(world, form_class):
    field_names = list(build(form_class, None).fields)
    if not field_names:
        pytest.skip("no fields")

    @settings(
        max_examples=25,
        deadline=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )
    @given(st.fixed_dictionaries(dict.fromkeys(field_names, VALUE)))
    def check(data):
        form = build(form_class, data)
        if form.is_valid():
            for name, value in form.cleaned_data.items():
                values = value if isinstance(value, (list, tuple)) else [value]
                assert all(sane(v) for v in values), (name, value)

    check()
