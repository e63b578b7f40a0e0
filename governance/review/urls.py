from django.urls import path

from governance.review import views

app_name = "review"

urlpatterns = [
    path("", views.round_list, name="list"),
    path("new/", views.round_new, name="new"),
    path("<int:pk>/", views.round_detail, name="detail"),
    path("<int:pk>/comment/", views.round_comment, name="comment"),
    path("<int:pk>/decision/", views.round_decide, name="decision"),
]
