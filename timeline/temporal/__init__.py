"""The temporal tagger: ``tag(text, lang, dct)`` -> TIMEX3 expressions with offsets and normalized values.

    text --extract (rules)--> candidates --normalize--> UNDEF values --resolve (DCT, tense)--> values
"""

from __future__ import annotations

from timeline.models import TemporalExpression
from timeline.temporal.extract import Candidate, candidates
from timeline.temporal.normalize import fill
from timeline.temporal.resolve import Point, parse_point, resolve
from timeline.temporal.resources import Language, available_languages, language_for
from timeline.temporal.tense import tense_at
from timeline.temporal.timex import is_valid_date, precision_of

__all__ = ["tag", "precision_of", "available_languages"]

_TENSE_SENSITIVE = ("UNDEF-year", "UNDEF-weekday", "UNDEF-quarter", "UNDEF-season", "UNDEF-weekend")


def tag(text: str, lang: str, dct: str | None = None) -> list[TemporalExpression]:
    """Temporal expressions of ``text`` (sorted, non-overlapping; offsets are str indices).

    ``dct`` is the document creation time as a TIMEX value; without it relative expressions keep their
    underspecified value and ``resolved=False`` (never resolved against today). A language without
    resources of its own ("fr", "es", ...) gets the language-independent rules (ISO and numeric dates).
    """
    language = language_for(lang)
    out: list[TemporalExpression] = []
    ref: Point | None = None
    for cand in candidates(text, language):
        expr = _expression(text, cand, language, dct, ref)
        if expr is None:
            continue
        out.append(expr)
        if expr.type == "DATE" and expr.resolved and not _anaphoric(cand):
            ref = parse_point(expr.value) or ref
    return out


def _anaphoric(cand: Candidate) -> bool:
    """A date reached from another one ("a year earlier") is no new reference: chaining them drifts."""
    return cand.rule.value.startswith(("UNDEF-REF", "UNDEF-ago-"))


def _expression(
    text: str, cand: Candidate, lang: Language, dct: str | None, ref: Point | None
) -> TemporalExpression | None:
    rule = cand.rule
    value = fill(rule.value, cand.values)
    tense = tense_at(text, cand.start, cand.end, lang) if value.startswith(_TENSE_SENSITIVE) else None
    value, resolved = resolve(value, dct, tense, ref)
    if not is_valid_date(value):  # "31 February": the words matched but name no day
        return None
    mod = fill(rule.mod, cand.values) if rule.mod else None
    return TemporalExpression(
        text=text[cand.start : cand.end], start=cand.start, end=cand.end, type=rule.type,  # type: ignore[arg-type]
        value=value, mod=mod or None, rule=rule.name, resolved=resolved,
    )  # fmt: skip
