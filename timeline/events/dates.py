"""When did it happen, when the clause has no date of its own?

News reports what happens now: a clause in the present ("The UN says …"), the present perfect ("has
arrived"), the future, or a statement ("X said …": said for this report) is dated by the publication
day. A clause whose main verb is in the past tense ("Hundreds of buildings collapsed") happened
before the report, on a day the text does not give: it gets an honest span ending at the
publication, the PAST_SPAN_DAYS days before it, never the publication day as if known.

A history or a chronology (``narrative``) tells its own time: an undated clause happens at the last
date the text gave, across paragraphs, and never on the publication day (for a Wikipedia history
that is the day it was downloaded). Before the text has given a date, a clause is no event.
"""

from __future__ import annotations

from datetime import date, timedelta

from ..models import Article, TemporalExpression
from .happenings import is_anchor, words_of
from .lexicon import Lexicon

PAST_SPAN_DAYS = 6  # "in the days before": a week ending on the publication day
# An article tells a narrative when its dates lie this many years before its publication, at least
# NARRATIVE_MIN_FAR of them and NARRATIVE_RATIO times as many as the dates near it (a news story
# with some background years stays news).
FAR_YEARS = 3
NARRATIVE_MIN_FAR = 5
NARRATIVE_RATIO = 2


def is_narrative(article: Article, timexes: list[TemporalExpression]) -> bool:
    """The article's front matter says so (``type: narrative``), or, left to ``auto``, its dates
    do: far more of them lie years before the publication than near it."""
    if article.doc_type in ("narrative", "news"):
        return article.doc_type == "narrative"
    published = article.published[:4] if article.published else ""
    if not published.isdigit():
        return False
    years = [int(t.value[:4]) for t in timexes if is_anchor(t) and t.value[:4].isdigit()]
    far = sum(1 for y in years if int(published) - y >= FAR_YEARS)
    return far >= NARRATIVE_MIN_FAR and far >= NARRATIVE_RATIO * (len(years) - far)


def is_past(title: str, lex: Lexicon) -> bool:
    """The title's main verb (its first verb after the subject) is in the past tense and is not a
    verb of saying. ``title`` without its "Speaker: " prefix."""
    words = words_of(title)
    for i, word in enumerate(words[1:], 1):
        w = word.lower()
        if not lex.is_verb(word):
            continue
        if w in lex.speech_verbs or w in lex.reporting_verbs:
            return False
        if w in lex.perfect_auxiliaries or (w in lex.auxiliaries and w not in lex.past_forms):
            return False
        if w in lex.past_forms:
            return True
        previous = words[i - 1].lower()
        return (
            word[:1].islower()
            and previous not in lex.perfect_auxiliaries
            and any(w.endswith(s) for s in lex.verb_suffixes)
        )
    return False


def is_pluperfect(title: str, lex: Lexicon) -> bool:
    """The title's main verb is a past perfect ("BP had been making monthly payouts", "Hayward had
    said …"): what happened before the time the story tells. ``title`` without its "Speaker: "
    prefix."""
    words = words_of(title)
    for i, word in enumerate(words[1:], 1):
        if not lex.is_verb(word):
            continue
        if word.lower() not in lex.pluperfect_auxiliaries:
            return False
        rest = [w for w in words[i + 1 : i + 4] if w.lower() not in lex.open_ends]
        return bool(rest) and (lex.is_verb(rest[0]) or rest[0].lower() in lex.past_forms)
    return False


def span_before(published: str) -> tuple[str, str] | None:
    """(first day, publication day) of the span before a publication, or None without a day to
    end on."""
    try:
        end = date.fromisoformat(published[:10])
    except ValueError:
        return None
    return (end - timedelta(days=PAST_SPAN_DAYS)).isoformat(), end.isoformat()


def says_now(words: list[str], lex: Lexicon) -> bool:
    """A verb of saying in the present after its speaker, a name or a pronoun ("Nordyke says …",
    "she insists …"): a statement made when the article was written, whatever date the story told
    before it."""
    return any(
        w.lower() in lex.present_statements
        and (before[:1].isupper() or before.lower() in lex.subject_pronouns)
        for before, w in zip(words, words[1:], strict=False)
    )
