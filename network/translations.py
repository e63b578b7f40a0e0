"""Content in Finnish, Swedish and English: one way to store, read and edit it.

The convention (the same as ``network.models.TranslatedNameMixin``): a translatable field
``<field>`` is stored as three columns ``<field>_fi``, ``<field>_sv`` and ``<field>_en``.
Finnish is required and the reference; Swedish and English are optional. Models older
than this convention keep their Finnish text in the bare column ``<field>`` (for example
``PositionVersion.title``) and add only ``<field>_sv`` and ``<field>_en``: every helper here
reads ``<field>_fi`` when the model has it and ``<field>`` otherwise, so both work alike.

Reading:

- ``translated(obj, "title")`` gives a :class:`Translation`: the text in the reader's
  language, or the first version that exists (Finnish first), and which language it is in.
- In templates (``{% load translations %}``): ``{{ obj|tr:"title" }}`` shows the text inline,
  and a visible "Only in Finnish" notice with ``lang`` on the fallback text;
  ``{% tr_block obj "text" %}`` does the same for a long Markdown text;
  ``{{ obj|tr_plain:"title" }}`` gives the bare text (for ``<title>``, attributes, options);
  ``{% missing_translations obj "title" "text" %}`` tells an editor which versions are missing.
- ``versions(obj, "title")`` gives ``{"fi": ..., "sv": ..., "en": ...}``, which a
  notification stores in its params, so that each recipient reads the title in their own
  language later (``communications.kinds.NotificationKind.render_title``).

Writing: ``translated_form_fields(model, "title", ...)`` names the form fields, and
``TranslatedFieldsMixin`` on a ``ModelForm`` labels the Swedish and English versions and
makes them optional.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django import forms
from django.core.exceptions import FieldDoesNotExist
from django.db.models import Model
from django.utils import translation
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

#: The languages of content, in the order of fallback: Finnish is the reference.
CONTENT_LANGUAGES = ("fi", "sv", "en")
SOURCE_LANGUAGE = "fi"

LANGUAGE_NAMES: dict[str, Promise] = {
    "fi": pgettext_lazy("content language", "Finnish"),
    "sv": pgettext_lazy("content language", "Swedish"),
    "en": pgettext_lazy("content language", "English"),
}
#: The visible notice shown with a text that is not in the reader's language.
ONLY_IN: dict[str, Promise] = {
    "fi": _("Only in Finnish"),
    "sv": _("Only in Swedish"),
    "en": _("Only in English"),
}
#: Labels of the version fields on edit forms ("title (in Swedish)").
IN_LANGUAGE: dict[str, Promise] = {
    "fi": _("in Finnish"),
    "sv": _("in Swedish"),
    "en": _("in English"),
}


def reader_language(language: str | None = None) -> str:
    """The content language of the reader: the active language, or Finnish."""
    code = (language or translation.get_language() or SOURCE_LANGUAGE)[:2]
    return code if code in CONTENT_LANGUAGES else SOURCE_LANGUAGE


def _has_attribute(obj, name: str) -> bool:
    model = obj if isinstance(obj, type) else type(obj)
    if issubclass(model, Model):
        try:
            model._meta.get_field(name)
        except FieldDoesNotExist:
            pass
        else:
            return True
    return hasattr(obj, name) and not isinstance(obj, type)


def column(obj, field: str, language: str) -> str:
    """The column that holds ``field`` in ``language``: ``title_sv``; for Finnish
    ``title_fi``, or the bare ``title`` on models that keep their Finnish text there."""
    name = f"{field}_{language}"
    if language == SOURCE_LANGUAGE and not _has_attribute(obj, name):
        return field
    return name


def versions(obj, field: str) -> dict[str, str]:
    """Every language version of a field, ``""`` where missing."""
    if obj is None:
        return dict.fromkeys(CONTENT_LANGUAGES, "")
    return {
        language: str(getattr(obj, column(obj, field, language), "") or "")
        for language in CONTENT_LANGUAGES
    }


@dataclass(frozen=True)
class Translation:
    """A text as one reader gets it."""

    text: str
    language: str
    wanted: str

    def __str__(self) -> str:
        return self.text

    def __bool__(self) -> bool:
        return bool(self.text)

    @property
    def is_fallback(self) -> bool:
        """The text exists, but not in the reader's language."""
        return bool(self.text) and self.language != self.wanted

    @property
    def notice(self) -> str:
        return str(ONLY_IN[self.language]) if self.is_fallback else ""


