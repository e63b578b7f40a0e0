"""Which items can be followed, and who may follow them.

Apps register a model with a rule saying who may see its objects (only they may
follow them); the follow button posts to one view that checks the registry.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.db import models

from network.permissions import AnyUser

#: Whether this person may follow this object (of the model the rule is registered for).
Rule = Callable[[AnyUser, Any], bool]
_followable: dict[type[models.Model], Rule] = {}


def register_followable[M: models.Model](
    model: type[M], *, can_follow: Callable[[AnyUser, M], bool]
) -> None:
    _followable[model] = can_follow


def unregister_followable(model: type[models.Model]) -> None:
    _followable.pop(model, None)


def follow_rule(model: type[models.Model]) -> Rule | None:
    return _followable.get(model)
