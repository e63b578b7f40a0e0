"""Governance's part of the large data set (``network.large_data``): 80 bodies with their
membership history, 3,000 meetings with 30,000 agenda items and minutes, 50,000 status
updates, and 2,000 positions with every department's answers and the board's votes."""

from __future__ import annotations

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from governance.facts import BOARD, DIRECTORS_MEETING, bodies_load_facts
from governance.models import (
    AgendaItem,
    Assignment,
    Body,
    BodyKind,
    Meeting,
    MeetingState,
    Membership,
    MembershipAction,
    MembershipChange,
    MinutesState,
    Role,
    Status,
    StatusUpdate,
)
from governance.positions.models import (
    AuditAction,
    AuditEntry,
    ConsultationAnswer,
    ConsultationQuestion,
    Position,
    PositionState,
    PositionVersion,
    QuestionAnswer,
    Stance,
    Vote,
    VoteChoice,
)
from network.benchmark import register_benchmark_page
from network.large_data import Build, copy_rows, register_large_data_step
from network.reform import Cornerstone, Workstream

BATCH = 5000
PLACES = ("Teams", "Tampere, Pirkanmaan pelastuslaitos", "Helsinki, Sisäministeriö", "Oulu")


def _seat(build, body, user, role, start, end=None, department=None, deputy=None):
    return Membership(
        body=body,
        user=user,
        role=role,
        department=department if department is not None else user.department,
        start_date=start,
        end_date=end,
        personal_deputy=deputy,
    )


@register_large_data_step("bodies", 20)
def build_bodies(build: Build) -> None:
    """The real bodies, working groups up to 80 bodies, and seats with ten years of
    history (every seat has its ended predecessors)."""
    real = bodies_load_facts()
    people = build.shared["people"]
    directors = build.shared["directors"]
    deputies = build.shared["deputies"]
    bench = build.shared["benchmark_director"]
    staff = [p for p in people if p.department_role == "staff"]
    areas = [b for b in real.values() if b.kind == BodyKind.SERVICE_AREA]
    parents = [real[BOARD], *areas]
    groups = []
    for number in range(build.n(80, minimum=len(real) + 2) - len(real)):
        title = build.text.fi_title().split(" –")[0]
        start = build.day(build.start, build.today - timedelta(days=60))
        end = start + timedelta(days=365 * build.rng.choice((1, 2, 3)))
        closed = end < build.today
        groups.append(
            Body(
                kind=BodyKind.WORKING_GROUP,
                slug=f"tyoryhma-{number + 1}",
                name_fi=f"{title}: työryhmä {number + 1}",
                name_sv=f"Arbetsgrupp {number + 1}",
                name_en=f"Working group {number + 1}",
                # The first under the board, so every page has every part at any scale.
                parent=real[BOARD] if number == 0 else build.rng.choice(parents),
                mandate=build.text.fi(3),
                term_start=start,
                term_end=end,
                closed_at=build.moment(end) if closed else None,
            )
        )
    groups = Body.objects.bulk_create(groups)
    bodies = [*real.values(), *groups]

    seats: list[Membership] = []
    today = build.today
    # The directors' meeting: every department's director, their predecessors before.
    for director in directors.values():
        seats.append(_seat(build, real[DIRECTORS_MEETING], director, Role.MEMBER, build.start))
    # The board: directors other than the benchmark's, with personal deputies; the seats
    # turn over every two years.
    candidates = [d for d in directors.values() if d.pk != bench.pk]
    for term in range(0, 10, 2):
        start = build.start + timedelta(days=365 * term)
        end = start + timedelta(days=365 * 2 - 1)
        current = term == 8  # the last term is the sitting board
        chosen = build.rng.sample(candidates, min(9, len(candidates)))
        for index, director in enumerate(chosen):
            role = Role.CHAIR if index == 0 else Role.VICE_CHAIR if index == 1 else Role.MEMBER
            seats.append(
                _seat(
                    build,
                    real[BOARD],
                    director,
                    role,
                    start,
                    None if current else end,
                    deputy=deputies.get(director.department_id),
                )
            )
    # Service areas and working groups: a chair, a secretary and members, and ended seats.
    for body in [*areas, *groups]:
        start = body.term_start or build.start
        seated = build.rng.sample(staff, min(len(staff), build.rng.randrange(6, 12)))
        for index, person in enumerate(seated):
            role = Role.CHAIR if index == 0 else Role.SECRETARY if index == 1 else Role.MEMBER
            seats.append(_seat(build, body, person, role, start, body.term_end))
        for person in build.rng.sample(staff, min(len(staff), build.rng.randrange(3, 8))):
            begun = build.day(start, max(start, today - timedelta(days=30)))
            seats.append(
                _seat(build, body, person, Role.MEMBER, start, max(begun, start + timedelta(1)))
            )
    seats = Membership.objects.bulk_create(seats, batch_size=BATCH)
    MembershipChange.objects.bulk_create(
        [
            MembershipChange(
                body_id=seat.body_id,
                membership=seat,
                action=MembershipAction.SEATED,
                detail={"person": seat.user.full_name, "role": seat.role},
                created_at=build.moment(seat.start_date),
            )
            for seat in seats
        ],
        batch_size=BATCH,
    )
    build.count("bodies", len(bodies))
    build.count("memberships", len(seats))
    members: dict[int, list[int]] = {}
    for seat in seats:
        members.setdefault(seat.body_id, []).append(seat.user_id)
    build.shared.update(bodies=bodies, groups=groups, members=members, real_bodies=real)


