"""T17 gold-day recall: how many of a gold timeline's days our events find, with something of what
happened.

A gold day counts when an event dated to that day (day precision, or a week/month containing it is
not enough) shares at least MIN_SHARED of the key words of the gold summary for that day
(content-word stems, as merging compares them, except the topic's own words, found in more than
COMMON of the events; all of them when the summary has fewer). A date alone, with an unrelated event
on it, does not count: the figure rewards happenings, not busy days.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from datetime import date

from ..events.lexicon import lexicon
from ..events.words import STEM

MIN_SHARED = 2
# a stem in more than this share of the events (the topic's own words: "haiti", "quake") is no key
# word
COMMON = 0.1
_WORD = re.compile(r"[^\W\d_][\w\-]{2,}")


def key_words(text: str, lang: str = "en") -> frozenset[str]:
    stop = lexicon(lang).stopwords
    return frozenset(w[:STEM] for w in (x.lower() for x in _WORD.findall(text)) if w not in stop)


def gold_day_recall(
    events: Iterable[Mapping[str, object]],
    gold: Mapping[str, Mapping[date, list[str]]],
    lang: str = "en",
) -> dict[str, float]:
    """Per gold timeline, the share of its days found (events as the YAML's mappings: ``date``,
    ``text``)."""
    by_day: dict[str, list[frozenset[str]]] = defaultdict(list)
    frequency: Counter[str] = Counter()
    total = 0
    for e in events:
        words = key_words(str(e.get("text") or ""), lang)
        frequency.update(words)
        total += 1
        day = e.get("date")
        if isinstance(day, str) and len(day) == 10:
            by_day[day].append(words)
    common = {w for w, n in frequency.items() if n > COMMON * total}
    out = {}
    for name, timeline in gold.items():
        found = 0
        for day, summary in timeline.items():
            keys = key_words(" ".join(summary), lang) - common
            need = min(MIN_SHARED, len(keys))
            if need and any(len(keys & words) >= need for words in by_day.get(day.isoformat(), ())):
                found += 1
        out[name] = round(found / len(timeline), 3) if timeline else 0.0
    return out
