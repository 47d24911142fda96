"""Language resources: load ``data/<lang>/*.yaml`` and compile them once (cached per language).

Layout of a language folder (adding a language = adding a folder; ``data/any/`` holds the
language-independent rules that ``language_for`` uses for a language without a folder):
  vocab.yaml     word -> normalized value tables (month, weekday, number, unit, ...); keys are lower
                 case
  patterns.yaml  regex macros that are not word lists (day, year, ...)
  tense.yaml     regexes of future / past markers used to pick a direction for underspecified dates,
                 and optionally ``future_just_before``: words right before the expression that make
                 it future
  rules/*.yaml   rules: name, type, pattern, value, optional mod / negative / capitalized /
                 deictic / determiner, examples

In a rule pattern ``{month}`` expands to the named group ``(?P<month>...)`` built from the
vocabulary or macro of that name; ``{month2}`` is a second group of the same kind. A single space
means ``\\s+``. Case is folded in code (re.IGNORECASE), never spelled out in the data.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import yaml

try:  # the compiler and parser behind re.compile (named sre_* before Python 3.11)
    from re import _compiler as sre_compile  # type: ignore[attr-defined]
    from re import _parser as sre_parse  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover
    import sre_compile  # type: ignore[no-redef]
    import sre_parse  # type: ignore[no-redef]

from timeline.errors import ResourceError
from timeline.temporal.firsts import can_start, tree_prefixes

DATA = Path(__file__).parent / "data"
_MACRO = re.compile(r"\{(?P<name>[a-z_]+?)(?P<n>\d*)\}")
_BOUNDARY_BEFORE = r"(?<![\w$€£%])"
_BOUNDARY_AFTER = r"(?![\w%])"


@dataclass(frozen=True, slots=True)
class Rule:
    name: str
    type: str
    pattern: str
    value: str
    mod: str | None = None
    negative: bool = False
    capitalized: bool = False  # first letter must be upper case
    priority: int = 50  # lower = tried first at a given text position
    # False: no evidence of news time although the value counts from the DCT ("the next day" is
    # written in histories as much as in news); None: decided from the value (narrative.py)
    deictic: bool | None = None
    # False: a determiner before the match stays out of it (an adjective: "la [próxima] semana")
    determiner: bool = True
    examples: tuple[tuple[str, str | None], ...] = ()
    source: str = ""


@dataclass(slots=True)
class Language:
    code: str
    vocab: dict[str, dict[str, Any]]
    rules: list[Rule]
    future: re.Pattern[str]
    past: re.Pattern[str]
    # words right before an expression that make it a deadline or schedule ("by Jan. 14", "payable
    # Dec. 7")
    future_just_before: re.Pattern[str] | None = None
    # per rule: (group name in the combined regex, macro name, e.g. "month" for "r3_month2")
    groups: list[list[tuple[str, str]]] = field(default_factory=list)
    settings: dict[str, Any] = field(default_factory=dict)

    # one regex per rule (same group names as ``regex``), to find the longest match at a position
    singles: Sequence[re.Pattern[str]] = field(default_factory=list)
    triggers: frozenset[str] = frozenset()
    weak_triggers: frozenset[str] = frozenset()
    capitalized: frozenset[str] = frozenset()
    # settings ``determiners_before``: words the language's TimeML gold counts in an expression when
    # written right before it ("el 6 de junio"), anchored at the expression's start
    determiners_before: re.Pattern[str] | None = None
    # per rule: the literal prefixes its regex can start with (see firsts.py), and a cache
    # word -> indices of the rules that can start with that word
    prefixes: list[frozenset[tuple[str, str]]] = field(default_factory=list)
    starts: dict[str, tuple[int, ...]] = field(default_factory=dict)

    def rules_starting(self, word: str) -> tuple[int, ...]:
        """Indices (priority order) of the rules whose match can begin with ``word`` (lower
        case)."""
        found = self.starts.get(word)
        if found is None:
            if not word.isascii():  # Unicode case folding ("ſ" matches "s"): try every rule
                return tuple(range(len(self.rules)))
            found = tuple(i for i, p in enumerate(self.prefixes) if can_start(p, word))
            if len(self.starts) > 50_000:  # numbers are open-ended: keep the cache bounded
                self.starts.clear()
            self.starts[word] = found
        return found


# data/any/: language-independent rules (ISO and numeric dates) for every other language
FALLBACK = "any"


def available_languages() -> list[str]:
    """Languages with resources of their own (the fallback set is not one)."""
    return sorted(
        p.name for p in DATA.iterdir() if (p / "vocab.yaml").exists() and p.name != FALLBACK
    )


def language_for(code: str) -> Language:
    """The resources for ``code``, or the language-independent fallback set: never raises for a
    code."""
    normalized = (code or "").lower().replace("_", "-").split("-")[0]
    return load_language(normalized if normalized in available_languages() else FALLBACK)


@cache
def load_language(code: str) -> Language:
    folder = DATA / code
    if not (folder / "vocab.yaml").exists():
        raise ResourceError(f"no temporal resources for language {code!r} (looked in {folder})")
    vocab = {
        k: {str(w).lower(): v for w, v in d.items()}
        for k, d in _yaml(folder / "vocab.yaml").items()
    }
    macros = _yaml(folder / "patterns.yaml")
    rules = [r for path in sorted((folder / "rules").glob("*.yaml")) for r in _rules(path)]
    rules.sort(key=lambda r: r.priority)  # stable: file order breaks ties
    tense = _yaml(folder / "tense.yaml")
    settings = _yaml(folder / "settings.yaml") if (folder / "settings.yaml").exists() else {}
    singles = _compile(rules, vocab, macros)
    flags = re.IGNORECASE
    return Language(
        code,
        vocab,
        rules,
        future=re.compile(tense["future"], flags),
        past=re.compile(tense["past"], flags),
        future_just_before=re.compile(tense["future_just_before"], flags)
        if "future_just_before" in tense
        else None,
        groups=_rule_groups(singles),
        settings=settings,
        singles=singles,
        triggers=_triggers(vocab, settings),
        weak_triggers=frozenset(settings.get("weak_triggers", ())),
        capitalized=frozenset(settings.get("capitalized_groups", ())),
        determiners_before=_before(settings.get("determiners_before")),
        prefixes=[tree_prefixes(tree) for tree in singles.trees],
    )


def _before(pattern: str | None) -> re.Pattern[str] | None:
    """``determiners_before`` compiled to match only where it ends at the searched end (the start
    of an expression), after a word boundary."""
    return re.compile(f"{_BOUNDARY_BEFORE}(?:{pattern})$", re.IGNORECASE) if pattern else None


def _triggers(vocab: dict[str, dict[str, Any]], settings: dict[str, Any]) -> frozenset[str]:
    """Words a match can start with: first words of every vocabulary entry plus the settings' list.

    The extractor only tries the rules where a token is one of these (or a number), which is what
    makes tagging fast; a rule whose first word is missing here is caught by its examples' tests.
    """
    words = {w.lower() for w in settings.get("triggers", ())}
    for table in vocab.values():
        for entry in table:
            words.add(re.split(r"[\s\-.]+", entry)[0])
    return frozenset(words)


def _rule_groups(singles: Patterns) -> list[list[tuple[str, str]]]:
    out: list[list[tuple[str, str]]] = [[] for _ in range(len(singles))]
    for index in range(len(singles)):
        for name in singles.groups(index):
            m = re.fullmatch(r"r(\d+)_([a-z_]+?)(\d*)(?:__\d+)?", name)
            if m:
                out[int(m[1])].append((name, m[2]))
    return out


_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _yaml(path: Path) -> Any:
    try:
        with path.open(encoding="utf-8") as f:
            # libyaml's loader: a tenth of the pure-Python one's time
            return yaml.load(f, Loader=_LOADER) or {}
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None)
        line = f":{mark.line + 1}" if mark else ""
        raise ResourceError(f"{path}{line}: {e}") from e


def _rules(path: Path) -> list[Rule]:
    out = []
    for i, raw in enumerate(_yaml(path) or []):
        where = f"{path.name} rule #{i + 1}"
        try:
            examples = tuple(
                (str(t), None if v is None else str(v))
                for t, v in (raw.get("examples") or {}).items()
            )
            out.append(
                Rule(
                    name=raw["name"],
                    type=raw.get("type", "DATE"),
                    pattern=raw["pattern"],
                    value=str(raw.get("value", "")),
                    mod=raw.get("mod"),
                    negative=bool(raw.get("negative")),
                    capitalized=bool(raw.get("capitalized")),
                    examples=examples,
                    source=where,
                    priority=int(raw.get("priority", 10 if raw.get("negative") else 50)),
                    deictic=raw.get("deictic"),
                    determiner=bool(raw.get("determiner", True)),
                )
            )
        except (KeyError, AttributeError, TypeError) as e:
            raise ResourceError(f"{path}: {where}: malformed rule ({e})") from e
    return out


def _alternation(words: dict[str, Any]) -> str:
    # Longest first, so "sept." is tried before "sep" and "twenty-four" before "twenty".
    escaped = (re.escape(w).replace(r"\ ", r"\s+") for w in sorted(words, key=len, reverse=True))
    return "(?:" + "|".join(escaped) + ")"


def expand(
    pattern: str, vocab: dict[str, dict[str, Any]], macros: dict[str, str], prefix: str
) -> str:
    """Rule pattern -> regex: macros become named groups prefixed with the rule's id (unique
    overall)."""

    seen: dict[str, int] = {}

    def sub(m: re.Match[str]) -> str:
        name = m["name"]
        local = name + m["n"]
        seen[local] = seen.get(local, 0) + 1
        if seen[local] > 1:  # same macro in two alternatives: Python forbids duplicate group names
            local += f"__{seen[local]}"
        if name in vocab:
            body = _alternation(vocab[name])
            if name in macros:  # a vocabulary may also accept a regex (digits for months, ...)
                body = f"(?:{macros[name]}|{body})"
        elif name in macros:
            body = f"(?:{macros[name]})"
        else:
            raise ResourceError(f"unknown macro {{{name}}} in pattern {pattern!r}")
        return f"(?P<{prefix}{local}>{body})"

    return _MACRO.sub(sub, spaces(pattern))


# Whitespace between the words of one expression: bounded, so that a rule failing after a run of a
# million blanks gives up after 40 of them instead of backtracking through the run (once per rule
# tried there).
_GAP = r"\s{1,40}"
_CLASS = re.compile(r"\[(?:\\.|[^\]])*\]")


def spaces(pattern: str) -> str:
    """A single space in a rule pattern is a gap of whitespace; inside a character class ("[- ]")
    one blank."""
    out, pos = [], 0
    for m in _CLASS.finditer(pattern):
        out.append(pattern[pos : m.start()].replace(" ", _GAP))
        out.append(m.group().replace(" ", r"\s"))
        pos = m.end()
    out.append(pattern[pos:].replace(" ", _GAP))
    return "".join(out)


def _compile(
    rules: list[Rule], vocab: dict[str, dict[str, Any]], macros: dict[str, str]
) -> Patterns:
    """One regex per rule, in priority order; the extractor tries, at a position, the rules whose
    pattern can begin with the word there (firsts.py), so the longest match wins. Each pattern is
    parsed here (a bad one is reported now, naming its rule) and compiled from that parse the
    first time it is tried: loading a language is most of the cost of tagging a first article,
    and a news article tries half the rules."""
    trees = []
    for i, rule in enumerate(rules):
        body = expand(rule.pattern, vocab, macros, f"r{i}_")
        branch = f"(?P<r{i}>{_BOUNDARY_BEFORE}(?:{body}){_BOUNDARY_AFTER})"
        try:
            trees.append(sre_parse.parse(branch, re.IGNORECASE))
        except re.error as e:
            raise ResourceError(f"{rule.source} ({rule.name}): bad pattern: {e}") from e
    return Patterns(trees)


class Patterns(Sequence[re.Pattern[str]]):
    """Compiled rule patterns, each compiled from its parse tree on first use (``re``'s own
    compiler, given the tree instead of the text, so nothing is parsed twice)."""

    def __init__(self, trees: list[Any]) -> None:
        self.trees = trees
        self.compiled: list[re.Pattern[str] | None] = [None] * len(trees)

    def __len__(self) -> int:
        return len(self.trees)

    def __getitem__(self, index: int) -> re.Pattern[str]:  # type: ignore[override]
        found = self.compiled[index]
        if found is None:
            found = self.compiled[index] = sre_compile.compile(self.trees[index], re.IGNORECASE)
        return found

    def groups(self, index: int) -> dict[str, int]:
        return dict(self.trees[index].state.groupdict)
