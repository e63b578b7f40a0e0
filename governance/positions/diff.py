"""A readable side-by-side comparison of two versions of a text, paragraph by paragraph,
with the changed words marked."""

from __future__ import annotations

import difflib
from dataclasses import dataclass

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe


@dataclass(frozen=True)
class Row:
    kind: str  # "same", "changed", "added", "removed"
    left: SafeString
    right: SafeString


_EMPTY = mark_safe("")


def _marked(tag: str, text: str) -> SafeString:
    return mark_safe(f"<{tag}>{escape(text)}</{tag}>")  # noqa: S308 - the text is escaped


def _paragraphs(text: str) -> list[str]:
    return [p.strip() for p in text.replace("\r\n", "\n").split("\n\n") if p.strip()]


def _words(left: str, right: str) -> tuple[SafeString, SafeString]:
    a, b = left.split(), right.split()
    out_a, out_b = [], []
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


def side_by_side(old: str, new: str) -> list[Row]:
    left, right = _paragraphs(old), _paragraphs(new)
    rows: list[Row] = []
    matcher = difflib.SequenceMatcher(a=left, b=right, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            rows += [Row("same", escape(p), escape(p)) for p in left[i1:i2]]
        elif tag == "replace":
            pairs = max(i2 - i1, j2 - j1)
            for k in range(pairs):
                a = left[i1 + k] if i1 + k < i2 else ""
                b = right[j1 + k] if j1 + k < j2 else ""
                rows.append(Row("changed", *_words(a, b)))
        elif tag == "delete":
            rows += [Row("removed", _marked("del", p), _EMPTY) for p in left[i1:i2]]
        else:
            rows += [Row("added", _EMPTY, _marked("ins", p)) for p in right[j1:j2]]
    return rows
