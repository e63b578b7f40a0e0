"""Finnish text into base forms, for search and for finding similar work.

Finnish inflects by changing a word's stem, and PostgreSQL's ``finnish`` snowball
stemmer does not unify such forms ("pelastuslaitos" and "pelastuslaitoksen" get
different stems). Voikko, the field's standard morphological analyser, gives the base
form of each word and the parts of compounds ("pelastuslaitos" → "pelastus",
"laitos"), so that an inflected word or a part of a compound finds the whole.

Where Voikko is not installed, the text is used as it is and PostgreSQL's stemmer does
what it can; the log says so once.
"""

from __future__ import annotations

import logging
import re
from functools import cache, lru_cache

logger = logging.getLogger(__name__)

WORD = re.compile(r"[0-9A-Za-zÅÄÖåäöÉéÜü]+(?:-[0-9A-Za-zÅÄÖåäö]+)*")
COMPOUND_PART = re.compile(r"\+([^+()]+)\(([^)]*)\)")
#: How many words' analyses are remembered: a text's vocabulary is mostly a few
#: thousand words, and a bound keeps a very long (or hostile) text from filling memory.
FORMS_CACHE_SIZE = 20_000


@cache
def _voikko():
    try:
        import libvoikko

        return libvoikko.Voikko("fi")
    except Exception as error:  # the library, or its Finnish dictionary, is missing
        logger.warning(
            "Voikko is not available (%s): Finnish text is matched with PostgreSQL's "
            "stemmer only; inflected forms and compound parts are found less well.",
            error,
        )
        return None


def analyser_available() -> bool:
    return _voikko() is not None


@lru_cache(maxsize=FORMS_CACHE_SIZE)
def _forms(word: str) -> tuple[str, ...]:
    voikko = _voikko()
    lower = word.lower()
    if voikko is None:
        return (lower,)
    forms: list[str] = []
    analyses = voikko.analyze(word)
    if not analyses and "-" in word:  # "ICT-hankinta": analyse the parts
        return tuple(f for part in word.split("-") if part for f in _forms(part))
    for analysis in analyses[:1]:
        base = (analysis.get("BASEFORM") or "").lower()
        if base and base not in forms:
            forms.append(base)
        # Compound parts: "+pelast(pelastaa)+us(+us)+laitos(laitos)" → "laitos".
        for part, base_part in COMPOUND_PART.findall(analysis.get("WORDBASES") or ""):
            candidate = (base_part if base_part and not base_part.startswith("+") else part).lower()
            if len(candidate) > 3 and candidate not in forms:
                forms.append(candidate)
        for candidate in _components(word, base, analysis.get("STRUCTURE") or ""):
            if len(candidate) > 3 and candidate not in forms:
                forms.append(candidate)
    return tuple(forms) or (lower,)


def _components(word: str, base: str, structure: str) -> list[str]:
    """The compound's words as written, in base form: "valvontasuunnitelma" →
    "valvonta", "suunnitelma" (the word bases give only "valvoa", the verb it derives
    from). ``=`` in Voikko's structure starts each component."""
    lengths = [len(chunk) for chunk in structure.split("=") if chunk]
    if len(lengths) < 2 or sum(lengths) != len(word):
        return []
    parts, start = [], 0
    for index, length in enumerate(lengths):
        surface = word[start : start + length].lower()
        if index == len(lengths) - 1 and base.startswith(word[:start].lower()):
            parts.append(base[start:])  # the last part inflects with the whole word
        else:
            parts.append(surface)
            parts.extend(f for f in query_forms(surface) if f != surface)
        start += length
    return parts


@lru_cache(maxsize=FORMS_CACHE_SIZE)
def query_forms(word: str) -> tuple[str, ...]:
    """Every base form the word may have (a searched word may be ambiguous): the forms
    a search for it looks for."""
    voikko = _voikko()
    lower = word.lower()
    if voikko is None:
        return (lower,)
    forms = []
    for analysis in voikko.analyze(word):
        base = (analysis.get("BASEFORM") or "").lower()
        if base and base not in forms:
            forms.append(base)
    return tuple(forms) or (lower,)


def word_forms(word: str) -> tuple[str, ...]:
    """The word's base form and compound parts (what the index holds for it)."""
    return _forms(word)


def base_forms(text: str) -> str:
    """The text's words as base forms and compound parts, space-separated, for indexing.

    Linear in the length of the text: each form is kept once, in order of appearance.
    """
    seen: dict[str, None] = {}
    for word in WORD.finditer(text or ""):
        seen.update(dict.fromkeys(_forms(word.group())))
    return " ".join(seen)
