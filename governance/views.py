from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import BadRequest, PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from communications.selectors import is_following
from governance import permissions, selectors, services
from governance.areas.forms import AssignmentStatusForm
from governance.forms import (
    AgendaItemForm,
    AgendaItemMoveForm,
    AssignmentForm,
    AttendanceForm,
    AttendanceRecordForm,
    CommentForm,
    CorrectionForm,
    DocumentForm,
    MeetingForm,
    MembershipForm,
    MinutesForm,
    PersonalDeputyForm,
    StatusUpdateForm,
    WorkingGroupForm,
)
from governance.ics import calendar_bytes
from governance.models import (
    AgendaDocument,
    AgendaItem,
    Assignment,
    Body,
    BodyKind,
    CalendarFeed,
    Meeting,
    Membership,
    MinutesState,
    StatusAttachment,
)
from network.access import member_required, public
from network.http import form_page, run_action, run_service
from network.page_cache import cached_page
from network.translations import translated


def _body(slug: str) -> Body:
    try:
        return selectors.body_get(slug=slug)
    except Body.DoesNotExist:
        raise Http404 from None


def _meeting_for_viewer(user, pk: int) -> Meeting:
    """Fetch a meeting and check that the person may see it (404 if not)."""
    try:
        meeting = selectors.meeting_get(pk=pk)
    except Meeting.DoesNotExist:
        raise Http404 from None
    if not permissions.can_view_meeting(user, meeting):
        raise Http404
    return meeting


def _meeting_for_manager(user, pk: int) -> Meeting:
    meeting = _meeting_for_viewer(user, pk)
    if not permissions.can_manage_body(user, meeting.body):
        raise PermissionDenied
    return meeting


# --- Bodies ----------------------------------------------------------------------------------


@member_required
def bodies(request):
    structure = list(selectors.bodies_structure())
    by_kind = {kind: [b for b in structure if b.kind == kind] for kind in BodyKind.values}
    return render(
        request,
        "governance/bodies.html",
        {
            "by_kind": by_kind,
            "kinds": BodyKind,
            "mine": set(selectors.my_bodies(user=request.user)),
        },
    )


@member_required
@cached_page
def body(request, slug: str):
    body = _body(slug)
    is_group = body.is_working_group
    given = list(selectors.assignments_given(body=body))
    assignments = list(selectors.group_assignments(group=body)) if is_group else []
    context = {
        "body": body,
        "members": selectors.body_memberships(body=body, current=True),
        "former": selectors.body_memberships(body=body, current=False),
        "meetings": selectors.body_meetings(body=body, user=request.user),
        "children": body.children.order_by("closed_at", "name_fi"),
        "given": given,
        "assignments": assignments,
        "status_changers": permissions.assignments_changeable_by(
            request.user, [*given, *assignments]
        ),
        "this_year": timezone.localdate().year,
        "updates": selectors.group_status_updates(group=body) if is_group else [],
        "can_manage": permissions.can_manage_body(request.user, body),
        "can_manage_seats": permissions.can_manage_seats(request.user, body),
        "seat_changes": selectors.body_seat_changes(body=body),
        "can_post": permissions.can_post_status_update(request.user, body),
        "is_member": permissions.is_body_member(request.user, body),
        "following": is_following(user=request.user, about=body),
    }
    return render(request, "governance/body.html", context)


@member_required
def membership_add(request, slug: str):
    body = _body(slug)
    if not permissions.can_manage_seats(request.user, body):
        raise PermissionDenied
    form = MembershipForm(request.POST or None, actor=request.user)
    if request.method == "POST" and form.is_valid():
        done = run_service(
            form, services.membership_add, actor=request.user, body=body, **form.cleaned_data
        )
        if done:
            messages.success(
                request, _("%(name)s was added.") % {"name": done.result.user.full_name}
            )
            return redirect(body)
    return form_page(
        request,
        form,
        title=_("Add a member to %(body)s") % {"body": body.name},
        submit=_("Add the member"),
        cancel=body.get_absolute_url(),
    )


