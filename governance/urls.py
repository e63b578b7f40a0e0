from django.urls import path

from governance import views
from governance.areas import views as areas

app_name = "governance"

urlpatterns = [
    path("bodies/", views.bodies, name="bodies"),
    path("bodies/<slug:slug>/", views.body, name="body"),
    path("bodies/<slug:slug>/members/add/", views.membership_add, name="membership_add"),
    path(
        "bodies/<slug:slug>/working-groups/new/", views.working_group_new, name="working_group_new"
    ),
    path("bodies/<slug:slug>/close/", views.working_group_close, name="working_group_close"),
    path("bodies/<slug:slug>/assignments/new/", views.assignment_new, name="assignment_new"),
    path("bodies/<slug:slug>/status/new/", views.status_update_new, name="status_update_new"),
    path("bodies/<slug:slug>/meetings/new/", views.meeting_new, name="meeting_new"),
    path("memberships/<int:pk>/end/", views.membership_end, name="membership_end"),
    path("memberships/<int:pk>/deputy/", views.membership_deputy, name="membership_deputy"),
    path("assignments/<int:pk>/status/", views.assignment_status, name="assignment_status"),
    path("service-areas/", areas.service_areas, name="service_areas"),
    path("service-areas/<slug:slug>/<int:year>/", areas.action_plan, name="action_plan"),
    path(
        "service-areas/<slug:slug>/<int:year>/goals/",
        areas.action_plan_edit,
        name="action_plan_edit",
    ),
    path(
        "service-areas/<slug:slug>/<int:year>/projects/new/",
        areas.key_project_new,
        name="key_project_new",
    ),
    path("service-areas/<slug:slug>/<int:year>/report/", areas.area_report, name="area_report"),
    path(
        "service-areas/<slug:slug>/<int:year>/report/submit/",
        areas.area_report_submit,
        name="area_report_submit",
    ),
    path("key-projects/<int:pk>/edit/", areas.key_project_edit, name="key_project_edit"),
    path("key-projects/<int:pk>/progress/", areas.key_project_status, name="key_project_status"),
    path("status/", views.status_overview, name="status_overview"),
    path("status/attachments/<int:pk>/", views.status_attachment, name="status_attachment"),
    path("meetings/<int:pk>/", views.meeting, name="meeting"),
    path("meetings/<int:pk>/edit/", views.meeting_edit, name="meeting_edit"),
    path("meetings/<int:pk>/publish/", views.meeting_publish, name="meeting_publish"),
    path("meetings/<int:pk>/items/new/", views.agenda_item_new, name="agenda_item_new"),
    path("meetings/<int:pk>/attendance/", views.attendance_answer, name="attendance_answer"),
    path(
        "meetings/<int:pk>/attendance/record/",
        views.attendance_record,
        name="attendance_record",
    ),
    path("meetings/<int:pk>/minutes/", views.minutes_edit, name="minutes_edit"),
    path("meetings/<int:pk>/minutes/circulate/", views.minutes_circulate, name="minutes_circulate"),
    path("meetings/<int:pk>/minutes/approve/", views.minutes_approve, name="minutes_approve"),
    path("meetings/<int:pk>/minutes/comment/", views.minutes_comment, name="minutes_comment"),
    path("meetings/<int:pk>/print/<str:part>/", views.meeting_print, name="meeting_print"),
    path("meetings/<int:pk>/calendar.ics", views.meeting_ics, name="meeting_ics"),
    path("items/<int:pk>/edit/", views.agenda_item_edit, name="agenda_item_edit"),
    path("items/<int:pk>/move/", views.agenda_item_move, name="agenda_item_move"),
    path("items/<int:pk>/delete/", views.agenda_item_delete, name="agenda_item_delete"),
    path("items/<int:pk>/documents/new/", views.agenda_document_new, name="agenda_document_new"),
    path("items/<int:pk>/correct/", views.minutes_correct, name="minutes_correct"),
    path("documents/<int:pk>/", views.agenda_document, name="agenda_document"),
    path("calendar/", views.calendar, name="calendar"),
    path("calendar/new-address/", views.calendar_revoke, name="calendar_revoke"),
    path("calendar/<slug:token>.ics", views.calendar_feed, name="calendar_feed"),
]
