"""A readable side-by-side comparison of two versions of a text, block by block, with the
changed words marked.

The texts are Markdown: each side is cut into its blocks (paragraphs, headings, list
items, quotes, tables and code), and every block is shown as what it is — a list item
stays a list item — rather than as raw Markdown. Unchanged blocks are rendered (bold,
links); changed ones are compared word by word on their text, every word escaped.

The work is bounded whatever the texts: difflib's matcher grows faster than the square
of its input, so paragraphs are matched first (at most ``MAX_PARAGRAPHS`` a side), and
words are marked only within changed paragraphs of moderate length and only up to a
budget for the whole page. What falls outside is shown whole, with a notice saying so.
"""

from __future__ import annotations

import difflib
import re
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
class Block:
    """One block of Markdown: "p", "heading", "ul", "ol" (with its number), "quote" or
    "raw" (tables and code, rendered whole); ``source`` is its Markdown without the list,
    heading or quote marker."""

    kind: str
    source: str
    number: int = 0

    @property
    def key(self) -> tuple[str, str]:
        return (self.kind, self.source)


NO_BLOCK = Block("p", "")


@dataclass(frozen=True)
class Row:
    kind: str  # "same", "changed", "added", "removed"
    left: SafeString
    right: SafeString
    #: How each side is shown (the template wraps ``left``/``right`` in its element).
    left_block: Block = NO_BLOCK
    right_block: Block = NO_BLOCK


@dataclass(frozen=True)
class Comparison:
    rows: list[Row] = field(default_factory=list)
    #: Why the comparison shows less than usual ("" when every change is marked).
    notice: str = ""


_EMPTY = mark_safe("")


def _marked(tag: str, text: str) -> SafeString:
    return mark_safe(f"<{tag}>{escape(text)}</{tag}>")  # noqa: S308 - the text is escaped


_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+(.*?)[\s#]*$")
_BULLET = re.compile(r"^\s{0,3}[-*+]\s+(.*)$")
_NUMBERED = re.compile(r"^\s{0,3}(\d{1,9})[.)]\s+(.*)$")
_QUOTE = re.compile(r"^\s{0,3}>\s?(.*)$")
_FENCE = re.compile(r"^\s{0,3}(```|~~~)")
_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_EMPHASIS = re.compile(r"\*\*|__|`|(?<![\w*])[*_](?=\S)|(?<=\S)[*_](?![\w*])")


def _blocks(text: str) -> list[Block]:
    """The Markdown's blocks in order (a simple reading of the syntax our texts use)."""
    blocks: list[Block] = []
    kind, number = "", 0
    lines: list[str] = []
    fenced = False

    def flush() -> None:
        nonlocal kind, lines, number
        if kind and any(line.strip() for line in lines):
            joiner = "\n" if kind == "raw" else " "
            blocks.append(Block(kind, joiner.join(lines).strip(), number))
        kind, lines, number = "", [], 0

    for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        if fenced:
            lines.append(line)
            if _FENCE.match(line):
                fenced = False
                flush()
            continue
        if _FENCE.match(line):
            flush()
            kind, lines, fenced = "raw", [line], True
            continue
        if not line.strip():
            flush()
            continue
        if match := _HEADING.match(line):
            flush()
            kind, lines = "heading", [match[1]]
            flush()
        elif match := _BULLET.match(line):
            flush()
            kind, lines = "ul", [match[1]]
        elif match := _NUMBERED.match(line):
            previous = blocks[-1] if blocks else None
            flush()
            kind, lines = "ol", [match[2]]
            if previous is not None and previous.kind == "ol" and blocks[-1] is previous:
                number = previous.number + 1  # it follows the list just before
            else:
                number = int(match[1])
        elif (match := _QUOTE.match(line)) and kind != "raw":
            if kind != "quote":
                flush()
                kind = "quote"
            lines.append(match[1])
        elif line.lstrip().startswith("|"):
            if kind != "raw":
                flush()
                kind = "raw"
            lines.append(line)
        else:
            if not kind:
                kind = "p"
            lines.append(line if kind == "raw" else line.strip())
    flush()
    return blocks


def _plain(block: Block) -> str:
    """A block's words without Markdown's inline marks (links keep their text)."""
    if block.kind == "raw":
        return block.source
    return _EMPHASIS.sub("", _LINK.sub(r"\1", block.source))


def _rendered(block: Block) -> SafeString:
    """An unchanged block as HTML: its inline Markdown rendered and sanitised (the
    template puts it in its element: a list item, a heading, a paragraph …)."""
    from network.markdown_text import render_markdown

    if block.kind == "raw":
        return render_markdown(block.source)
    html = str(render_markdown(block.source)).strip()
    if html.startswith("<p>") and html.endswith("</p>") and html.count("<p>") == 1:
        html = html[3:-4]
    return mark_safe(html)  # noqa: S308 - sanitised by render_markdown


def _paragraphs(text: str) -> list[Block]:
    return _blocks(text)


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
    matcher = difflib.SequenceMatcher(
        a=[b.key for b in left], b=[b.key for b in right], autojunk=False
    )
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            for old_block, new_block in zip(left[i1:i2], right[j1:j2], strict=True):
                html = _rendered(new_block)
                rows.append(Row("same", html, html, old_block, new_block))
        elif tag == "replace":
            pairs = max(i2 - i1, j2 - j1)
            for k in range(pairs):
                old_block = left[i1 + k] if i1 + k < i2 else NO_BLOCK
                new_block = right[j1 + k] if j1 + k < j2 else NO_BLOCK
                a, b = _plain(old_block).split(), _plain(new_block).split()
                cost = len(a) * len(b)
                if cost <= MAX_WORD_PAIRS and cost <= budget:
                    budget -= cost
                    rows.append(Row("changed", *_words(a, b), old_block, new_block))
                else:
                    shown_whole += 1
                    rows.append(
                        Row(
                            "changed",
                            _marked("del", " ".join(a)) if a else _EMPTY,
                            _marked("ins", " ".join(b)) if b else _EMPTY,
                            old_block,
                            new_block,
                        )
                    )
        elif tag == "delete":
            rows += [
                Row("removed", _marked("del", _plain(p)), _EMPTY, p, NO_BLOCK) for p in left[i1:i2]
            ]
        else:
            rows += [
                Row("added", _EMPTY, _marked("ins", _plain(p)), NO_BLOCK, p) for p in right[j1:j2]
            ]
    notice = ""
    if shown_whole:
        notice = _(
            "Some changed paragraphs are too long to mark word by word; they are shown "
            "whole, the earlier one struck through and the later one underlined."
        )
    return Comparison(rows=rows, notice=notice)
