"""A readable side-by-side comparison of two versions of a text, paragraph by paragraph,
with the changed words marked.

The work is bounded whatever the texts: difflib's matcher grows faster than the square
of its input, so paragraphs are matched first (at most ``MAX_PARAGRAPHS`` a side), and
words are marked only within changed paragraphs of moderate length and only up to a
budget for the whole page. What falls outside is shown whole, with a notice saying so.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

#: More paragraphs than this on either side and the versions are not compared at all.
MAX_PARAGRAPHS = 1_000
#: A changed pair of paragraphs is marked word by word only if (words before) × (words
#: after) stays under this (two paragraphs of 500 words each).
MAX_WORD_PAIRS = 250_000
#: The same measure summed over the whole comparison.
WORD_PAIRS_BUDGET = 2_500_000


@dataclass(frozen=True)
class Row:
    kind: str  # "same", "changed", "added", "removed"
    left: SafeString
    right: SafeString


@dataclass(frozen=True)
class Comparison:
    rows: list[Row] = field(default_factory=list)
    #: Why the comparison shows less than usual ("" when every change is marked).
    notice: str = ""


_EMPTY = mark_safe("")


def _marked(tag: str, text: str) -> SafeString:
    return mark_safe(f"<{tag}>{escape(text)}</{tag}>")  # noqa: S308 - the text is escaped


def _paragraphs(text: str) -> list[str]:
    return [p.strip() for p in text.replace("\r\n", "\n").split("\n\n") if p.strip()]


def _words(a: list[str], b: list[str]) -> tuple[SafeString, SafeString]:
    out_a: list[str] = []
    out_b: list[str] = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes():
        old, new = escape(" ".join(a[i1:i2])), escape(" ".join(b[j1:j2]))
        if tag == "equal":
            out_a.append(old)
            out_b.append(new)
            continue
        if old:
            out_a.append(f"<del>{old}</del>")
        if new:
            out_b.append(f"<ins>{new}</ins>")
    return mark_safe(" ".join(out_a)), mark_safe(" ".join(out_b))  # noqa: S308 - escaped above


def side_by_side(old: str, new: str) -> Comparison:
    left, right = _paragraphs(old), _paragraphs(new)
    if max(len(left), len(right)) > MAX_PARAGRAPHS:
        return Comparison(
            notice=_(
                "These versions have more than %(count)s paragraphs and are too long to "
                "compare here. Open each version to read it."
            )
            % {"count": MAX_PARAGRAPHS}
        )
    rows: list[Row] = []
    budget = WORD_PAIRS_BUDGET
    shown_whole = 0
    matcher = difflib.SequenceMatcher(a=left, b=right, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            rows += [Row("same", escape(p), escape(p)) for p in left[i1:i2]]
        elif tag == "replace":
            pairs = max(i2 - i1, j2 - j1)
            for k in range(pairs):
                a = left[i1 + k].split() if i1 + k < i2 else []
                b = right[j1 + k].split() if j1 + k < j2 else []
                cost = len(a) * len(b)
                if cost <= MAX_WORD_PAIRS and cost <= budget:
                    budget -= cost
                    rows.append(Row("changed", *_words(a, b)))
                else:
                    shown_whole += 1
                    rows.append(
                        Row(
                            "changed",
                            _marked("del", " ".join(a)) if a else _EMPTY,
                            _marked("ins", " ".join(b)) if b else _EMPTY,
                        )
                    )
        elif tag == "delete":
            rows += [Row("removed", _marked("del", p), _EMPTY) for p in left[i1:i2]]
        else:
            rows += [Row("added", _EMPTY, _marked("ins", p)) for p in right[j1:j2]]
    notice = ""
    if shown_whole:
        notice = _(
            "Some changed paragraphs are too long to mark word by word; they are shown "
            "whole, the earlier one struck through and the later one underlined."
        )
    return Comparison(rows=rows, notice=notice)
