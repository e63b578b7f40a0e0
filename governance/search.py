"""Governance's kinds of content in the search (``network.search``)."""

from __future__ import annotations

from datetime import datetime, time

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from governance import selectors
from governance.areas.models import ActionPlan
from governance.areas.selectors import visible_action_plans
from governance.models import AgendaItem, Assignment, Body, Meeting, MinutesState, StatusUpdate
from governance.positions.models import ConsultationAnswer, KeyMessage, Position, PositionState
from governance.positions.selectors import (
    visible_consultation_answers,
    visible_key_messages,
    visible_positions,
)
from governance.review.models import ReviewRound
from governance.review.selectors import visible_review_rounds
from network.search import (
    SearchDocument,
    SearchSource,
    register_body_choices,
    register_search_source,
)
from network.translations import in_every_language, translated, versions


def _body_document(body: Body) -> SearchDocument:
    return SearchDocument(
        title=body.name_fi,
        titles=versions(body, "name"),
        url=body.get_absolute_url(),
        parts=[
            ("sv", body.name_sv),
            ("en", body.name_en),
            ("fi", body.mandate),
            ("sv", body.mandate_sv),
            ("en", body.mandate_en),
        ],
        body_id=body.pk,
    )


def _meeting_document(meeting: Meeting) -> SearchDocument:
    return SearchDocument(
        title=meeting.title,
        titles=versions(meeting, "title"),
        url=meeting.get_absolute_url(),
        parts=[
            ("fi", f"{meeting.body.name_fi} {meeting.location}"),
            ("sv", meeting.title_sv),
            ("en", meeting.title_en),
        ],
        date=meeting.starts_at,
        body_id=meeting.body_id,
    )


def _agenda_item_document(item: AgendaItem) -> SearchDocument:
    documents = " ".join(document.original_name for document in item.documents.all())
    return SearchDocument(
        title=item.title,
        titles=versions(item, "title"),
        url=f"{item.meeting.get_absolute_url()}#item-{item.pk}",
        parts=[
            ("fi", item.background),
            ("fi", item.proposed_decision),
            ("fi", documents),
            ("sv", item.title_sv),
            ("en", item.title_en),
        ],
        date=item.meeting.starts_at,
        body_id=item.meeting.body_id,
    )


def _minutes_document(meeting: Meeting) -> SearchDocument | None:
    """Minutes are found once approved; drafts stay with those who write them."""
    if meeting.minutes_state != MinutesState.APPROVED:
        return None
    parts = []
    for item in meeting.items.all():
        parts += [("fi", item.title), ("fi", item.discussion), ("fi", item.decision)]
    titles = in_every_language(
        lambda: _("Minutes: %(title)s") % {"title": translated(meeting, "title").text}
    )
    return SearchDocument(
        title=titles["fi"],  # indexed, like the rest, as Finnish text
        titles=titles,
        url=meeting.get_absolute_url(),
        parts=parts,
        date=meeting.minutes_approved_at or meeting.starts_at,
        body_id=meeting.body_id,
    )


def _status_update_document(update: StatusUpdate) -> SearchDocument:
    titles = in_every_language(
        lambda: f"{update.working_group.name}: {update.get_status_display()}"
    )
    return SearchDocument(
        title=titles["fi"],
        titles=titles,
        url=update.working_group.get_absolute_url(),
        parts=[("fi", update.progress), ("fi", update.next_steps), ("fi", update.blockers)],
        date=update.created_at,
        body_id=update.working_group_id,
    )


def _assignment_document(assignment: Assignment) -> SearchDocument:
    return SearchDocument(
        title=assignment.title,
        url=assignment.working_group.get_absolute_url(),
        parts=[("fi", assignment.description)],
        date=assignment.created_at,
        body_id=assignment.working_group_id,
    )


def _action_plan_document(plan: ActionPlan) -> SearchDocument:
    """A service area's plan for a year: its goals and its key projects with their latest
    progress, in every language they are written in."""
    parts = [("fi", plan.goals_fi), ("sv", plan.goals_sv), ("en", plan.goals_en)]
    for project in plan.projects.all():
        parts += [
            ("fi", project.title_fi),
            ("sv", project.title_sv),
            ("en", project.title_en),
            ("fi", project.progress),
        ]
    titles = in_every_language(
        lambda: _("Action plan %(year)s: %(area)s") % {"year": plan.year, "area": plan.body.name}
    )
    return SearchDocument(
        title=titles["fi"],  # indexed, like the rest, as Finnish text
        titles=titles,
        url=plan.get_absolute_url(),
        parts=parts,
        date=plan.updated_at,
        body_id=plan.body_id,
    )


def _position_document(position: Position) -> SearchDocument:
    version = position.current_version
    parts = []
    if version is not None:
        parts += [
            ("fi", version.summary),
            ("fi", version.text),
            ("fi", version.background),
        ]
        parts += [
            (language, getattr(version, f"{field}_{language}"))
            for language in ("sv", "en")
            for field in ("title", "summary", "text", "background")
        ]
    if position.internal_published_at:
        parts += [
            ("fi", position.internal_brief),
            ("sv", position.internal_brief_sv),
            ("en", position.internal_brief_en),
        ]
    if position.public_published_at or position.state == PositionState.PUBLISHED:
        parts += [
            ("fi", position.public_text),
            ("sv", position.public_text_sv),
            ("en", position.public_text_en),
        ]
    return SearchDocument(
        title=version.title if version is not None else position.title,
        titles=versions(version if version is not None else position, "title"),
        url=position.get_absolute_url(),
        parts=parts,
        date=position.decided_at or position.created_at,
        body_id=position.prepared_by_id,
    )


