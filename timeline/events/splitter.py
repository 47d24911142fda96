"""A fast rule-based sentence splitter with character offsets.

pysbd is accurate but costs milliseconds per paragraph (hundreds of regex passes), which made
sentence splitting half of the per-article time at scale. News prose needs few rules: a sentence
ends at . ! ? or … (plus closing quotes or brackets) followed by space and a capital, digit or
opening quote, unless the word before the period is an abbreviation or an initial, or (per language)
a number read as an ordinal. The abbreviation lists are data: ``data/<lang>/sentences.yaml``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml

from .lexicon import lexicon

DATA = Path(__file__).with_name("data")
FALLBACK = "en"

# Candidate boundary: terminal punctuation, optional closers, whitespace, then what may open a
# sentence.
_BOUNDARY = re.compile(
    r"(?P<end>[.!?…]+)(?P<close>[\"'”’»)\]]*)(?P<space>\s+)(?=[\"'“„«(\[]?[^\W_a-zß])"
)
_WORD_BEFORE = re.compile(r"(?P<word>[\w.'’-]*)$")
_NEXT_WORD = re.compile(r"[\"'“„«(\[]?(?P<word>\w+)")
_LOOKBACK = 40  # characters scanned back for the word before a period


# A heading in capitals run into its paragraph: "CROPS IN INDIA Proposals to introduce …"
_CAPS_HEADING = re.compile(r"(?:[A-Z]{2,}[\s,:]+){1,14}(?=[A-Z][a-z])")


@dataclass(frozen=True, slots=True)
class SentenceRules:
    abbreviations: frozenset[str]
    ordinal_followers: frozenset[str]
    # "… helped in the Haiti rescue A fire crew …": a teaser or heading run into the sentence
    # after it, with no stop between; the sentence starts at the opener
    run_in: re.Pattern[str] | None = None
    # "… collapsed in the earthquake The UN has launched …", "… speed aid to Haiti The US is …": an
    # article before a capitalised word opens a run-in sentence too, unless the word before it
    # takes a title ("in The Hague", "told The Times", "BBC's The World Tonight")
    run_in_name: re.Pattern[str] | None = None
    names_follow: frozenset[str] = frozenset()
    # "US troops land at Haiti's presidential palace US troops are …": a heading that opens with
    # the name its sentence opens with; a heading has none of these words (articles) and no comma
    heading_lacks: frozenset[str] = frozenset()
    # "BP oil spill report as it happened BP released …": a heading's own last words
    heading_end: re.Pattern[str] | None = None
    lang: str = FALLBACK


@cache
def rules_for(lang: str) -> SentenceRules:
    path = DATA / lang / "sentences.yaml"
    if not lang.isalpha() or not path.is_file():
        path = DATA / FALLBACK / "sentences.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    openers = [re.escape(str(w)) for w in data.get("run_in_openers") or ()]
    before_names = [re.escape(str(w)) for w in data.get("run_in_before_names") or ()]
    endings = [re.escape(str(w)).replace(r"\ ", " ") for w in data.get("heading_endings") or ()]
    return SentenceRules(
        abbreviations=frozenset(str(a).lower() for a in data.get("abbreviations") or ()),
        ordinal_followers=frozenset(str(w).lower() for w in data.get("ordinal_followers") or ()),
        run_in=re.compile(rf"(?<=[a-z0-9%'’] )(?:{'|'.join(openers)}) (?=[a-z])")
        if openers
        else None,
        run_in_name=re.compile(
            rf"(?<![\w'’])(?P<before>[A-Za-z][\w'’]*) "
            rf"(?P<opener>{'|'.join(before_names)}) (?=[A-Z])"
        )
        if before_names
        else None,
        names_follow=frozenset(str(w).lower() for w in data.get("names_follow") or ()),
        heading_lacks=frozenset(str(w).lower() for w in data.get("run_in_before_names") or ()),
        heading_end=re.compile(rf"(?<=\w )(?i:{'|'.join(endings)}) (?=[A-Z])") if endings else None,
        lang=lang if path.parent.name == lang else FALLBACK,
    )


def split_spans(chunk: str, lang: str) -> Iterator[tuple[int, int]]:
    """(start, end) spans covering ``chunk``; each boundary falls after the closing punctuation."""
    rules = rules_for(lang)
    last = 0
    for m in _BOUNDARY.finditer(chunk):
        if m.group("end") == "." and not _period_ends_sentence(chunk, m, rules):
            continue
        cut = m.start("space")
        yield _past_run_in(chunk, last, cut, rules), cut
        last = m.end("space")
    if last < len(chunk):
        yield _past_run_in(chunk, last, len(chunk), rules), len(chunk)


def _past_run_in(chunk: str, start: int, end: int, rules: SentenceRules) -> int:
    """Where the sentence proper starts, past a heading or teaser run into it without a stop
    (page furniture, never an event of its own)."""
    caps = _CAPS_HEADING.match(chunk, start, end)
    if caps is not None and any(len(w) > 3 for w in caps.group().split()):
        start = caps.end()
    cuts = [start]
    if rules.run_in is not None:
        cuts += [m.start() for m in rules.run_in.finditer(chunk, start, end)]
    if rules.run_in_name is not None:
        cuts += [
            m.start("opener")
            for m in rules.run_in_name.finditer(chunk, start, end)
            if not _takes_a_title(m.group("before"), rules)
        ]
    if rules.heading_lacks:
        cuts.append(_past_repeated_name(chunk, start, end, rules))
    if rules.heading_end is not None:
        cuts += [m.end() for m in rules.heading_end.finditer(chunk, start, end)]
    return max(cuts)


_FIRST_NAME = re.compile(r"[A-Z][\w'’\-]*")
_WORDS = re.compile(r"[\w'’\-]+|,")
_HEADING_WORDS = 14  # at most this many words before the name comes again


def _past_repeated_name(chunk: str, start: int, end: int, rules: SentenceRules) -> int:
    """Where the sentence starts again with the name the text opened with, after a heading with
    no article, comma or clause word ("UK charities prepare to deliver Haiti earthquake aid UK aid
    efforts are …", "US troops land at Haiti's presidential palace US troops are …"); the word
    before the name ends the heading, so it is no function word or verb ("said some US rescuers",
    "deploying German troops"). ``start`` when there is no such heading."""
    first = _FIRST_NAME.match(chunk, start, end)
    if first is None:
        return start
    lex = lexicon(rules.lang)
    name = first.group()
    before = ""
    for count, m in enumerate(_WORDS.finditer(chunk, first.end(), end)):
        word = m.group()
        low = word.lower()
        if (
            count >= _HEADING_WORDS
            or word == ","
            or low in rules.heading_lacks
            or low in lex.clause_openers
            or low in lex.complement_openers
        ):
            return start
        if (
            word == name
            and before[:1].islower()
            and before.isalpha()
            and before not in rules.names_follow
            and before not in lex.function_words
            and before not in lex.stopwords
            and before not in lex.quantifiers
            and not lex.is_verb(before)
            and not lex.is_participle(before)
        ):
            return m.start()
        before = word
    return start


def _takes_a_title(word: str, rules: SentenceRules) -> bool:
    """Whether ``word`` may stand before a title that opens with an article: a word of
    ``names_follow`` or a possessive ("BBC's The World Tonight")."""
    return word.lower() in rules.names_follow or word.endswith(("'s", "’s", "s'", "s’"))


def _period_ends_sentence(chunk: str, m: re.Match[str], rules: SentenceRules) -> bool:
    before = _WORD_BEFORE.search(chunk[max(0, m.start() - _LOOKBACK) : m.start()])
    word = before.group("word").strip("'’-").lower() if before else ""
    if not word:
        return True
    if word in rules.abbreviations:
        return False
    if len(word) == 1 and word.isalpha():
        return False  # an initial: "John F. Kennedy"
    if "." in word and all(len(part) <= 2 for part in word.split(".")):
        return False  # dotted abbreviation not in the list: "z.B", "a.k.a"
    if word.isdigit() and rules.ordinal_followers:
        following = _NEXT_WORD.match(chunk, m.end("space"))
        if following and following.group("word").lower() in rules.ordinal_followers:
            return False
    return True