@member_required
@require_POST
def membership_end(request, pk: int):
    membership = get_object_or_404(Membership.objects.select_related("body", "user"), pk=pk)
    run_action(
        request,
        services.membership_end,
        actor=request.user,
        membership=membership,
        success=_("%(name)s's seat has ended; it is listed under former members.")
        % {"name": membership.user.full_name},
    )
    return redirect(membership.body)


@member_required
def membership_deputy(request, pk: int):
    """Name the personal deputy of a voting seat of the directors' meeting or the board."""
    membership = get_object_or_404(
        Membership.objects.select_related("body", "user", "department", "personal_deputy"), pk=pk
    )
    body = membership.body
    if not permissions.can_change_seat(request.user, body, membership.user):
        raise PermissionDenied
    if not membership.takes_personal_deputy or not membership.is_active:
        raise Http404
    form = PersonalDeputyForm(
        request.POST or None,
        membership=membership,
        actor=request.user,
        initial={"deputy": membership.personal_deputy_id},
    )
    if request.method == "POST" and form.is_valid():
        done = run_service(
            form,
            services.membership_name_deputy,
            actor=request.user,
            membership=membership,
            deputy=form.cleaned_data["deputy"],
        )
        if done:
            messages.success(request, _("The personal deputy was saved."))
            return redirect(body)
    return form_page(
        request,
        form,
        title=_("Personal deputy of %(name)s in %(body)s")
        % {"name": membership.user.full_name, "body": body.name},
        submit=_("Save"),
        cancel=body.get_absolute_url(),
    )


@member_required
def working_group_new(request, slug: str):
    parent = _body(slug)
    if not permissions.can_manage_body(request.user, parent):
        raise PermissionDenied
    form = WorkingGroupForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        group = run_service(
            form,
            services.working_group_create,
            actor=request.user,
            parent=parent,
            **form.cleaned_data,
        )
        if group:
            messages.success(request, _("The working group was set up."))
            return redirect(group.result)
    return form_page(
        request,
        form,
        title=_("Set up a working group under %(body)s") % {"body": parent.name},
        submit=_("Set up the working group"),
        cancel=parent.get_absolute_url(),
    )


@member_required
@require_POST
def working_group_close(request, slug: str):
    group = _body(slug)
    run_action(
        request,
        services.working_group_close,
        actor=request.user,
        group=group,
        success=_("The working group was closed."),
    )
    return redirect(group)


@member_required
def assignment_new(request, slug: str):
    body = _body(slug)
    if not permissions.can_give_assignment(request.user, body):
        raise PermissionDenied
    form = AssignmentForm(request.POST or None, body=body)
    if request.method == "POST" and form.is_valid():
        done = run_service(
            form, services.assignment_give, actor=request.user, body=body, **form.cleaned_data
        )
        if done:
            messages.success(request, _("The assignment was given."))
            return redirect(body)
    return form_page(
        request,
        form,
        title=_("Give an assignment"),
        submit=_("Give the assignment"),
        cancel=body.get_absolute_url(),
    )


@member_required
def assignment_status(request, pk: int):
    """Mark an assignment done, drop it with a reason, or open it again."""
    assignment = get_object_or_404(
        Assignment.objects.select_related("body", "working_group"), pk=pk
    )
    if not permissions.can_change_assignment_status(request.user, assignment):
        raise PermissionDenied
    form = AssignmentStatusForm(
        request.POST or None,
        initial={"status": assignment.status, "reason": assignment.status_reason},
    )
    back = (
        assignment.body
        if permissions.can_manage_body(request.user, assignment.body)
        else assignment.working_group
    )
    if request.method == "POST" and form.is_valid():
        done = run_service(
            form,
            services.assignment_set_status,
            actor=request.user,
            assignment=assignment,
            **form.cleaned_data,
        )
        if done:
            messages.success(
                request,
                _("The assignment is now: %(status)s.")
                % {"status": done.result.get_status_display().lower()},
            )
            return redirect(back.get_absolute_url() + f"#assignment-{assignment.pk}")
    return form_page(
        request,
        form,
        title=_("Status of the assignment %(title)s") % {"title": assignment.title},
        intro=_("Given by %(body)s to %(group)s, deadline %(deadline)s.")
        % {
            "body": assignment.body.name,
            "group": assignment.working_group.name,
            "deadline": date_format(assignment.deadline, "SHORT_DATE_FORMAT"),
        },
        submit=_("Save the status"),
        cancel=back.get_absolute_url(),
    )


