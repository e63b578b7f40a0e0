"""The HTTP helpers every app's views share: one way to run a service from a view.

A view parses its input through a form, calls one service and translates the outcome:

- ``run_service(form, service, **arguments)`` calls the service; a ``ValidationError`` it
  raises is put on the form (on the named field when the error carries a field dict and
  the form has that field, otherwise as a form-wide error), so the page is shown again
  with everything the person typed. It returns an ``Outcome`` that is true when the
  service succeeded and carries its result.
- ``run_action(request, service, success=..., **arguments)`` is the same for a button
  with no form of its own (publish, close, approve …): the outcome becomes a flash message.
- ``form_page(...)`` renders a page that is one form (``components/form_page.html``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import render


@dataclass(frozen=True)
class Outcome:
    """What a service call gave: ``ok`` (also the truth value) and the service's result."""

    ok: bool
    result: Any = None

    def __bool__(self) -> bool:
        return self.ok


def add_service_errors(form, error: ValidationError) -> None:
    """Put a service's ValidationError on the form, each message next to its field."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


def run_service(form, service: Callable[..., Any], /, **arguments) -> Outcome:
    """Call ``service(**arguments)``; on ValidationError put it on ``form``."""
    try:
        return Outcome(True, service(**arguments))
    except ValidationError as error:
        add_service_errors(form, error)
        return Outcome(False)


def run_action(
    request, service: Callable[..., Any], /, *, success: str = "", **arguments
) -> Outcome:
    """Call ``service(**arguments)`` for a form-less action; tell the outcome as a message."""
    try:
        result = service(**arguments)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return Outcome(False)
    if success:
        messages.success(request, success)
    return Outcome(True, result)


def form_page(request, form, *, title, submit, cancel, intro="", multipart=False, status=200):
    """Render a page that is one form (components/form_page.html)."""
    return render(
        request,
        "components/form_page.html",
        {
            "form": form,
            "page_title": title,
            "submit_label": submit,
            "cancel_url": cancel,
            "intro": intro,
            "multipart": multipart,
        },
        status=status,
    )
