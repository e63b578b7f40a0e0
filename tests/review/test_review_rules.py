"""The rules of a strategy review round, each proved through the services."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from communications.models import Notification
from governance.models import Body, BodyKind, MeetingState
from governance.review import selectors, services
from governance.review.kinds import REVIEW_DECIDED, REVIEW_OPENED
from governance.review.models import ReviewComment, ReviewRound, ReviewState
from tests.review.conftest import held_meeting

pytestmark = pytest.mark.django_db


def test_only_a_network_admin_opens_a_round(people):
    for person in ("chair", "director", "official", "member"):
        with pytest.raises(PermissionDenied):
            services.review_round_open(
                actor=people[person],
                name_fi="Tarkistus",
                covers_from=timezone.localdate() - timedelta(days=300),
                deadline=timezone.localdate() + timedelta(days=10),
            )
    assert not ReviewRound.objects.exists()


def test_opening_a_round_tells_every_departments_director_and_deputy(people, review):
    told = set(
        Notification.objects.filter(kind=REVIEW_OPENED).values_list("recipient_id", flat=True)
    )

    assert {people["director"].pk, people["other_director"].pk, people["deputy"].pk} <= told
    assert people["member"].pk not in told
    assert people["secretary"].pk not in told


def test_the_director_deputy_and_named_reporter_comment_for_their_department(
    people, review, departments
):
    pirkanmaa = departments["pirkanmaa"]
    for person in ("director", "deputy", "reporter"):
        services.review_comment_add(
            user=people[person], review=review, department=pirkanmaa, text=f"Kommentti {person}"
        )

    assert review.comments.filter(department=pirkanmaa).count() == 3


def test_nobody_comments_for_a_department_they_do_not_speak_for(people, review, departments):
    with pytest.raises(PermissionDenied):
        services.review_comment_add(
            user=people["other_director"],
            review=review,
            department=departments["pirkanmaa"],
            text="Kainuu ei puhu Pirkanmaan puolesta.",
        )
    for person in ("member", "official", "secretary"):
        with pytest.raises(PermissionDenied):
            services.review_comment_add(
                user=people[person],
                review=review,
                department=departments["pirkanmaa"],
                text="Ei oikeutta.",
            )
    assert not ReviewComment.objects.exists()


def test_the_round_is_one_thread_where_a_department_may_write_again(people, review, departments):
    services.review_comment_add(
        user=people["director"], review=review, department=departments["pirkanmaa"], text="Eka"
    )
    services.review_comment_add(
        user=people["other_director"], review=review, department=departments["kainuu"], text="Toka"
    )
    services.review_comment_add(
        user=people["director"], review=review, department=departments["pirkanmaa"], text="Vastaus"
    )

    texts = [c.text for c in selectors.round_comments(review=review)]
    assert texts == ["Eka", "Toka", "Vastaus"]


def test_no_comment_after_the_deadline_day(people, review, departments):
    ReviewRound.objects.filter(pk=review.pk).update(
        deadline=timezone.localdate() - timedelta(days=1)
    )
    review.refresh_from_db()

    with pytest.raises(ValidationError, match="Määräaika on umpeutunut"):
        services.review_comment_add(
            user=people["director"], review=review, department=departments["pirkanmaa"], text="X"
        )


def test_comments_are_taken_on_the_deadline_day_itself(people, review, departments):
    ReviewRound.objects.filter(pk=review.pk).update(deadline=timezone.localdate())
    review.refresh_from_db()

    services.review_comment_add(
        user=people["director"], review=review, department=departments["pirkanmaa"], text="Ajoissa"
    )
    assert review.comments.count() == 1


def test_no_comment_after_the_decision(people, review, departments):
    services.review_decide(
        actor=people["chair"], review=review, meeting=people["meeting"], decision_fi="Päätös."
    )

    with pytest.raises(ValidationError, match="Kierroksesta on päätetty"):
        services.review_comment_add(
            user=people["director"], review=review, department=departments["pirkanmaa"], text="X"
        )
    assert not review.comments.exists()


@pytest.mark.parametrize("person", ["chair", "secretary", "admin"])
def test_the_directors_meetings_chair_secretary_or_an_admin_records_the_decision(
    people, review, person
):
    services.review_decide(
        actor=people[person],
        review=review,
        meeting=people["meeting"],
        decision_fi="Strategia päivitetään.",
        decision_sv="Strategin uppdateras.",
    )

    review.refresh_from_db()
    assert review.state == ReviewState.DECIDED
    assert review.decided_by == people[person]
    assert review.decided_in == people["meeting"]
    assert review.decided_at is not None
    assert not review.comments_open


@pytest.mark.parametrize("person", ["other_director", "director", "official", "member"])
def test_nobody_else_records_the_decision(people, review, person):
    """A member of the directors' meeting (other_director) is not enough."""
    with pytest.raises(PermissionDenied):
        services.review_decide(
            actor=people[person], review=review, meeting=people["meeting"], decision_fi="P"
        )
    review.refresh_from_db()
    assert review.state == ReviewState.OPEN