def pick(texts: dict[str, str], language: str | None = None) -> Translation:
    """The reader's version of ``{"fi": ..., "sv": ..., "en": ...}``, or the first one that
    exists in the order of fallback."""
    wanted = reader_language(language)
    for code in (wanted, *CONTENT_LANGUAGES):
        text = texts.get(code) or ""
        if text.strip():
            return Translation(text=text, language=code, wanted=wanted)
    return Translation(text="", language=wanted, wanted=wanted)


def translated(obj, field: str, language: str | None = None) -> Translation:
    """The reader's version of ``obj.<field>``, falling back to Finnish (then Swedish,
    English)."""
    return pick(versions(obj, field), language)


def missing_languages(obj, *fields: str) -> list[str]:
    """The languages in which a field has no text though another language has (for
    editors): an optional field left empty in every language is not missing."""
    missing = []
    for field in fields:
        texts = versions(obj, field)
        if not any(text.strip() for text in texts.values()):
            continue
        missing += [code for code, text in texts.items() if not text.strip()]
    return [code for code in CONTENT_LANGUAGES if code in missing]


def has_language(obj, field: str, language: str) -> bool:
    return bool(versions(obj, field)[language].strip())


def in_every_language(render: Callable[[], object]) -> dict[str, str]:
    """Render an interface text once per language: ``{"fi": ..., "sv": ..., "en": ...}``.

    For texts made of interface strings and content (``_("Review: %(title)s")``) that are
    stored now and read later by people of different languages."""
    rendered = {}
    for language in CONTENT_LANGUAGES:
        with translation.override(language):
            rendered[language] = str(render())
    return rendered


def translated_property(field: str) -> property:
    """A property that follows the active language, for models with ``<field>_fi/_sv/_en``:
    ``title = translated_property("title")``."""

    def read(self) -> str:
        return translated(self, field).text

    read.__doc__ = f"``{field}`` in the active language, falling back to Finnish."
    return property(read)


def translated_form_fields(field: str, languages: Iterable[str] = CONTENT_LANGUAGES) -> list[str]:
    """The form field names of a translated field's versions, ``[title_fi, title_sv, …]``.

    For models that keep Finnish in the bare column, list the bare name yourself."""
    return [f"{field}_{language}" for language in languages]


def label_version(label, language: str) -> str:
    """ "Title (in Swedish)": the label of one language version on an edit form."""
    return _("%(label)s (%(language)s)") % {
        "label": str(label),
        "language": str(IN_LANGUAGE[language]),
    }


class TranslatedFieldsMixin(forms.BaseForm):
    """For forms with the ``<field>_sv`` / ``<field>_en`` fields of translated content:
    labels them "<label> (in Swedish)", makes them optional, and tells the editor which
    versions are still missing (``form.missing_languages``).

    Set ``translated_fields = ("title", "text")`` on the form; the Finnish field is the
    bare ``title`` or ``title_fi``, whichever the form has. Its label names the three
    versions ("Title (in Swedish)"), unless ``translated_labels`` gives a better one
    (where the Finnish field's own label already names its language, "name (Finnish)").
    """

    translated_fields: tuple[str, ...] = ()
    translated_labels: dict[str, object] = {}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.translated_fields:
            finnish = self.fields.get(f"{field}_fi") or self.fields.get(field)
            base_label = self.translated_labels.get(field) or (
                finnish.label if finnish is not None else field
            )
            if finnish is not None:
                finnish.label = label_version(base_label, "fi")
            for language in ("sv", "en"):
                version = self.fields.get(f"{field}_{language}")
                if version is None:
                    continue
                version.required = False
                version.label = label_version(base_label, language)
                version.help_text = ""

    @property
    def missing_languages(self) -> list[str]:
        """Languages in which a translated field is empty in the form's current data though
        its Finnish version is written."""
        missing = []
        for field in self.translated_fields:
            finnish = f"{field}_fi" if f"{field}_fi" in self.fields else field
            if finnish not in self.fields or not _typed(self[finnish].value()):
                continue
            missing += [
                language
                for language in ("sv", "en")
                if f"{field}_{language}" in self.fields
                and not _typed(self[f"{field}_{language}"].value())
            ]
        return [code for code in CONTENT_LANGUAGES if code in missing]


def _typed(value) -> bool:
    return bool(str(value or "").strip())
