"""Which parts of an article report something: paragraphs classified before any sentence is read.

A paragraph is one of
    body         prose that may report happenings
    heading      a short line without sentence-final punctuation ("Reaktionen aus Russland", "Key
                 Takeaways:")
    boilerplate  navigation, bylines, photo credits, share prompts, donation appeals (patterns in
                 data/<lang>/clean.yaml); a credit glued before a paragraph (`prefix`) is skipped
    repeat       the same words as the title or an earlier paragraph (a repeated headline, a pasted
                 lead)

A heading introduces what follows it: an unpunctuated line of at least MIN_CUT_OFF_WORDS words with
no body after it is a paragraph cut off at the end of the article (one pasted from another report
that lost its end), so it is read as body. merge.py lets what it says join the event it repeats.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from ..models import Article
from .lexicon import Lexicon

Kind = Literal["body", "heading", "boilerplate", "repeat"]
_BULLET = re.compile(r"^\s*(?:[-*•–]|\d+[.)])\s+")
# a shorter unpunctuated line at the end is a closing label, not a cut-off sentence
MIN_CUT_OFF_WORDS = 8


@dataclass(frozen=True, slots=True)
class Paragraph:
    start: int
    end: int
    kind: Kind
    # position among the article's paragraphs, so sentences of one paragraph can share context
    index: int


def paragraphs(article: Article, lex: Lexicon) -> list[Paragraph]:
    """Every non-empty line of the article body, classified."""
    # The title counts as said once it stands above the body (002 repeats its headline after the
    # dateline); when the body itself opens with it, that first line is the lead, not a repeat.
    above = article.text[: article.body_start]
    seen = (
        {fingerprint(article.title)}
        if article.title and fingerprint(article.title) in fingerprint(above)
        else set()
    )
    out: list[Paragraph] = []
    offset = article.body_start
    appeal_started = False
    for line in article.text[article.body_start : article.body_stop].split("\n"):
        start, end = _strip(article.text, offset, offset + len(line))
        offset += len(line) + 1
        start = _skip_prefix(article.text, start, end, lex)
        if start == end:
            continue
        body = article.text[start:end]
        kind = _kind(body, lex, seen, appeal_started)
        appeal_started = appeal_started or (kind == "boilerplate" and _is_appeal(body, lex))
        seen.add(fingerprint(body))
        if out and kind == "body" and _continues(out[-1], article.text, lex):
            out[-1] = Paragraph(out[-1].start, end, "body", out[-1].index)
        else:
            out.append(Paragraph(start, end, kind, len(out)))
    return _cut_off_end(out, article.text)


def _skip_prefix(text: str, start: int, end: int, lex: Lexicon) -> int:
    """Past a credit glued before the paragraph ("Photograph : Joe Raedle/Getty Images Scientists
    have …"): the paragraph proper starts after it."""
    line = text[start:end]
    for pattern in lex.line_prefixes:
        m = pattern.match(line)
        # a credit line of its own ("Photo: Reuters/Fabrizio Bensch") stays whole: it is boilerplate
        if m and m.end() < len(line) and not any(p.search(line) for p in lex.boilerplate_lines):
            return _strip(text, start + m.end(), end)[0]
    return start


def _cut_off_end(out: list[Paragraph], text: str) -> list[Paragraph]:
    """The last heading-like line, with nothing but boilerplate after it, is body when long
    enough to be a sentence cut off: a heading needs something to introduce."""
    last = next((i for i in range(len(out) - 1, -1, -1) if out[i].kind != "boilerplate"), None)
    if last is None or out[last].kind != "heading":
        return out
    line = _BULLET.sub("", text[out[last].start : out[last].end]).strip()
    if line.endswith(":") or len(line.split()) < MIN_CUT_OFF_WORDS:
        return out
    out[last] = Paragraph(out[last].start, out[last].end, "body", out[last].index)
    return out


def _continues(previous: Paragraph, text: str, lex: Lexicon) -> bool:
    """A long prose line that stops mid-sentence was wrapped: the next line goes on with it."""
    line = text[previous.start : previous.end]
    return previous.kind == "body" and line[-1] not in lex.sentence_final and not line.endswith(":")


def _kind(line: str, lex: Lexicon, seen: set[str], appeal_started: bool) -> Kind:
    if (
        appeal_started
        or _is_appeal(line, lex)
        or any(p.search(line) for p in lex.boilerplate_lines)
    ):
        # Once a donation appeal has begun, what follows it is the page's footer, not the report.
        return "boilerplate"
    if fingerprint(line) in seen:
        return "repeat"
    if is_heading(line, lex):
        return "heading"
    return "body"


def _is_appeal(line: str, lex: Lexicon) -> bool:
    return any(p.search(line) for p in lex.appeals)


def is_heading(line: str, lex: Lexicon) -> bool:
    """Short and not ended like a sentence: a section title, a kicker, a label followed by a
    list."""
    text = _BULLET.sub("", line).strip()
    if not text:
        return True
    if text.endswith(":"):
        return len(text.split()) <= lex.heading_max_words
    return text[-1] not in lex.sentence_final and len(text.split()) <= lex.heading_max_words


def fingerprint(text: str) -> str:
    """Words only, case folded: two paragraphs with the same fingerprint say the same thing."""
    return " ".join(re.findall(r"\w+", text.casefold()))


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


_LABEL = re.compile(
    r"\s*(?:[-*•–]|\d+[.)])?\s*(?:[^\W\d][\w’'\-]*\s+){0,3}[^\W\d][\w’'\-]*:\s+(?=\S)|\s*(?:[-*•–]|\d+[.)])\s+"
)


def skip_label(text: str, start: int, end: int) -> int:
    """Start of the statement proper: after a list bullet and a short 'Label:' ("- Rapid
    Deployment: NATO …")."""
    m = _LABEL.match(text, start, end)
    return m.end() if m else start
