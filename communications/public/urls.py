from django.urls import path

from communications.public import views

app_name = "public"

urlpatterns = [
    path("manage/", views.manage, name="manage"),
    path("manage/new/", views.item_new, name="new"),
    path("manage/<int:pk>/edit/", views.item_edit, name="edit"),
    path("manage/<int:pk>/submit/", views.item_submit, name="submit"),
    path("manage/<int:pk>/publish/", views.item_publish, name="publish"),
    path("manage/<int:pk>/unpublish/", views.item_unpublish, name="unpublish"),
    path("<str:language>/", views.public_home, name="home"),
    path("<str:language>/feed.atom", views.language_feed, name="feed"),
    path("<str:language>/<slug:slug>/", views.public_item, name="item"),
]
