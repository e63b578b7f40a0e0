from django.urls import path

from preparation.solutions import views

# Included in preparation.urls (namespace "preparation").
urlpatterns = [
    path("solutions/", views.uniformity, name="uniformity"),
    path("solutions/new/", views.solution_new, name="solution_new"),
    path("solutions/<int:pk>/", views.solution, name="solution"),
    path("solutions/<int:pk>/edit/", views.solution_edit, name="solution_edit"),
    path("solutions/<int:pk>/version/", views.solution_version_new, name="solution_version_new"),
    path(
        "solutions/<int:pk>/<slug:department>/",
        views.adoption,
        name="adoption",
    ),
]