@member_required
def status_update_new(request, slug: str):
    group = _body(slug)
    if not group.is_working_group:
        raise Http404
    if not group.is_open:
        messages.error(request, _("The working group is closed; it takes no more status updates."))
        return redirect(group)
    if not permissions.can_post_status_update(request.user, group):
        raise PermissionDenied
    form = StatusUpdateForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        files = data.pop("attachments")
        update = run_service(
            form,
            services.status_update_post,
            actor=request.user,
            group=group,
            attachments=files,
            **data,
        )
        if update:
            messages.success(request, _("Your status update was posted."))
            return redirect(group)
    return form_page(
        request,
        form,
        title=_("Status update: %(group)s") % {"group": group.name},
        submit=_("Post the status update"),
        cancel=group.get_absolute_url(),
        multipart=True,
    )


@member_required
def status_overview(request):
    return render(
        request,
        "governance/overview.html",
        {
            "rows": selectors.working_groups_overview(),
            "overdue_days": settings.STATUS_UPDATE_OVERDUE_DAYS,
        },
    )


@member_required
def status_attachment(request, pk: int):
    attachment = get_object_or_404(
        StatusAttachment.objects.select_related("update__working_group"), pk=pk
    )
    return attachment.response()


# --- Meetings --------------------------------------------------------------------------------


@member_required
def meeting_new(request, slug: str):
    body = _body(slug)
    if not permissions.can_manage_body(request.user, body):
        raise PermissionDenied
    form = MeetingForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        meeting = run_service(
            form, services.meeting_schedule, actor=request.user, body=body, **form.cleaned_data
        )
        if meeting:
            messages.success(request, _("The meeting was scheduled. Now build its agenda."))
            return redirect(meeting.result)
    return form_page(
        request,
        form,
        title=_("Schedule a meeting of %(body)s") % {"body": body.name},
        submit=_("Schedule the meeting"),
        cancel=body.get_absolute_url(),
    )


@member_required
@cached_page
def meeting(request, pk: int):
    meeting = _meeting_for_viewer(request.user, pk)
    user = request.user
    answers = selectors.meeting_answers(meeting=meeting)
    attendance = answers.get(user.pk)
    presences = selectors.meeting_presences(meeting=meeting)
    context = {
        "meeting": meeting,
        "body": meeting.body,
        "items": selectors.meeting_items(meeting=meeting),
        "attendance_rows": selectors.meeting_attendance(meeting=meeting, answers=answers),
        "my_attendance": attendance,
        "can_manage": permissions.can_manage_body(user, meeting.body),
        "can_answer": permissions.can_answer_attendance(user, meeting),
        "can_record": permissions.can_record_minutes(user, meeting),
        "can_approve": permissions.can_approve_minutes(user, meeting)
        and meeting.minutes_state in {MinutesState.DRAFT, MinutesState.CIRCULATED},
        "can_comment": permissions.can_comment_minutes(user, meeting)
        and meeting.minutes_state == MinutesState.CIRCULATED,
        "comments": meeting.minutes_comments.select_related("author"),
        "presences": presences,
        "quorum": selectors.meeting_quorum(meeting=meeting, presences=presences)
        if meeting.has_started
        else None,
    }
    if context["can_answer"]:
        context["attendance_form"] = AttendanceForm(
            initial={"response": attendance.response if attendance else None},
            personal_deputy=services.personal_deputy_of(user, meeting.body),
        )
    if context["can_comment"]:
        context["comment_form"] = CommentForm()
    return render(request, "governance/meeting.html", context)


