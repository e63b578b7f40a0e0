"""Who may open which page: every URL pattern is classified here, or a test fails."""

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from network import permissions
from tests.factories import make_user

pytestmark = pytest.mark.django_db

#: Our own URL names and who may use them. Third-party URLs (allauth, admin) are
#: tested through their behaviour elsewhere.
ACCESS = {
    "landing": ("public", {}),
    "invitation_accept": ("public", {"token": "not-a-real-token"}),
    "language_switch": ("public", {}),
    "health": ("public", {}),
    "readiness": ("public", {}),
    "dashboard": ("member", {}),
    "directory": ("member", {}),
    "department_detail": ("member", {"slug": "pirkanmaa"}),
    "people": ("member", {}),
    "search": ("member", {}),
    "person_detail": ("member", {"pk": 0}),
    "account": ("member", {}),
    "invite": ("network_admin", {}),
    "invitation_resend": ("network_admin", {"pk": 0}),
    "notifications:inbox": ("member", {}),
    "notifications:unread_badge": ("member", {}),
    "notifications:preferences": ("member", {}),
    "notifications:deliveries": ("network_admin", {}),
    "notifications:delivery_retry": ("network_admin", {}),
    "notifications:open": ("member-post", {"pk": 0}),
    "notifications:mark_all_read": ("member-post", {}),
    "notifications:follow": ("member-post", {"content_type_id": 0, "object_id": "0"}),
    "notifications:email_preference": ("public", {"token": "signed-token"}),
    # Governance: object pages are tested role by role in tests/governance/test_views.py.
    "governance:bodies": ("member", {}),
    "governance:status_overview": ("member", {}),
    "governance:calendar": ("member", {}),
    "governance:calendar_revoke": ("member-post", {}),
    "governance:calendar_feed": ("public", {"token": "secret"}),
    "governance:body": ("member-object", {"slug": "hallitus"}),
    "governance:membership_add": ("member-object", {"slug": "hallitus"}),
    "governance:working_group_new": ("member-object", {"slug": "hallitus"}),
    "governance:working_group_close": ("member-post", {"slug": "ict"}),
    "governance:assignment_new": ("member-object", {"slug": "hallitus"}),
    "governance:status_update_new": ("member-object", {"slug": "ict"}),
    "governance:meeting_new": ("member-object", {"slug": "hallitus"}),
    "governance:membership_end": ("member-post", {"pk": 0}),
    "governance:membership_deputy": ("member-object", {"pk": 0}),
    "governance:status_attachment": ("member-object", {"pk": 0}),
    "governance:meeting": ("member-object", {"pk": 0}),
    "governance:meeting_edit": ("member-object", {"pk": 0}),
    "governance:meeting_publish": ("member-post", {"pk": 0}),
    "governance:agenda_item_new": ("member-object", {"pk": 0}),
    "governance:attendance_answer": ("member-post", {"pk": 0}),
    "governance:attendance_record": ("member-object", {"pk": 0}),
    "governance:minutes_edit": ("member-object", {"pk": 0}),
    "governance:minutes_circulate": ("member-post", {"pk": 0}),
    "governance:minutes_approve": ("member-post", {"pk": 0}),
    "governance:minutes_comment": ("member-post", {"pk": 0}),
    "governance:meeting_print": ("member-object", {"pk": 0, "part": "agenda"}),
    "governance:meeting_ics": ("member-object", {"pk": 0}),
    "governance:agenda_item_edit": ("member-object", {"pk": 0}),
    "governance:agenda_item_move": ("member-post", {"pk": 0}),
    "governance:agenda_item_delete": ("member-post", {"pk": 0}),
    "governance:agenda_document_new": ("member-object", {"pk": 0}),
    "governance:minutes_correct": ("member-object", {"pk": 0}),
    "governance:agenda_document": ("member-object", {"pk": 0}),
    "governance:assignment_status": ("member-object", {"pk": 0}),
    # Service areas at work: tested role by role in tests/governance/test_service_areas.py.
    "governance:service_areas": ("member", {}),
    "governance:action_plan": ("member-object", {"slug": "ensihoito", "year": 2026}),
    "governance:action_plan_edit": ("member-object", {"slug": "ensihoito", "year": 2026}),
    "governance:key_project_new": ("member-object", {"slug": "ensihoito", "year": 2026}),
    "governance:area_report": ("member-object", {"slug": "ensihoito", "year": 2026}),
    "governance:area_report_submit": ("member-post", {"slug": "ensihoito", "year": 2026}),
    "governance:key_project_edit": ("member-object", {"pk": 0}),
    "governance:key_project_status": ("member-object", {"pk": 0}),
    # Positions: tested role by role in tests/positions/test_views.py.
    "positions:list": ("member", {}),
    "positions:new": ("member-object", {}),
    "positions:detail": ("member-object", {"pk": 0}),
    "positions:edit": ("member-object", {"pk": 0}),
    "positions:compare": ("member-object", {"pk": 0}),
    "positions:consultation_open": ("member-object", {"pk": 0}),
    "positions:answer": ("member-post", {"pk": 0}),
    "positions:consultation_csv": ("member-object", {"pk": 0}),
    "positions:vote_open": ("member-post", {"pk": 0}),
    "positions:vote": ("member-post", {"pk": 0}),
    "positions:vote_close": ("member-post", {"pk": 0}),
    "positions:vote_return": ("member-post", {"pk": 0}),
    "positions:decision_from_meeting": ("member-post", {"pk": 0}),
    "positions:publish": ("member-post", {"pk": 0}),
    "positions:withdraw": ("member-post", {"pk": 0}),
    "positions:statement": ("member-object", {"pk": 0}),
    "positions:retract": ("member-post", {"pk": 0}),
    "positions:guiding_view": ("member", {}),
    "positions:influence": ("member", {}),
    "positions:influence_new": ("member-object", {}),
    "positions:influence_edit": ("member-object", {"pk": 0}),
    "positions:key_messages": ("member", {}),
    "positions:key_message_new": ("member-object", {}),
    "positions:key_message_edit": ("member-object", {"pk": 0}),
    "public_positions:public": ("public", {"pk": 0}),
    # Bulletins and the public site: tested role by role in tests/communications/.
    "bulletins:list": ("member", {}),
    "bulletins:new": ("member-object", {}),
    "bulletins:detail": ("member-object", {"pk": 0}),
    "bulletins:edit": ("member-object", {"pk": 0}),
    "bulletins:comment": ("member-post", {"pk": 0}),
    "bulletins:attachment": ("member-object", {"pk": 0}),
    "public:manage": ("member-object", {}),
    "public:new": ("member-object", {}),
    "public:edit": ("member-object", {"pk": 0}),
    "public:submit": ("member-post", {"pk": 0}),
    "public:publish": ("member-post", {"pk": 0}),
    "public:unpublish": ("member-post", {"pk": 0}),
    "public:home": ("public", {"language": "fi"}),
    "public:feed": ("public", {"language": "fi"}),
    "public:item": ("public", {"language": "fi", "slug": "x"}),
    # The strategy review: tested role by role in tests/governance/test_review_rules.py.
    "review:list": ("member", {}),
    "review:new": ("member-object", {}),
    "review:detail": ("member-object", {"pk": 0}),
    "review:comment": ("member-post", {"pk": 0}),
    "review:decision": ("member-object", {"pk": 0}),
    # Preparation: tested role by role in tests/preparation/test_views.py.
    "preparation:home": ("member-object", {}),
    "preparation:timeline": ("member-object", {}),
    "preparation:event_new": ("member-object", {}),
    "preparation:event_edit": ("member-object", {"pk": 0}),
    "preparation:readiness": ("member-object", {}),
    "preparation:readiness_cell": ("member-object", {"department": "x", "workstream": "y"}),
    "preparation:work_items": ("member-object", {}),
    "preparation:work_item_new": ("member-object", {}),
    "preparation:work_item_similar": ("member-object", {}),
    "preparation:work_item": ("member-object", {"pk": 0}),
    "preparation:work_item_join": ("member-post", {"pk": 0}),
    "preparation:workstream": ("member-object", {"code": "ict"}),
    "preparation:indicators": ("member-object", {}),
    "preparation:value_new": ("member-object", {}),
    "preparation:values_import": ("member-object", {}),
    "preparation:indicator": ("member-object", {"code": "X"}),
    "preparation:indicator_department": ("member-object", {"code": "X", "department": "y"}),
    "preparation:alerts": ("member-object", {}),
    "preparation:strategy": ("member-object", {}),
    "preparation:reporters": ("member-object", {}),
    "preparation:workstream_new": ("member-object", {}),
    "preparation:workstream_edit": ("member-object", {"code": "ict"}),
    "preparation:indicator_new": ("member-object", {}),
    "preparation:indicator_edit": ("member-object", {"code": "X"}),
    "preparation:alert_acknowledge": ("member-post", {"pk": 0}),
    # Shared solutions: tested role by role in tests/preparation/test_solution_views.py.
    "preparation:uniformity": ("member", {}),
    "preparation:solution_new": ("member-object", {}),
    "preparation:solution": ("member-object", {"pk": 0}),
    "preparation:solution_edit": ("member-object", {"pk": 0}),
    "preparation:solution_version_new": ("member-object", {"pk": 0}),
    "preparation:adoption": ("member-object", {"pk": 0, "department": "pirkanmaa"}),
}

