from django.urls import path

from communications.bulletins import views

app_name = "bulletins"

urlpatterns = [
    path("", views.bulletin_list, name="list"),
    path("new/", views.bulletin_new, name="new"),
    path("<int:pk>/", views.bulletin_detail, name="detail"),
    path("<int:pk>/edit/", views.bulletin_edit, name="edit"),
    path("<int:pk>/comment/", views.bulletin_comment, name="comment"),
    path("attachments/<int:pk>/", views.bulletin_attachment, name="attachment"),
]
