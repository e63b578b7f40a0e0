"""Content in the reader's language, with a visible notice where it falls back.

``{% load translations %}``, then (see ``network/translations.py``):

- ``{{ obj|tr:"title" }}``: inline text; on fallback ``<span lang="fi">…</span>`` and
  "(Only in Finnish)" in the reader's language.
- ``{{ obj|tr_plain:"title" }}``: the bare text, for ``<title>``, attributes and options.
- ``{% tr_block obj "text" %}``: a Markdown text as a ``prose`` block, the notice above it.
- ``{% missing_translations obj "title" "text" %}``: for editors, which versions are missing.
"""

from __future__ import annotations

from django import template
from django.template.defaultfilters import linebreaksbr
from django.utils.html import format_html

from network import translations

register = template.Library()


@register.filter
def tr(obj, field: str):
    """``{{ obj|tr:"title" }}``: the reader's version, the fallback marked visibly."""
    found = translations.translated(obj, field)
    if not found.is_fallback:
        return found.text
    return format_html(
        '<span lang="{}">{}</span> <span class="lang-note">({})</span>',
        found.language,
        found.text,
        found.notice,
    )


@register.filter
def tr_plain(obj, field: str) -> str:
    """``{{ obj|tr_plain:"title" }}``: the reader's version (or the fallback) as text."""
    return translations.translated(obj, field).text


@register.filter
def tr_lang(obj, field: str) -> str:
    """``lang="{{ obj|tr_lang:'title' }}"``: the language of the version the reader gets."""
    return translations.translated(obj, field).language


@register.simple_tag
def tr_block(obj, field: str, markdown: bool = True, css_class: str = "prose"):
    """A long text in the reader's language; on fallback, a notice and ``lang``."""
    from network.markdown_text import render_markdown

    found = translations.translated(obj, field)
    if not found.text:
        return ""
    body = render_markdown(found.text) if markdown else linebreaksbr(found.text, autoescape=True)
    if not found.is_fallback:
        return format_html('<div class="{}">{}</div>', css_class, body)
    return format_html(
        '<p class="lang-note lang-note--block">{}</p><div class="{}" lang="{}">{}</div>',
        found.notice,
        css_class,
        found.language,
        body,
    )


@register.filter
def content_language_name(code: str) -> str:
    """``{{ "sv"|content_language_name }}``: "Swedish" in the reader's language."""
    return str(translations.LANGUAGE_NAMES.get(code, code))


@register.inclusion_tag("components/missing_languages.html")
def missing_translations(obj, *fields: str):
    """For editors: "Missing language versions: Swedish, English" (nothing when complete)."""
    return {"missing": translations.missing_languages(obj, *fields)}
