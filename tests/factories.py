"""Small factories for tests: real rows in the real database, no mocks."""

from __future__ import annotations

import itertools

from allauth.account.models import EmailAddress

from network.models import Department, DepartmentRole, NetworkRole, User

PASSWORD = "test-salasana-2017"
_numbers = itertools.count(1)


def make_user(
    *,
    email: str | None = None,
    first_name: str = "Testi",
    last_name: str | None = None,
    department: Department | None = None,
    department_role: str = "",
    roles: list[str] | None = None,
    is_staff: bool = False,
    language: str = "fi",
    password: str | None = PASSWORD,
    is_active: bool = True,
) -> User:
    number = next(_numbers)
    email = email or f"person{number}@example.org"
    user = User(
        email=email,
        first_name=first_name,
        last_name=last_name or f"Henkilö{number}",
        department=department,
        department_role=department_role,
        roles=roles or [],
        is_staff=is_staff,
        language=language,
        is_active=is_active,
    )
    if password:
        user.set_password(password)
    else:
        user.set_unusable_password()
    user.save()
    EmailAddress.objects.create(user=user, email=email, primary=True, verified=True)
    return user


def make_director(department: Department, **kwargs) -> User:
    return make_user(department=department, department_role=DepartmentRole.DIRECTOR, **kwargs)


def make_network_admin(**kwargs) -> User:
    kwargs.setdefault("is_staff", True)
    return make_user(roles=[NetworkRole.NETWORK_ADMIN], **kwargs)


def sign_in(client, user, *, password: str = PASSWORD, totp_secret: str | None = None):
    """Sign in through the real forms (allauth records how the person authenticated).

    Someone who must use two-factor authentication (by role or board seat) and has none
    yet first gets an authenticator, as their first sign-in would make them set one up.
    When allauth asks for the second factor, the code comes from ``totp_secret`` or,
    without it, from the person's unused recovery codes (a TOTP code works only once in
    its 30 seconds, a test may sign the same person in again sooner).
    """
    from network.permissions import requires_mfa
    from tests.network.mfa_helpers import enrol_totp, has_totp, totp_code, unused_recovery_code

    if requires_mfa(user) and not has_totp(user):
        enrol_totp(user)
    response = client.post("/accounts/login/", {"login": user.email, "password": password})
    assert response.status_code == 302, "sign-in failed"
    if response["Location"] == "/accounts/2fa/authenticate/":
        code = totp_code(totp_secret) if totp_secret else unused_recovery_code(user)
        response = client.post("/accounts/2fa/authenticate/", {"code": code})
        assert response.status_code == 302, "second factor failed"
    assert "_auth_user_id" in client.session
    return client