OUR_APPS = ("network", "governance", "preparation", "communications")


def our_url_patterns():
    """(pattern, namespaced name) of every view of ours."""

    def walk(patterns, namespace=""):
        for entry in patterns:
            if isinstance(entry, URLResolver):
                inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
                yield from walk(entry.url_patterns, inner)
            elif isinstance(entry, URLPattern):
                module = getattr(entry.callback, "__module__", "")
                if module.split(".")[0] in OUR_APPS and ".views" in module:
                    yield entry, f"{namespace}{entry.name}"

    return list(walk(get_resolver().url_patterns))


def test_every_url_of_ours_has_an_access_rule_and_an_entry_here():
    unclassified = []
    for pattern, name in our_url_patterns():
        if name not in ACCESS:
            unclassified.append(name or str(pattern.pattern))
        rule = getattr(pattern.callback, "access_rule", None)
        assert rule is not None, f"{pattern.name} has no access decorator"
    assert unclassified == [], f"URLs without a permission test: {unclassified}"


def resolve_kwargs(name, kwargs, user=None):
    resolved = dict(kwargs)
    if "pk" in resolved and user is not None:
        resolved["pk"] = user.pk
    return reverse(name, kwargs=resolved)


@pytest.mark.parametrize("name", [n for n, (level, _) in ACCESS.items() if level != "public"])
def test_anonymous_visitors_are_sent_to_sign_in(client, departments, name):
    person = make_user()
    url = resolve_kwargs(name, ACCESS[name][1], person)

    response = client.post(url) if ACCESS[name][0].endswith("post") else client.get(url)

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login") + "?next=")


