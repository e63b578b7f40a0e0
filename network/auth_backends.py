"""Authentication backends that read the signed-in person with their department.

Nearly every page shows or asks about the person's department, so the one query per
request that reads the person reads it too (Django's backends read the user alone).
"""

from allauth.account.auth_backends import AuthenticationBackend
from django.contrib.auth.backends import ModelBackend as DjangoModelBackend

from network.models import User


def _user_with_department(backend: DjangoModelBackend, user_id) -> User | None:
    try:
        user = User._default_manager.select_related("department").get(pk=user_id)
    except User.DoesNotExist:
        return None
    return user if backend.user_can_authenticate(user) else None


class ModelBackend(DjangoModelBackend):
    """Django's backend (the admin's sign-in, ``force_login``)."""

    def get_user(self, user_id):
        return _user_with_department(self, user_id)


class AccountBackend(AuthenticationBackend):
    """allauth's backend (sign-in by e-mail address)."""

    def get_user(self, user_id):
        return _user_with_department(self, user_id)
