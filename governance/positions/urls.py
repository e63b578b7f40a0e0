from django.urls import path

from governance.positions import views, views_advocacy

app_name = "positions"

urlpatterns = [
    path("", views.position_list, name="list"),
    path("new/", views.position_new, name="new"),
    path("<int:pk>/", views.position_detail, name="detail"),
    path("<int:pk>/edit/", views.position_edit, name="edit"),
    path("<int:pk>/compare/", views.position_compare, name="compare"),
    path("<int:pk>/consultation/open/", views.consultation_open, name="consultation_open"),
    path("<int:pk>/consultation/answer/", views.consultation_answer, name="answer"),
    path("<int:pk>/consultation.csv", views.consultation_csv, name="consultation_csv"),
    path("<int:pk>/vote/open/", views.vote_open, name="vote_open"),
    path("<int:pk>/vote/", views.vote_cast, name="vote"),
    path("<int:pk>/vote/close/", views.vote_close, name="vote_close"),
    path("<int:pk>/vote/return/", views.vote_return, name="vote_return"),
    path("<int:pk>/vote/from-meeting/", views.decision_from_meeting, name="decision_from_meeting"),
    path("<int:pk>/publish/", views.position_publish, name="publish"),
    path("<int:pk>/withdraw/", views.position_withdraw, name="withdraw"),
    path("<int:pk>/retract/", views.position_retract, name="retract"),
    path("guiding-view/", views_advocacy.guiding_view, name="guiding_view"),
    path("influence/", views_advocacy.influence_list, name="influence"),
    path("influence/new/", views_advocacy.influence_new, name="influence_new"),
    path("influence/<int:pk>/", views_advocacy.influence_edit, name="influence_edit"),
    path("key-messages/", views_advocacy.key_message_list, name="key_messages"),
    path("key-messages/new/", views_advocacy.key_message_new, name="key_message_new"),
    path("key-messages/<int:pk>/", views_advocacy.key_message_edit, name="key_message_edit"),
    path("<int:pk>/statement/", views.statement, name="statement"),
]

public_urlpatterns = [
    path("<int:pk>/", views.public_position, name="public"),
]