@register_large_data_step("meetings", 30)
def build_meetings(build: Build) -> None:
    """3,000 meetings over ten years (a few still ahead), ten agenda items each with
    their minutes."""
    bodies = build.shared["bodies"]
    members = build.shared["members"]
    real = build.shared["real_bodies"]
    weights = [
        8
        if b.slug == BOARD
        else 4
        if b.slug == DIRECTORS_MEETING
        else 2
        if b.kind == "service_area"
        else 1
        for b in bodies
    ]
    total = build.n(3000, minimum=len(real) * 2)
    chosen = build.rng.choices(bodies, weights=weights, k=total)
    # Every real body has a meeting ahead and one behind, so every page has both.
    chosen[: len(real) * 2] = [b for b in real.values() for _ in (0, 1)]
    now = timezone.now()
    meetings = []
    for index, body in enumerate(chosen):
        if index < len(real) * 2:
            day = (
                build.today + timedelta(days=14) if index % 2 else build.today - timedelta(days=20)
            )
        else:
            low = body.term_start or build.start
            high = (
                body.term_end
                if body.term_end and body.term_end < build.today
                else build.today + timedelta(days=90)
            )
            day = build.day(low, high)
        starts = build.moment(day, hour=build.rng.choice((9, 10, 13)))
        past = starts < now
        approved = past and starts < now - timedelta(days=14)
        published = past or build.rng.random() < 0.5
        meetings.append(
            Meeting(
                body=body,
                title=f"{body.name_fi}, kokous {day:%-d.%-m.%Y}",
                starts_at=starts,
                ends_at=starts + timedelta(hours=2),
                location=build.rng.choice(PLACES),
                restricted=build.rng.random() < 0.1,
                state=MeetingState.PUBLISHED if published else MeetingState.DRAFT,
                published_at=starts - timedelta(days=7) if past else None,
                minutes_state=MinutesState.APPROVED if approved else MinutesState.NONE,
                minutes_approved_at=starts + timedelta(days=10) if approved else None,
                created_at=starts - timedelta(days=21),
            )
        )
    meetings = Meeting.objects.bulk_create(meetings, batch_size=BATCH)
    build.count("meetings", len(meetings))
    items = []
    for meeting in meetings:
        past = meeting.minutes_state == MinutesState.APPROVED
        presenters = members.get(meeting.body_id) or [build.shared["people"][0].pk]
        for position in range(1, 11):
            items.append(
                AgendaItem(
                    meeting=meeting,
                    position=position,
                    title=build.text.fi_title(),
                    presenter_id=build.rng.choice(presenters),
                    background=build.text.fi_paragraphs(2, 3),
                    proposed_decision=build.text.fi(1),
                    discussion=build.text.fi(2) if past else "",
                    decision=build.text.fi_decision() if past else "",
                )
            )
    AgendaItem.objects.bulk_create(items, batch_size=BATCH)
    build.count("agenda items", len(items))
    build.shared["meetings"] = meetings


