"""The words a mention is compared by when merging: computed once per mention, in the extraction
worker, and kept in the mention cache with it (so this module is part of the extractor
fingerprint; the merge rules in merge.py are not, and changing them does not re-extract
anything)."""

from __future__ import annotations

import re

from ..models import Event
from .lexicon import lexicon

# a prefix this long stands for the word: "sanction", "sanctions", "sanctioned" compare equal
STEM = 5
_WORD = re.compile(r"[^\W\d_][\w\-]{2,}")


def content_words(mention: Event) -> frozenset[str]:
    """Word stems that carry meaning, plus the canonical names of actors and places. The words of a
    person's name count once, as the name: "Adm Mike Mullen says …" and "Adm Mike Mullen made the
    decision …" share a person, not four words (two acts of one person read as one happening when
    they did)."""
    stop = lexicon(mention.lang).stopwords
    named = {w[:STEM] for n in mention.actors for w in (x.lower() for x in _WORD.findall(n))}
    stems = {
        w[:STEM] for w in (x.lower() for x in _WORD.findall(mention.text)) if w not in stop
    } - named
    return frozenset(stems | {"@" + n for n in mention.actors + mention.places})