@member_required
def meeting_edit(request, pk: int):
    meeting = _meeting_for_manager(request.user, pk)
    initial = {
        "title": meeting.title,
        "title_sv": meeting.title_sv,
        "title_en": meeting.title_en,
        "starts_at": meeting.starts_at,
        "ends_at": meeting.ends_at,
        "location": meeting.location,
        "video_link": meeting.video_link,
        "restricted": meeting.restricted,
    }
    form = MeetingForm(request.POST or None, initial=initial)
    if (
        request.method == "POST"
        and form.is_valid()
        and run_service(
            form, services.meeting_update, actor=request.user, meeting=meeting, **form.cleaned_data
        )
    ):
        messages.success(request, _("The meeting was changed."))
        return redirect(meeting)
    return form_page(
        request,
        form,
        title=_("Change the meeting"),
        submit=_("Save the changes"),
        cancel=meeting.get_absolute_url(),
    )


@member_required
@require_POST
def meeting_publish(request, pk: int):
    meeting = _meeting_for_manager(request.user, pk)
    run_action(
        request,
        services.meeting_publish,
        actor=request.user,
        meeting=meeting,
        success=_("The agenda was published and the members were told."),
    )
    return redirect(meeting)


@member_required
def agenda_item_new(request, pk: int):
    meeting = _meeting_for_manager(request.user, pk)
    form = AgendaItemForm(request.POST or None)
    if (
        request.method == "POST"
        and form.is_valid()
        and run_service(
            form, services.agenda_item_add, actor=request.user, meeting=meeting, **form.cleaned_data
        )
    ):
        messages.success(request, _("The agenda item was added."))
        return redirect(meeting)
    return form_page(
        request,
        form,
        title=_("Add an agenda item"),
        submit=_("Add the item"),
        cancel=meeting.get_absolute_url(),
    )


def _item_for_manager(user, pk: int) -> AgendaItem:
    item = get_object_or_404(AgendaItem.objects.select_related("meeting__body"), pk=pk)
    _meeting_for_manager(user, item.meeting_id)
    return item


@member_required
def agenda_item_edit(request, pk: int):
    item = _item_for_manager(request.user, pk)
    initial = {
        "title": item.title,
        "title_sv": item.title_sv,
        "title_en": item.title_en,
        "presenter": item.presenter_id,
        "background": item.background,
        "proposed_decision": item.proposed_decision,
    }
    form = AgendaItemForm(request.POST or None, initial=initial)
    if (
        request.method == "POST"
        and form.is_valid()
        and run_service(
            form, services.agenda_item_update, actor=request.user, item=item, **form.cleaned_data
        )
    ):
        messages.success(request, _("The agenda item was saved."))
        return redirect(item.meeting)
    return form_page(
        request,
        form,
        title=_("Change the agenda item"),
        submit=_("Save the item"),
        cancel=item.meeting.get_absolute_url(),
    )


@member_required
@require_POST
def agenda_item_move(request, pk: int):
    item = _item_for_manager(request.user, pk)
    form = AgendaItemMoveForm(request.POST)
    if not form.is_valid():
        raise BadRequest(" ".join(map(str, form.errors.get("direction", []))))
    run_action(
        request, services.agenda_item_move, actor=request.user, item=item, direction=form.step()
    )
    return redirect(item.meeting.get_absolute_url() + f"#item-{item.pk}")


@member_required
@require_POST
def agenda_item_delete(request, pk: int):
    item = _item_for_manager(request.user, pk)
    run_action(
        request,
        services.agenda_item_delete,
        actor=request.user,
        item=item,
        success=_("The agenda item was removed."),
    )
    return redirect(item.meeting)


@member_required
def agenda_document_new(request, pk: int):
    item = _item_for_manager(request.user, pk)
    form = DocumentForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        document = run_service(
            form,
            services.agenda_document_add,
            actor=request.user,
            item=item,
            upload=form.cleaned_data["file"],
        )
        if document:
            messages.success(request, _("The document was attached."))
            return redirect(item.meeting)
    return form_page(
        request,
        form,
        title=_("Attach a document to “%(item)s”") % {"item": translated(item, "title").text},
        submit=_("Attach"),
        cancel=item.meeting.get_absolute_url(),
        multipart=True,
    )


@member_required
def agenda_document(request, pk: int):
    document = get_object_or_404(AgendaDocument.objects.select_related("item__meeting"), pk=pk)
    _meeting_for_viewer(request.user, document.item.meeting_id)
    return document.response()


