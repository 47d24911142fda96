"""Apply a language's rules to a text, leftmost match first, longest match at a position.

Negative rules are tried with the others, at a higher priority: they consume words such as
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
    core: int = -1  # where the rule matched: after a determiner taken in (``_start``); -1: start

    @property
    def match_start(self) -> int:
        return self.start if self.core < 0 else self.core


_TOKEN = re.compile(r"\w+")


def candidates(text: str, lang: Language) -> Iterator[Candidate]:
    """Try the rules only where a trigger word (or a number) starts.

    Scanning the whole alternation at every character is ~50x slower: a cheap tokenizer plus a set
    lookup rejects most words, and ``regex.match`` at a position still sees the text before it.
    """
    done = 0
    for m in _matches(text, lang):
        if m.start() < done:
            continue
        index = int(m.lastgroup[1:])  # type: ignore[index]  # the outer "r<i>" group closes last
        rule = lang.rules[index]
        if rule.negative or not _case_ok(m, index, rule, lang):
            done = m.end()
            continue
        start = _start(text, m.start(), done, rule, lang)
        yield Candidate(start, m.end(), rule, group_values(m, index, lang), m.start())
        done = m.end()


_LOOK_BACK = 12  # characters: the longest determiner of ``determiners_before`` with its space


def _start(text: str, start: int, done: int, rule: Rule, lang: Language) -> int:
    """Where the expression starts: before a determiner that the language's gold counts in it ("el 6
    de junio"), unless the rule keeps it out (``determiner: false``) or it ends a previous match."""
    before = lang.determiners_before
    if before is None or not rule.determiner:
        return start
    m = before.search(text, max(done, start - _LOOK_BACK), start)
    return m.start() if m else start


def _matches(text: str, lang: Language) -> Iterator[re.Match[str]]:
    triggers, weak = lang.triggers, lang.weak_triggers
    done = 0
    tokens = _TOKEN.finditer(text)
    previous_weak: int | None = None
    for tok in tokens:
        start = tok.start()
        if start < done:
            continue
        word = tok.group().lower()
        if word in weak:  # "the", "a": only worth trying when the next word is a trigger
            previous_weak = start
            continue
        if not (word in triggers or word[0].isdigit() or word[:-1] in triggers):  # "Mondays"
            previous_weak = None
            continue
        for pos in _positions(text, start, previous_weak):
            m = _longest(text, pos, lang)
            if m:
                done = m.end()
                yield m
                break
        previous_weak = None


def _longest(text: str, pos: int, lang: Language) -> re.Match[str] | None:
    """At one position the longest match wins ("the year-ago quarter" over "the year-ago");
    on equal length the rule tried first (higher priority, e.g. a negative rule) keeps it.

    Only the rules whose pattern can begin with the word at ``pos`` are tried (``firsts.py``), which
    gives the same match as trying every rule in priority order, at a fraction of the cost.
    """
    tok = _TOKEN.match(text, pos)
    word = (tok.group() if tok else text[pos]).lower()
    best = None
    singles = lang.singles
    for i in lang.rules_starting(word):
        m = singles[i].match(text, pos)
        if m is not None and (best is None or m.end() > best.end()):
            best = m
    return best


def _positions(text: str, start: int, weak: int | None) -> list[int]:
    out = [] if weak is None else [weak]
    if start and text[start - 1] in "'’":  # "'90s"
        out.append(start - 1)
    out.append(start)
    return out


def _case_ok(m: re.Match[str], index: int, rule: Rule, lang: Language) -> bool:
    """Groups listed in the language's ``capitalized_groups`` must start upper case ("May" vs
    "may")."""
    if rule.capitalized and not m.group(0)[:1].isupper():
        return False
    for full, kind in lang.groups[index]:
        if kind in lang.capitalized:
            text = m.group(full)
            if text and text[0].isalpha() and not text[0].isupper():
                return False
    return True
