"""Which items can be followed, and who may follow them.

Apps register a model with a rule saying who may see its objects (only they may
follow them); the follow button posts to one view that checks the registry.
"""

from __future__ import annotations

from collections.abc import Callable

from django.db import models

Rule = Callable[[object, models.Model], bool]
_followable: dict[type[models.Model], Rule] = {}


def register_followable(model: type[models.Model], *, can_follow: Rule) -> None:
    _followable[model] = can_follow


def unregister_followable(model: type[models.Model]) -> None:
    _followable.pop(model, None)


def follow_rule(model: type[models.Model]) -> Rule | None:
    return _followable.get(model)