@register_large_data_step("status_updates", 35)
def build_status_updates(build: Build) -> None:
    """50,000 status updates of the working groups, and their assignments."""
    groups = build.shared["groups"]
    members = build.shared["members"]
    real = build.shared["real_bodies"]
    total = build.n(50_000)
    rows = []
    now = timezone.now()
    for number in range(total):
        group = groups[number % len(groups)]
        start = group.term_start or build.start
        end = min(group.term_end or build.today, build.today)
        day = build.day(start, end)
        created = build.moment(day)
        rows.append(
            (
                group.pk,
                build.rng.choice(members[group.pk]),
                day - timedelta(days=14),
                day,
                build.rng.choices((Status.ON_TRACK, Status.AT_RISK, Status.OFF_TRACK), (7, 2, 1))[
                    0
                ],
                build.text.fi(3),
                build.text.fi(1),
                build.text.fi(1) if build.rng.random() < 0.2 else "",
                min(created, now),
            )
        )
    build.count(
        "status updates",
        copy_rows(
            StatusUpdate._meta.db_table,
            (
                "working_group_id",
                "author_id",
                "period_start",
                "period_end",
                "status",
                "progress",
                "next_steps",
                "blockers",
                "created_at",
            ),
            rows,
        ),
    )
    assignments = [
        Assignment(
            body=group.parent or real[BOARD],
            working_group=group,
            title=build.text.fi_title(),
            description=build.text.fi(2),
            deadline=(group.term_end or build.today) - timedelta(days=build.rng.randrange(30, 120)),
            created_at=build.moment(group.term_start or build.start),
            completed_at=build.moment(group.term_end) if group.closed_at else None,
        )
        for group in groups
        for _ in range(build.rng.randrange(1, 6))
    ]
    Assignment.objects.bulk_create(assignments, batch_size=BATCH)
    build.count("assignments", len(assignments))


DECIDED = [
    PositionState.PUBLISHED,
    PositionState.APPROVED,
    PositionState.REJECTED,
    PositionState.WITHDRAWN,
    PositionState.SUPERSEDED,
]


