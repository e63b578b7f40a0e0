from django.urls import path

from communications import views

app_name = "notifications"

urlpatterns = [
    path("", views.inbox, name="inbox"),
    path("unread/", views.unread_badge, name="unread_badge"),
    path("<int:pk>/open/", views.open_notification, name="open"),
    path("read-all/", views.mark_all_read, name="mark_all_read"),
    path("preferences/", views.preferences, name="preferences"),
    path("deliveries/", views.deliveries, name="deliveries"),
    path("deliveries/retry/", views.delivery_retry, name="delivery_retry"),
    path("email-preference/<str:token>/", views.email_preference, name="email_preference"),
    path("follow/<int:content_type_id>/<str:object_id>/", views.follow, name="follow"),
]