@member_required
@require_POST
def attendance_answer(request, pk: int):
    meeting = _meeting_for_viewer(request.user, pk)
    if not permissions.can_answer_attendance(request.user, meeting):
        raise PermissionDenied
    form = AttendanceForm(
        request.POST, personal_deputy=services.personal_deputy_of(request.user, meeting.body)
    )
    if form.is_valid():
        run_action(
            request,
            services.attendance_answer,
            user=request.user,
            meeting=meeting,
            success=_("Your answer was saved."),
            **form.cleaned_data,
        )
    else:
        messages.error(request, " ".join(str(e) for errors in form.errors.values() for e in errors))
    return redirect(meeting.get_absolute_url() + "#attendance")


@member_required
def attendance_record(request, pk: int):
    """The secretary records who attended, from the RSVP answers as a starting point."""
    meeting = _meeting_for_viewer(request.user, pk)
    if not permissions.can_record_minutes(request.user, meeting):
        raise PermissionDenied
    if not meeting.has_started:
        messages.error(request, _("Attendance can be recorded once the meeting has started."))
        return redirect(meeting)
    if meeting.minutes_locked:
        messages.error(request, _("The minutes are approved: attendance can no longer change."))
        return redirect(meeting)
    form = AttendanceRecordForm(
        request.POST or None,
        seats=selectors.meeting_seats(meeting=meeting),
        rsvps={a.user_id: a for a in meeting.attendances.all()},
        recorded=selectors.meeting_presences(meeting=meeting),
    )
    if (
        request.method == "POST"
        and form.is_valid()
        and run_service(
            form,
            services.attendance_record,
            actor=request.user,
            meeting=meeting,
            entries=form.entries(),
        )
    ):
        messages.success(request, _("Attendance was recorded."))
        return redirect(meeting.get_absolute_url() + "#attendance")
    return form_page(
        request,
        form,
        title=_("Who attended: %(meeting)s") % {"meeting": translated(meeting, "title").text},
        submit=_("Save the attendance"),
        cancel=meeting.get_absolute_url(),
        intro=_(
            "Record who actually attended. The members' own answers are filled in to start "
            "from; a personal deputy attends only in place of their own member."
        ),
    )


@member_required
def minutes_edit(request, pk: int):
    meeting = _meeting_for_viewer(request.user, pk)
    if not permissions.can_record_minutes(request.user, meeting):
        raise PermissionDenied
    if meeting.minutes_locked:
        messages.error(request, _("The minutes are approved: record a correction instead."))
        return redirect(meeting)
    if not meeting.has_started:
        messages.error(request, _("Minutes can be drafted once the meeting has started."))
        return redirect(meeting)
    items = list(selectors.meeting_items(meeting=meeting))
    form = MinutesForm(request.POST or None, items=items)
    if request.method == "POST" and form.is_valid():
        entries = {
            item.pk: (
                form.cleaned_data[f"discussion_{item.pk}"],
                form.cleaned_data[f"decision_{item.pk}"],
            )
            for item in items
        }
        if not run_action(
            request,
            services.minutes_record_all,
            actor=request.user,
            meeting=meeting,
            entries=entries,
            success=_("The minutes were saved."),
        ):
            return redirect(meeting)
        return redirect(meeting.get_absolute_url() + "#minutes")
    return form_page(
        request,
        form,
        title=_("Minutes: %(meeting)s") % {"meeting": translated(meeting, "title").text},
        submit=_("Save the minutes"),
        cancel=meeting.get_absolute_url(),
        intro=_(
            "Record the discussion and the decision of each item. "
            "The proposed decision is filled in to start from."
        ),
    )


@member_required
@require_POST
def minutes_circulate(request, pk: int):
    meeting = _meeting_for_viewer(request.user, pk)
    run_action(
        request,
        services.minutes_circulate,
        actor=request.user,
        meeting=meeting,
        success=_("The draft minutes were sent to the attendees for comments."),
    )
    return redirect(meeting.get_absolute_url() + "#minutes")


