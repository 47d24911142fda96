"""The words a mention is compared by when merging: computed once per mention, in the extraction worker,
and kept in the mention cache with it (so this module is part of the extractor fingerprint; the merge
rules in merge.py are not, and changing them does not re-extract anything)."""

from __future__ import annotations

import re

from ..models import Event
from .lexicon import lexicon

STEM = 5  # a prefix this long stands for the word: "sanction", "sanctions", "sanctioned" compare equal
_WORD = re.compile(r"[^\W\d_][\w\-]{2,}")


def content_words(mention: Event) -> frozenset[str]:
    """Word stems that carry meaning, plus the canonical names of actors and places."""
    stop = lexicon(mention.lang).stopwords
    stems = {w[:STEM] for w in (x.lower() for x in _WORD.findall(mention.text)) if w not in stop}
    return frozenset(stems | {"@" + n for n in mention.actors + mention.places})