@register_large_data_step("positions", 40)
def build_positions(build: Build) -> None:
    """2,000 positions over ten years: versions, every department's consultation answer
    (with the answers to its questions), the board's votes and the audit trail."""
    real = build.shared["real_bodies"]
    bodies = build.shared["bodies"]
    departments = build.shared["departments"]
    directors = build.shared["directors"]
    officials = build.shared["officials"]
    board = list(Membership.objects.filter(body=real[BOARD], end_date__isnull=True))
    now = timezone.now()
    total = build.n(2000, minimum=6)
    positions = []
    for number in range(total):
        if number < 3:  # open ones, so the dashboard and its lists have work
            state = (PositionState.CONSULTATION, PositionState.BOARD_VOTE, PositionState.DRAFT)[
                number
            ]
            day = build.today - timedelta(days=10 + number)
        else:
            state = build.rng.choices(DECIDED, (6, 2, 1, 1, 1))[0]
            day = build.day(build.start, build.today - timedelta(days=30))
        created = build.moment(day)
        decided = state in DECIDED
        public = state == PositionState.PUBLISHED
        positions.append(
            Position(
                title=f"{build.text.fi_title()} ({number + 1})",
                state=state,
                prepared_by=build.rng.choice(bodies),
                cornerstones=[build.rng.choice(Cornerstone.values)],
                workstreams=[build.rng.choice(Workstream.values)],
                request_from="Sisäministeriö" if build.rng.random() < 0.4 else "",
                consultation_deadline=created + timedelta(days=21),
                vote_round=1 if decided or state == PositionState.BOARD_VOTE else 0,
                decided_at=created + timedelta(days=40) if decided else None,
                internal_brief=build.text.fi(3) if decided else "",
                internal_published_at=created + timedelta(days=42) if decided else None,
                public_text=build.text.fi(4) if public else "",
                public_published_at=created + timedelta(days=45) if public else None,
                created_by=build.rng.choice(officials),
                created_at=min(created, now),
            )
        )  # fmt: skip
    positions = Position.objects.bulk_create(positions, batch_size=BATCH)
    versions = []
    for position in positions:
        for number in range(1, build.rng.randrange(2, 4)):
            versions.append(
                PositionVersion(
                    position=position,
                    number=number,
                    title=position.title,
                    summary=build.text.fi(1),
                    text=build.text.fi_paragraphs(3, 3),
                    background=build.text.fi(2),
                    text_sv=build.text.sv(3),
                    created_by=position.created_by,
                    created_at=position.created_at + timedelta(days=number),
                )
            )
    versions = PositionVersion.objects.bulk_create(versions, batch_size=BATCH)
    latest = {}
    for version in versions:
        latest[version.position_id] = version
    for position in positions:
        position.current_version = latest[position.pk]
        if position.vote_round:
            position.vote_version = latest[position.pk]
        if position.decided_at:
            position.decided_version = latest[position.pk]
    Position.objects.bulk_update(
        positions, ["current_version", "vote_version", "decided_version"], batch_size=BATCH
    )
    questions = ConsultationQuestion.objects.bulk_create(
        [
            ConsultationQuestion(position=p, order=order, text=text)
            for p in positions
            for order, text in enumerate(
                (
                    "Miten esitys vaikuttaa pelastuslaitoksenne palvelutasoon?",
                    "Mitä muutoksia esitätte tekstiin?",
                ),
                start=1,
            )
        ],
        batch_size=BATCH,
    )
    by_position: dict[int, list] = {}
    for question in questions:
        by_position.setdefault(question.position_id, []).append(question)
    answered = [p for p in positions if p.state != PositionState.DRAFT]
    answers = []
    for position in answered:
        for department in departments:
            if position.state == PositionState.CONSULTATION and build.rng.random() < 0.5:
                continue  # still open: half have answered
            answers.append(
                ConsultationAnswer(
                    position=position,
                    department=department,
                    stance=build.rng.choices(Stance.values, (6, 3, 1, 1))[0],
                    comment=build.text.fi(2) if build.rng.random() < 0.6 else "",
                    answered_by=directors[department.pk],
                    answered_at=position.created_at + timedelta(days=build.rng.randrange(1, 20)),
                )
            )
    answers = ConsultationAnswer.objects.bulk_create(answers, batch_size=BATCH)
    copy_rows(
        QuestionAnswer._meta.db_table,
        ("answer_id", "question_id", "text"),
        (
            (answer.pk, question.pk, build.text.fi(1) if build.rng.random() < 0.5 else "")
            for answer in answers
            for question in by_position[answer.position_id]
        ),
    )
    votes = []
    for position in positions:
        if not position.vote_round or position.state in (PositionState.BOARD_VOTE,):
            continue
        for seat in board:
            votes.append(
                Vote(
                    position=position,
                    version=position.vote_version,
                    round=1,
                    member_id=seat.user_id,
                    cast_by_id=seat.user_id,
                    choice=build.rng.choices(VoteChoice.values, (8, 1, 1))[0],
                    cast_at=position.created_at + timedelta(days=30),
                )
            )
    Vote.objects.bulk_create(votes, batch_size=BATCH)
    audit = []
    for position in positions:
        steps = [(AuditAction.CREATED, 0)]
        if position.state != PositionState.DRAFT:
            steps.append((AuditAction.CONSULTATION_OPENED, 1))
        if position.vote_round:
            steps.append((AuditAction.VOTE_OPENED, 25))
        if position.decided_at:
            steps.append(
                (AuditAction.REJECTED if position.state == "rejected" else AuditAction.APPROVED, 40)
            )
        if position.public_published_at:
            steps.append((AuditAction.PUBLISHED, 45))
        for action, days in steps:
            audit.append(
                AuditEntry(
                    position=position,
                    actor=position.created_by,
                    action=action,
                    version_number=1,
                    created_at=position.created_at + timedelta(days=days),
                )
            )
    AuditEntry.objects.bulk_create(audit, batch_size=BATCH)
    build.count("positions", len(positions))
    build.count("consultation answers", len(answers))
    build.count("votes", len(votes))
    build.shared["positions"] = positions


def _latest_minutes_path(user) -> str | None:
    meeting = (
        Meeting.objects.filter(body__slug=BOARD, minutes_state=MinutesState.APPROVED)
        .order_by("-starts_at")
        .first()
    )
    return meeting.get_absolute_url() if meeting else None


def _decided_position_path(user) -> str | None:
    position = (
        Position.objects.filter(state=PositionState.PUBLISHED).order_by("-created_at").first()
        or Position.objects.order_by("-created_at").first()
    )
    return position.get_absolute_url() if position else None


register_benchmark_page(
    "body page (board)", 30, lambda user: reverse("governance:body", kwargs={"slug": BOARD})
)
register_benchmark_page("meeting page", 40, _latest_minutes_path)
register_benchmark_page("position page", 50, _decided_position_path)
register_benchmark_page("positions list", 60, lambda user: reverse("positions:list"))