@member_required
@require_POST
def minutes_approve(request, pk: int):
    meeting = _meeting_for_viewer(request.user, pk)
    run_action(
        request,
        services.minutes_approve,
        actor=request.user,
        meeting=meeting,
        success=_("The minutes were approved and locked."),
    )
    return redirect(meeting.get_absolute_url() + "#minutes")


@member_required
@require_POST
def minutes_comment(request, pk: int):
    meeting = _meeting_for_viewer(request.user, pk)
    form = CommentForm(request.POST)
    if form.is_valid():
        run_action(
            request,
            services.minutes_comment,
            user=request.user,
            meeting=meeting,
            text=form.cleaned_data["text"],
            success=_("Your comment was sent to the secretary."),
        )
    else:
        messages.error(request, _("Write a comment."))
    return redirect(meeting.get_absolute_url() + "#minutes")


@member_required
def minutes_correct(request, pk: int):
    item = get_object_or_404(AgendaItem.objects.select_related("meeting__body"), pk=pk)
    meeting = _meeting_for_viewer(request.user, item.meeting_id)
    if not permissions.can_record_minutes(request.user, meeting):
        raise PermissionDenied
    form = CorrectionForm(request.POST or None, initial={"text": item.decision})
    if (
        request.method == "POST"
        and form.is_valid()
        and run_service(
            form, services.minutes_correct, actor=request.user, item=item, **form.cleaned_data
        )
    ):
        messages.success(request, _("The correction was recorded."))
        return redirect(meeting.get_absolute_url() + f"#item-{item.pk}")
    return form_page(
        request,
        form,
        title=_("Correct the approved minutes: %(item)s")
        % {"item": translated(item, "title").text},
        submit=_("Record the correction"),
        cancel=meeting.get_absolute_url(),
        intro=_(
            "Approved minutes change only as a recorded correction: "
            "the earlier text, the new text, who and why stay visible."
        ),
    )


@member_required
def meeting_print(request, pk: int, part: str):
    meeting = _meeting_for_viewer(request.user, pk)
    if part not in {"agenda", "minutes"}:
        raise Http404
    return render(
        request,
        "governance/meeting_print.html",
        {
            "meeting": meeting,
            "part": part,
            "items": selectors.meeting_items(meeting=meeting),
            "attendance_rows": selectors.meeting_attendance(meeting=meeting),
            "presences": selectors.meeting_presences(meeting=meeting),
            "quorum": selectors.meeting_quorum(meeting=meeting) if meeting.has_started else None,
        },
    )


@member_required
def meeting_ics(request, pk: int):
    meeting = _meeting_for_viewer(request.user, pk)
    response = HttpResponse(
        calendar_bytes([meeting], name=translated(meeting, "title").text),
        content_type="text/calendar; charset=utf-8",
    )
    response["Content-Disposition"] = f'attachment; filename="meeting-{meeting.pk}.ics"'
    return response


# --- Calendar feed ---------------------------------------------------------------------------


@member_required
def calendar(request):
    feed = services.calendar_feed_get_or_create(user=request.user)
    feed_url = request.build_absolute_uri(reverse("governance:calendar_feed", args=[feed.token]))
    return render(
        request,
        "governance/calendar.html",
        {"feed_url": feed_url, "meetings": selectors.calendar_meetings(user=request.user)},
    )


@member_required
@require_POST
def calendar_revoke(request):
    services.calendar_feed_revoke(user=request.user)
    messages.success(request, _("A new calendar address was made; the old one no longer works."))
    return redirect("governance:calendar")


@public
def calendar_feed(request, token: str):
    """The personal feed: the secret in the address is the only key."""
    feed = CalendarFeed.objects.select_related("user").filter(token=token).first()
    if feed is None or not feed.user.is_active:
        raise Http404
    meetings = selectors.calendar_meetings(user=feed.user)
    with translation.override(feed.user.language):  # a calendar app has no session
        ical = calendar_bytes(meetings, name="Verkosto")
    response = HttpResponse(ical, content_type="text/calendar; charset=utf-8")
    response["Cache-Control"] = "private, max-age=900"
    return response