@pytest.mark.parametrize(
    "name", [n for n, (level, _) in ACCESS.items() if level == "network_admin"]
)
def test_members_who_are_not_admins_are_refused(member_client, member, departments, name):
    url = resolve_kwargs(name, ACCESS[name][1], member)

    response = member_client.post(url) if name.endswith("resend") else member_client.get(url)

    assert response.status_code == 403


@pytest.mark.parametrize("name", [n for n, (level, _) in ACCESS.items() if level == "member"])
def test_members_can_open_member_pages(member_client, member, departments, name):
    url = resolve_kwargs(name, ACCESS[name][1], member)

    assert member_client.get(url).status_code == 200


def test_the_admin_site_is_for_network_admins_only(member_client, network_admin):
    from django.test import Client

    from tests.factories import sign_in
    from tests.network.mfa_helpers import SECRET

    admin_client = sign_in(Client(), network_admin, totp_secret=SECRET)

    assert member_client.get("/admin/", follow=True).status_code == 403
    assert admin_client.get("/admin/").status_code == 200
    assert admin_client.get("/admin/network/department/").status_code == 200


def test_the_admin_has_no_sign_in_of_its_own_that_would_skip_two_factor(client, network_admin):
    from tests.factories import PASSWORD

    response = client.post("/admin/login/", {"username": network_admin.email, "password": PASSWORD})

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))
    assert "_auth_user_id" not in client.session


def test_staff_who_are_not_network_admins_cannot_use_the_admin_site(client):
    from tests.factories import sign_in
    from tests.network.mfa_helpers import SECRET, enrol_totp

    staff = make_user(is_staff=True)
    enrol_totp(staff)
    sign_in(client, staff, totp_secret=SECRET)

    assert not permissions.can_use_admin_site(staff)
    assert client.get("/admin/", follow=True).status_code == 403


def test_the_public_page_tells_what_the_network_is_and_lists_its_members(client, departments):
    response = client.get(reverse("landing"))

    body = response.content.decode()
    assert response.status_code == 200
    assert "Pirkanmaan pelastuslaitos" in body
    assert "Lapin pelastuslaitos" in body
    assert sum(len(region.members) for region in response.context["regions"]) == 22
    assert reverse("account_login") in body


def test_the_sign_in_page_is_public(client):
    assert client.get(reverse("account_login")).status_code == 200


def test_the_health_check_answers(client):
    response = client.get(reverse("health"))

    assert response.status_code == 200
    assert response.content == b"ok"


def test_pages_carry_a_strict_content_security_policy(client, departments):
    response = client.get(reverse("landing"))

    policy = response["Content-Security-Policy"]
    assert "default-src 'self'" in policy
    assert "unsafe-inline" not in policy
    assert "frame-ancestors 'none'" in policy
    assert "http" not in policy.replace("https:", "")  # no external origins


def test_no_page_loads_anything_from_another_site(client, departments):
    import re

    body = client.get(reverse("landing")).content.decode()

    sources = re.findall(r'(?:src|href)="([^"]+)"', body)
    assert sources
    assert all(not s.startswith(("http://", "https://", "//")) for s in sources)