def _answer_document(answer: ConsultationAnswer) -> SearchDocument | None:
    if not answer.comment.strip():
        return None
    titles = in_every_language(
        lambda: f"{answer.department.name}: {translated(answer.position, 'title').text}"
    )
    return SearchDocument(
        title=titles["fi"],
        titles=titles,
        url=f"{answer.position.get_absolute_url()}#consultation",
        parts=[("fi", answer.comment)],
        date=answer.revised_at or answer.answered_at,
        body_id=answer.position.prepared_by_id,
        department_id=answer.department_id,
    )


def _key_message_document(message: KeyMessage) -> SearchDocument:
    return SearchDocument(
        title=message.text_fi[:120],
        titles={"sv": message.text_sv[:120], "en": message.text_en[:120]},
        url=f"{reverse('positions:key_messages')}?position={message.position_id}",
        parts=[
            ("fi", message.text_fi),
            ("sv", message.text_sv),
            ("en", message.text_en),
            ("fi", message.position.title),
        ],
        date=timezone.make_aware(datetime.combine(message.approved_on, time.min)),
        body_id=message.position.prepared_by_id,
    )


def _review_round_document(review: ReviewRound) -> SearchDocument:
    return SearchDocument(
        title=review.name_fi,
        titles=versions(review, "name"),
        url=review.get_absolute_url(),
        parts=[
            ("sv", review.name_sv),
            ("en", review.name_en),
            ("fi", review.introduction_fi),
            ("sv", review.introduction_sv),
            ("en", review.introduction_en),
            ("fi", review.decision_fi),
            ("sv", review.decision_sv),
        ],
        date=review.opened_at,
    )


def register() -> None:
    register_body_choices(
        lambda: list(Body.objects.order_by("kind", "name_fi").values_list("pk", "name_fi"))
    )
    register_search_source(
        SearchSource(
            kind="position",
            label=_("Positions"),
            visible=lambda user: visible_positions(user=user),
            document=_position_document,
            objects=lambda: Position.objects.select_related("current_version"),
            order=10,
        )
    )
    register_search_source(
        SearchSource(
            kind="review_round",
            label=_("Strategy reviews"),
            visible=lambda user: visible_review_rounds(user=user),
            document=_review_round_document,
            objects=lambda: ReviewRound.objects.all(),
            order=13,
        )
    )
    register_search_source(
        SearchSource(
            kind="key_message",
            label=_("Key messages"),
            visible=lambda user: visible_key_messages(user=user),
            document=_key_message_document,
            objects=lambda: KeyMessage.objects.select_related("position"),
            order=12,
        )
    )
    register_search_source(
        SearchSource(
            kind="meeting",
            label=_("Meetings"),
            visible=lambda user: selectors.visible_meetings(user=user),
            document=_meeting_document,
            objects=lambda: Meeting.objects.select_related("body"),
            order=20,
        )
    )
    register_search_source(
        SearchSource(
            kind="agenda_item",
            label=_("Agenda items"),
            visible=lambda user: selectors.visible_agenda_items(user=user),
            document=_agenda_item_document,
            objects=lambda: AgendaItem.objects.select_related("meeting").prefetch_related(
                "documents"
            ),
            order=21,
        )
    )
    register_search_source(
        SearchSource(
            kind="minutes",
            label=_("Minutes"),
            visible=lambda user: selectors.visible_approved_minutes(user=user),
            document=_minutes_document,
            objects=lambda: Meeting.objects.prefetch_related("items"),
            order=22,
        )
    )
    register_search_source(
        SearchSource(
            kind="status_update",
            label=_("Status updates"),
            visible=lambda user: selectors.visible_status_updates(user=user),
            document=_status_update_document,
            objects=lambda: StatusUpdate.objects.select_related("working_group"),
            order=40,
        )
    )
    register_search_source(
        SearchSource(
            kind="assignment",
            label=_("Assignments"),
            visible=lambda user: selectors.visible_assignments(user=user),
            document=_assignment_document,
            objects=lambda: Assignment.objects.select_related("working_group"),
            order=41,
        )
    )
    register_search_source(
        SearchSource(
            kind="action_plan",
            label=_("Service areas' action plans"),
            visible=lambda user: visible_action_plans(user=user),
            document=_action_plan_document,
            objects=lambda: ActionPlan.objects.select_related("body").prefetch_related("projects"),
            order=42,
        )
    )
    register_search_source(
        SearchSource(
            kind="consultation_answer",
            label=_("Consultation answers"),
            visible=lambda user: visible_consultation_answers(user=user),
            document=_answer_document,
            objects=lambda: ConsultationAnswer.objects.select_related("department", "position"),
            order=11,
        )
    )
    register_search_source(
        SearchSource(
            kind="body",
            label=_("Bodies"),
            visible=lambda user: selectors.visible_bodies(user=user),
            document=_body_document,
            objects=lambda: Body.objects.all(),
            order=80,
        )
    )
