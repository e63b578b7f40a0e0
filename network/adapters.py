"""How django-allauth behaves in Verkosto: no open sign-up; people come by invitation."""

from allauth.account.adapter import DefaultAccountAdapter
from allauth.core import context as allauth_context
from django.conf import settings
from django.contrib.sites.shortcuts import get_current_site
from django.utils import translation

from network.mail import send_later


class AccountAdapter(DefaultAccountAdapter):
    def is_open_for_signup(self, request) -> bool:
        return False

    def login(self, request, user) -> None:
        """From the moment of signing in, the person's own language: the message that says
        they signed in (written right after this) is already in it, not in the language
        of the sign-in page."""
        super().login(request, user)
        language = getattr(user, "language", "")
        if language in {code for code, _name in settings.LANGUAGES}:
            translation.activate(language)
            request.LANGUAGE_CODE = language

    def send_mail(self, template_prefix: str, email: str, context: dict) -> None:
        """allauth's messages (password resets) go through the outbox like every other
        e-mail: the request succeeds while the mail server is down, and the message
        follows when it is back."""
        request = allauth_context.request
        ctx = {"request": request, "email": email, "current_site": get_current_site(request)}
        ctx.update(context)
        send_later(self.render_mail(template_prefix, email, ctx))
