"""The tense of the clause around an expression, from marker words in the language data.

No POS tagger: the nearest future or past marker in the same sentence decides (left context first,
since "will meet on Thursday" puts the auxiliary before the date), else None.
"""

from __future__ import annotations

from timeline.temporal.resources import Language

_WINDOW = 200  # characters searched on each side; sentences in news are shorter than this


# what ends a clause whose verbs decide the tense: a sentence, a line, a colon or a semicolon (the
# verb before "Dies ist ...:" is not the verb of the clause after it)
_BOUNDS = (". ", "\n", "? ", ": ", "; ")


def sentence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    lo = max(0, start - _WINDOW)
    left = max(text.rfind(b, lo, start) for b in _BOUNDS)
    hi = min(len(text), end + _WINDOW)
    rights = [i for i in (text.find(b, end, hi) for b in _BOUNDS) if i >= 0]
    return (left + 1 if left >= 0 else lo), (min(rights) if rights else hi)


_JUST_BEFORE = 40  # characters before the expression searched for a deadline word ("payable", "by")


def tense_at(text: str, start: int, end: int, lang: Language) -> str | None:
    lo, hi = sentence_bounds(text, start, end)
    if lang.future_just_before is not None and lang.future_just_before.search(
        text, max(lo, start - _JUST_BEFORE), start
    ):
        return "future"  # "by Jan. 14", "payable Dec. 7", "until Tuesday": a deadline or a schedule
    left = text[lo:start]
    fut = _last(lang.future.finditer(left))
    past = _last(lang.past.finditer(left))
    if fut is not None or past is not None:
        return "future" if (fut or -1) >= (past or -1) else "past"
    right = text[end:hi]
    fut_m, past_m = lang.future.search(right), lang.past.search(right)
    if fut_m or past_m:
        f = fut_m.start() if fut_m else hi
        p = past_m.start() if past_m else hi
        return "future" if f <= p else "past"
    return None


def _last(matches) -> int | None:  # type: ignore[no-untyped-def]
    end = None
    for m in matches:
        end = m.end()
    return end
