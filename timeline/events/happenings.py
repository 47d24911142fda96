"""Within one sentence: where its happenings are, which date anchors each, and how sure we are.

A sentence with two dated clauses ("X signed on 3 May, and Y answered on 5 May") gives two
happenings; each takes the date expression inside its clause. A clause without its own date takes
the date of an earlier sentence of the same paragraph (``inferred``: the story goes on) or the
publication date (``publication``: news reports what is happening now).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from ..models import Event, TemporalExpression
from .lexicon import Lexicon

DATE_TYPES = {"DATE", "TIME"}
# Clause boundaries where a sentence may hold a second happening.
_CLAUSE_BREAK = re.compile(r"\s*(?:;|,?\s+—\s+|,\s+(?=\w))")
_WORD = re.compile(r"[\w’'\-]+")


@dataclass(frozen=True, slots=True)
class Happening:
    start: int  # offsets in the article text
    end: int
    anchor: TemporalExpression | None


def is_anchor(t: TemporalExpression) -> bool:
    """A date that places a happening on the calendar: resolved and concrete (not PRESENT_REF,
    not a duration)."""
    return t.type in DATE_TYPES and t.value[:1].isdigit()


def split_happenings(
    text: str, start: int, end: int, timexes: list[TemporalExpression]
) -> list[Happening]:
    """One happening per anchoring date, split at the clause break between two differently dated
    clauses."""
    inside = [t for t in timexes if t.start >= start and t.end <= end and t.type in DATE_TYPES]
    anchors = [t for t in inside if is_anchor(t)]
    distinct = {t.value for t in anchors}
    if len(distinct) < 2:
        return [Happening(start, end, anchors[0] if anchors else _first_unresolved(inside))]
    pieces, piece_start = [], start
    for left, right in zip(anchors, anchors[1:], strict=False):
        if left.value == right.value:
            continue
        cut = _break_between(text, left.end, right.start)
        if cut is None:
            continue
        pieces.append(Happening(piece_start, cut[0], left))
        piece_start = cut[1]
    pieces.append(Happening(piece_start, end, anchors[-1]))
    return pieces


def _first_unresolved(inside: list[TemporalExpression]) -> TemporalExpression | None:
    """'on Thursday' in an undated article: no value yet, but the date expression is worth
    keeping."""
    for t in inside:
        if not t.resolved and t.type in DATE_TYPES:
            return t
    return None


def _break_between(text: str, lo: int, hi: int) -> tuple[int, int] | None:
    """The last clause break between two date expressions, as (end of first clause, start of
    second)."""
    found = None
    for m in _CLAUSE_BREAK.finditer(text, lo, hi):
        found = (m.start(), m.end())
    if found is None:
        return None
    after = text[found[1] : hi]
    conj = re.match(r"(?:and|but|while|und|aber|während)\s+", after)
    return (found[0], found[1] + (conj.end() if conj else 0))


def has_verb(words: list[str], lex: Lexicon) -> bool:
    return any(lex.is_verb(w) for w in words[1:]) or (
        bool(words) and words[0].lower() in lex.auxiliaries
    )


def words_of(text: str) -> list[str]:
    return _WORD.findall(text)


@dataclass(frozen=True, slots=True)
class Features:
    """What the clause shows about itself; `confidence` weighs them (WEIGHTS)."""

    explicit_date: bool = False  # the clause carries its own date expression
    named_actor: bool = False  # a person, organisation, or a country as subject
    action_verb: bool = False  # a listed verb of doing (not only an auxiliary or a suffix guess)
    reported_speech: bool = False  # a named speaker says, or is quoted
    # "is seen as", "reflects", "ist unklar": an evaluation, not a happening
    evaluative: bool = False
    copular: bool = False  # "X is a move", "X is critical": a description
    hedged: int = 0  # hedge words ("could", "reportedly", "möglicherweise"), counted
    commentary: bool = False  # opens with "This …", "These …": comment on what was said before
    background: bool = False  # "previously", "already", "bereits": background, not news of the day
    summary: bool = False  # a labelled bullet ("- Rapid Deployment: …"): a recap of the article
    # the subject is the reporting itself ("the article notes", "observers") and nothing is reported
    meta: bool = False
    # "you", "your" outside quotes: the text addresses its reader (a prompt, advice)
    reader: bool = False
    lead: bool = False  # the article's first sentence: news writing puts the happening first


# Start from BASE; each feature present adds its weight. A clause below MIN_CONFIDENCE is no event
# of its own, except a clause with its own explicit date and a verb (a dated statement is always
# kept). Between WEAK_FLOOR and MIN_CONFIDENCE it is kept as a *weak* mention (is_weak): not an
# event by itself, but a source of the event it repeats near word for word, since a paragraph pasted
# from another article loses the lead bonus and, with a surname alone, its named actor there (0.1 +
# 0.1), so it scores lower than its original. A kept clause below LOW_CONFIDENCE is low confidence
# (analysis, background, a recap): it stays in the YAML with its score, for an editor to confirm or
# delete.
BASE = 0.5
MIN_CONFIDENCE = 0.45
WEAK_FLOOR = 0.25
LOW_CONFIDENCE = 0.5
WEIGHTS = {
    "explicit_date": 0.25,
    "named_actor": 0.1,
    "action_verb": 0.1,
    "reported_speech": 0.1,
    "lead": 0.1,
    "evaluative": -0.3,
    "copular": -0.15,
    "commentary": -0.2,
    "background": -0.1,
    "summary": -0.45,
    "meta": -0.3,
    "reader": -0.35,
}
NO_ACTOR = -0.1
HEDGE = -0.15  # per hedge word, at most two


def is_weak(event: Event) -> bool:
    """A mention that is no event by itself (merge.py lets it only join a near-identical event):
    below MIN_CONFIDENCE and not dated by its own expression. The one place this rule is written."""
    return event.confidence < MIN_CONFIDENCE and event.date_source != "explicit"


def confidence(features: Features) -> float:
    """How likely the clause reports something that happened (or is firmly announced), 0.05 …
    0.95."""
    score = BASE + sum(weight for name, weight in WEIGHTS.items() if getattr(features, name))
    score += 0.0 if features.named_actor else NO_ACTOR
    score += HEDGE * min(2, features.hedged)
    return round(min(0.95, max(0.05, score)), 2)


def features_of(words: list[str], lex: Lexicon, **known: bool) -> Features:
    """The word-level features of a clause; `known` supplies those read from structure (date,
    actor, title)."""
    lowered = [w.lower() for w in words]
    present = set(lowered)
    return Features(
        action_verb=any(
            lex.is_verb(w) and (w in lex.verbs or _stem_listed(w, lex)) for w in lowered[1:]
        ),
        hedged=len(present & lex.hedges),
        commentary=bool(lowered) and lowered[0] in lex.commentary,
        background=bool(present & lex.background),
        **known,
    )


def addresses_reader(text: str, lex: Lexicon) -> bool:
    """Second person outside quotation marks ("Share your thoughts", "you can"): the text speaks
    to its reader. Quoted speech is cut out first, so "'You will not divide us,' Scholz said"
    stays a statement."""
    if not lex.reader_address:
        return False
    return any(w.lower() in lex.reader_address for w in _outside_quotes(text, lex))


def in_own_voice(text: str, lex: Lexicon) -> bool:
    """First person singular outside quotation marks ("Haiti is very small so everybody knows
    everybody else, I hope this will help", "My brother Mark did manage to travel …"): a reader's
    comment or a writer's diary, not a report. Quoted speech is cut out first."""
    if not lex.first_person:
        return False
    outside = _outside_quotes(text, lex)
    return any(
        w.lower() in lex.first_person
        # "World War I", "Elizabeth I": a numeral after a name
        and not (w == "I" and i and outside[i - 1][:1].isupper())
        for i, w in enumerate(outside)
    )


def _outside_quotes(text: str, lex: Lexicon) -> list[str]:
    """The words of the text with its quoted speech cut out."""
    quotes = re.escape(lex.quote_open + lex.quote_close)
    return words_of(re.sub(f"[{quotes}][^{quotes}]*[{quotes}]", " ", text))


def _stem_listed(word: str, lex: Lexicon) -> bool:
    return any(
        word.endswith(e) and word[: -len(e)] in lex.verbs for e in ("s", "es", "d", "ed", "ing")
    ) or (word.endswith("ing") and word[:-3] + "e" in lex.verbs)


def tags_of(text: str, lex: Lexicon, words: list[str]) -> list[str]:
    lowered = text.lower()
    tags = [tag for tag, pattern in _tag_patterns(lex.tags) if pattern.search(lowered)]
    if {w.lower() for w in words} & lex.future:
        tags.append("planned")
    return sorted(set(tags))


@cache
def _tag_patterns(
    tags: tuple[tuple[str, tuple[str, ...]], ...],
) -> tuple[tuple[str, re.Pattern[str]], ...]:
    """One compiled alternation per tag: a stem matches at the start of a word (compiled once per
    lexicon, not once per sentence and stem, which had made tagging a tenth of the per-article
    time)."""
    return tuple(
        (
            tag,
            re.compile(
                r"(?<!\w)(?:"
                + "|".join(re.escape(stem) for stem in sorted(stems, key=len, reverse=True))
                + ")"
            ),
        )
        for tag, stems in tags
        if stems
    )
