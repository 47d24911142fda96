"""Which rules can start at a word: the literal prefixes of each rule's regex, read off its parse
tree.

The extractor tries, at a trigger word, only the rules whose pattern can begin with that word
instead of every rule (hundreds, each a large vocabulary alternation). The analysis is conservative:
a rule is skipped only when no string starting with the word can match it, so results are those of
trying all.

A prefix is ``(text, follow)``: the pattern's match begins with ``text`` (lower case), then with a
character of class ``follow``: ``"digit"``, or ``"any"`` (no constraint, e.g. after ``\\s+``).
"""

from __future__ import annotations

import re
from typing import Any

try:  # Python >= 3.11
    import re._constants as _c  # type: ignore[import-not-found]
    import re._parser as _p  # type: ignore[import-not-found]
except ImportError:  # pragma: no cover
    import sre_constants as _c  # type: ignore[no-redef]
    import sre_parse as _p  # type: ignore[no-redef]

Prefix = tuple[str, str]
_ANY: frozenset[Prefix] = frozenset({("", "any")})
_LIMIT = 4000  # more prefixes than this: give up on the rule (it is tried everywhere)
_ZERO_WIDTH = {_c.AT, _c.ASSERT, _c.ASSERT_NOT}
_REPEATS = {_c.MAX_REPEAT, _c.MIN_REPEAT} | (
    {_c.POSSESSIVE_REPEAT} if hasattr(_c, "POSSESSIVE_REPEAT") else set()
)
_DIGIT_CATEGORIES = {_c.CATEGORY_DIGIT, getattr(_c, "CATEGORY_UNI_DIGIT", _c.CATEGORY_DIGIT)}


class _TooMany(Exception):
    pass


def prefixes(pattern: str) -> frozenset[Prefix]:
    """Literal prefixes of ``pattern`` (compiled with re.IGNORECASE); ``{("", "any")}`` when
    unknown."""
    return tree_prefixes(_p.parse(pattern, re.IGNORECASE))


def tree_prefixes(tree: Any) -> frozenset[Prefix]:
    """prefixes() of a pattern already parsed (``re._parser.parse``); the tree is only read."""
    try:
        out = _seq(list(tree.data))
    except _TooMany:
        return _ANY
    return frozenset((text, "any" if follow == "end" else follow) for text, follow in out)


def _seq(items: list) -> set[Prefix]:  # type: ignore[type-arg]
    if not items:
        return {("", "end")}
    (op, av), rest = items[0], items[1:]
    if op == _c.LITERAL:
        return _cat(chr(av).lower(), _seq(rest))
    if op in _ZERO_WIDTH:  # lookarounds and boundaries consume nothing: ignoring them only widens
        return _seq(rest)
    if op == _c.SUBPATTERN:
        return _seq(list(av[-1].data) + rest)
    if op == _c.BRANCH:
        out: set[Prefix] = set()
        for alt in av[1]:
            out |= _seq(list(alt.data) + rest)
            _check(out)
        return out
    if op in _REPEATS:
        lo, _hi, sub = av
        once = {(t, "any" if f == "end" else f) for t, f in _seq(list(sub.data))}
        return once | _seq(rest) if lo == 0 else once
    if op == _c.IN:
        chars = _set_literals(av)
        if chars is not None:
            out = set()
            for ch in chars:
                out |= _cat(ch, _seq(rest))
                _check(out)
            return out
        if _set_is_digit(av):
            return {("", "digit")}
    return {("", "any")}


def _cat(ch: str, tails: set[Prefix]) -> set[Prefix]:
    out = {(ch + t, f) for t, f in tails}
    _check(out)
    return out


def _check(out: set[Prefix]) -> None:
    if len(out) > _LIMIT:
        raise _TooMany


def _set_literals(items: list) -> list[str] | None:  # type: ignore[type-arg]
    """A small set of plain characters (``[.-]``), else None."""
    chars = []
    for op, av in items:
        if op != _c.LITERAL:
            return None
        chars.append(chr(av).lower())
    return chars if len(chars) <= 4 else None


def _set_is_digit(items: list) -> bool:  # type: ignore[type-arg]
    for op, av in items:
        if op == _c.CATEGORY and av in _DIGIT_CATEGORIES:
            continue
        if op == _c.RANGE and "0" <= chr(av[0]) and chr(av[1]) <= "9":
            continue
        if op == _c.LITERAL and chr(av).isdigit():
            continue
        return False
    return True


def can_start(prefix_set: frozenset[Prefix], word: str) -> bool:
    """Could a match of a rule with these prefixes begin with ``word`` (lower case, a whole
    token)?"""
    n = len(word)
    for text, follow in prefix_set:
        if len(text) >= n:
            if text.startswith(word):
                return True
        elif word.startswith(text) and (follow == "any" or word[len(text)].isdigit()):
            return True
    return False
