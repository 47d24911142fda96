"""Apply a language's rules to a text: one scan of one compiled alternation, leftmost match first.

Negative rules live in the same alternation with a higher priority: they consume words such as
"may be" or "Mars" so that no positive rule can claim them, and are then dropped.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from timeline.temporal.normalize import group_values
from timeline.temporal.resources import Language, Rule


@dataclass(frozen=True, slots=True)
class Candidate:
    start: int
    end: int
    rule: Rule
    values: dict[str, Any]


def candidates(text: str, lang: Language) -> Iterator[Candidate]:
    for m in lang.regex.finditer(text):
        index = int(m.lastgroup[1:])  # type: ignore[index]  # the outer "r<i>" group closes last
        rule = lang.rules[index]
        if rule.negative or not _case_ok(m, index, rule, lang):
            continue
        yield Candidate(m.start(), m.end(), rule, group_values(m, index, lang))


def _case_ok(m: re.Match[str], index: int, rule: Rule, lang: Language) -> bool:
    """Groups listed in the language's ``capitalized_groups`` must start upper case ("May" vs "may")."""
    if rule.capitalized and not m.group(0)[:1].isupper():
        return False
    for full, kind in lang.groups[index]:
        if kind in lang.capitalized:
            text = m.group(full)
            if text and text[0].isalpha() and not text[0].isupper():
                return False
    return True
