from django.contrib import admin
from django.urls import include, path

from governance.positions.urls import public_urlpatterns as public_position_urls
from network import views

urlpatterns = [
    path("", views.landing, name="landing"),
    path("dashboard/", views.dashboard, name="dashboard"),
    path("directory/", views.directory, name="directory"),
    path("directory/departments/<slug:slug>/", views.department_detail, name="department_detail"),
    path("directory/people/", views.people, name="people"),
    path("directory/people/invite/", views.invite, name="invite"),
    path("directory/people/<int:pk>/", views.person_detail, name="person_detail"),
    path(
        "directory/people/<int:pk>/resend-invitation/",
        views.invitation_resend,
        name="invitation_resend",
    ),
    path("invitation/<str:token>/", views.invitation_accept, name="invitation_accept"),
    path("search/", views.search, name="search"),
    path("account/", views.account, name="account"),
    path("language/", views.language_switch, name="language_switch"),
    path("healthz", views.health, name="health"),
    path("readyz", views.readiness, name="readiness"),
    path("notifications/", include("communications.urls")),
    path("bulletins/", include("communications.bulletins.urls")),
    path("governance/", include("governance.urls")),
    path("positions/", include("governance.positions.urls")),
    path("strategy-review/", include("governance.review.urls")),
    path("preparation/", include("preparation.urls")),
    path(
        "public/positions/",
        include((public_position_urls, "public_positions")),
    ),
    path("public/", include("communications.public.urls")),
    path("accounts/", include("allauth.urls")),
    path("admin/", admin.site.urls),
]
