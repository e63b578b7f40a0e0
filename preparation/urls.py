from django.urls import path

from preparation import views
from preparation.solutions.urls import urlpatterns as solution_urls

app_name = "preparation"

urlpatterns = [
    path("", views.home, name="home"),
    path("timeline/", views.timeline, name="timeline"),
    path("timeline/new/", views.event_new, name="event_new"),
    path("timeline/<int:pk>/edit/", views.event_edit, name="event_edit"),
    path("readiness/", views.readiness, name="readiness"),
    path(
        "readiness/<slug:department>/<slug:workstream>/",
        views.readiness_cell,
        name="readiness_cell",
    ),
    path("reporters/", views.reporters, name="reporters"),
    path("strategy/", views.strategy_review, name="strategy"),
    path("work/", views.work_items, name="work_items"),
    path("work/new/", views.work_item_new, name="work_item_new"),
    path("work/similar/", views.work_item_similar, name="work_item_similar"),
    path("work/<int:pk>/", views.work_item, name="work_item"),
    path("work/<int:pk>/join/", views.work_item_join, name="work_item_join"),
    path("workstreams/new/", views.workstream_edit, name="workstream_new"),
    path("workstreams/<slug:code>/edit/", views.workstream_edit, name="workstream_edit"),
    path("workstreams/<slug:code>/", views.workstream_follow, name="workstream"),
    path("indicators/", views.indicators, name="indicators"),
    path("indicators/new/", views.indicator_edit, name="indicator_new"),
    path("indicators/values/new/", views.value_new, name="value_new"),
    path("indicators/values/import/", views.values_import, name="values_import"),
    path("indicators/<str:code>/edit/", views.indicator_edit, name="indicator_edit"),
    path("indicators/<str:code>/", views.indicator, name="indicator"),
    path(
        "indicators/<str:code>/<slug:department>/",
        views.indicator_department,
        name="indicator_department",
    ),
    path("alerts/", views.alerts, name="alerts"),
    path("alerts/<int:pk>/acknowledge/", views.alert_acknowledge, name="alert_acknowledge"),
    *solution_urls,
]