def test_the_chair_of_another_body_does_not_record_the_decision(people, review):
    from tests.governance.conftest import seat

    board = Body.objects.create(kind=BodyKind.BOARD, slug="hallitus", name_fi="Hallitus")
    seat(board, people["director"], "chair")

    with pytest.raises(PermissionDenied):
        services.review_decide(
            actor=people["director"], review=review, meeting=people["meeting"], decision_fi="P"
        )


def test_the_decision_closes_the_round_for_good(people, review):
    services.review_decide(
        actor=people["chair"], review=review, meeting=people["meeting"], decision_fi="Ensimmäinen"
    )

    with pytest.raises(ValidationError, match="Kierroksesta on jo päätetty"):
        services.review_decide(
            actor=people["secretary"], review=review, meeting=people["meeting"], decision_fi="Toka"
        )
    review.refresh_from_db()
    assert review.decision_fi == "Ensimmäinen"


def test_the_decision_comes_from_a_held_meeting_of_the_directors_meeting(people, review):
    board = Body.objects.create(kind=BodyKind.BOARD, slug="hallitus", name_fi="Hallitus")
    not_allowed = [
        held_meeting(board, title="Hallituksen kokous"),
        held_meeting(people["body"], days_ago=-3, title="Tuleva kokous"),
        held_meeting(people["body"], state=MeetingState.CANCELLED, title="Peruttu"),
        held_meeting(people["body"], state=MeetingState.DRAFT, title="Luonnos"),
    ]
    for meeting in not_allowed:
        with pytest.raises(ValidationError, match="pidetty johtajakokouksen kokous"):
            services.review_decide(
                actor=people["chair"], review=review, meeting=meeting, decision_fi="P"
            )
    review.refresh_from_db()
    assert review.state == ReviewState.OPEN


def test_a_restricted_meeting_the_person_may_not_see_is_refused(people, review):
    """The secretary of the body sees it; an admin sees everything; the rule is visibility."""
    from governance.selectors import visible_meetings

    restricted = held_meeting(people["body"], restricted=True, title="Suljettu")
    assert visible_meetings(user=people["chair"]).filter(pk=restricted.pk).exists()
    services.review_decide(
        actor=people["chair"], review=review, meeting=restricted, decision_fi="Päätös"
    )
    assert ReviewRound.objects.get(pk=review.pk).decided_in == restricted


def test_the_decision_tells_the_directors_and_clears_what_waited(people, review):
    services.review_decide(
        actor=people["secretary"], review=review, meeting=people["meeting"], decision_fi="P"
    )

    assert Notification.objects.filter(kind=REVIEW_DECIDED, recipient=people["director"]).exists()
    assert not Notification.objects.filter(
        kind=REVIEW_OPENED, recipient=people["director"], read_at__isnull=True
    ).exists()


def test_the_round_waits_on_the_directors_dashboard_until_their_department_comments(
    people, review, departments
):
    waiting = selectors.rounds_waiting_for_department
    assert list(waiting(user=people["director"])) == [review]
    assert list(waiting(user=people["deputy"])) == [review]
    assert list(waiting(user=people["member"])) == []

    services.review_comment_add(
        user=people["reporter"], review=review, department=departments["pirkanmaa"], text="K"
    )

    assert list(waiting(user=people["director"])) == []
    assert list(waiting(user=people["deputy"])) == []
    assert list(waiting(user=people["other_director"])) == [review]


def test_a_decided_round_waits_for_nobody(people, review):
    services.review_decide(
        actor=people["chair"], review=review, meeting=people["meeting"], decision_fi="P"
    )

    assert list(selectors.rounds_waiting_for_department(user=people["other_director"])) == []


def test_a_round_past_its_deadline_waits_for_nobody(people, review):
    ReviewRound.objects.filter(pk=review.pk).update(
        deadline=timezone.localdate() - timedelta(days=1)
    )

    assert list(selectors.rounds_waiting_for_department(user=people["other_director"])) == []


def test_the_deadline_must_not_be_past_nor_before_the_period(people):
    today = timezone.localdate()
    with pytest.raises(ValidationError) as past:
        services.review_round_open(
            actor=people["admin"],
            name_fi="T",
            covers_from=today - timedelta(days=100),
            deadline=today - timedelta(days=1),
        )
    assert "deadline" in past.value.error_dict
    with pytest.raises(ValidationError) as backwards:
        services.review_round_open(
            actor=people["admin"],
            name_fi="T",
            covers_from=today + timedelta(days=30),
            deadline=today + timedelta(days=10),
        )
    assert "covers_from" in backwards.value.error_dict


def test_a_swedish_director_reads_the_rounds_notification_in_swedish(people, departments):
    from django.utils import translation

    from tests.factories import make_director

    erik = make_director(departments["pohjanmaa"], first_name="Erik", language="sv")
    with translation.override("fi"):  # a Finnish speaker opens the round
        services.review_round_open(
            actor=people["admin"],
            name_fi="Strategian tarkistus",
            name_sv="Översyn av strategin",
            covers_from=date(2017, 1, 1),
            deadline=timezone.localdate() + timedelta(days=14),
        )

    his = Notification.objects.get(recipient=erik, kind="review_opened")
    finnish = Notification.objects.get(recipient=people["director"], kind="review_opened")
    with translation.override("sv"):
        assert "Översyn av strategin" in his.title
    with translation.override("fi"):
        assert "Strategian tarkistus" in finnish.title
