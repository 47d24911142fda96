"""When did it happen, when the clause has no date of its own?

News reports what happens now: a clause in the present ("The UN says …"), the present perfect ("has
arrived"), the future, or a statement ("X said …": said for this report) is dated by the publication
day. A clause whose main verb is in the past tense ("Hundreds of buildings collapsed") happened
before the report, on a day the text does not give: it gets an honest span ending at the
publication, the PAST_SPAN_DAYS days before it, never the publication day as if known.
"""

from __future__ import annotations

from datetime import date, timedelta

from .happenings import words_of
from .lexicon import Lexicon

PAST_SPAN_DAYS = 6  # "in the days before": a week ending on the publication day


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


def span_before(published: str) -> tuple[str, str] | None:
    """(first day, publication day) of the span before a publication, or None without a day to
    end on."""
    try:
        end = date.fromisoformat(published[:10])
    except ValueError:
        return None
    return (end - timedelta(days=PAST_SPAN_DAYS)).isoformat(), end.isoformat()
