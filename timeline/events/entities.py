"""Who and where: people, organisations, countries and cities named in a sentence.

No statistical model: the gazetteer (data/<lang>/gazetteer.yaml) names places and organisations;
a person is a run of capitalised words after a title ("Defense Minister Boris Pistorius"), or, in a
language that capitalises only names, any run of two or more capitalised words that is not a known
name; a surname alone ("Scholz") is the person named in full earlier in the same article.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache

from .lexicon import Lexicon

_WORD = re.compile(r"[^\W\d_][\w’'.\-]*")
_PARTICLES = {
    "von",
    "van",
    "de",
    "der",
    "da",
    "di",
    "al",
    "el",
    "bin",
    "ibn",
    "la",
    "le",
    "du",
    "zu",
}
_ORG_LINKS = {"of", "for"}
_TITLE_OPEN = re.compile(r"\s*[\"“«„‘']?")
_TITLE_END = re.compile(r"[.,;:!?”»)\"]|’(?!\w)")


@dataclass
class Entities:
    persons: list[str] = field(default_factory=list)
    organisations: list[str] = field(default_factory=list)
    countries: list[str] = field(default_factory=list)
    cities: list[str] = field(default_factory=list)
    # news media named: the report's source, not an actor
    media: list[str] = field(default_factory=list)
    # countries named only as a modifier ("US troops", "Haitian officials", "the UK government"):
    # whose they are, not where it happens
    modifiers: list[str] = field(default_factory=list)
    # of those, the ones naming a state's own organs ("the UK government", "German authorities"):
    # the place when no other is named
    home: list[str] = field(default_factory=list)
    # (start, end, canonical) in the sentence
    spans: list[tuple[int, int, str]] = field(default_factory=list)

    def add(self, kind: str, name: str, start: int, end: int) -> None:
        bucket = {
            "person": self.persons,
            "organisation": self.organisations,
            "country": self.countries,
            "demonym": self.countries,
            "city": self.cities,
            "media": self.media,
        }.get(kind)
        if bucket is not None and name not in bucket:
            bucket.append(name)
        self.spans.append((start, end, name))

    def forget(self, span: tuple[int, int]) -> None:
        """Take back what was found at ``span`` (it turned out to be part of a longer name)."""
        gone = [n for s, e, n in self.spans if (s, e) == span]
        self.spans = [x for x in self.spans if (x[0], x[1]) != span]
        left = {n for _, _, n in self.spans}
        for name in gone:
            if name in left:
                continue
            for bucket in (self.countries, self.cities, self.modifiers, self.home):
                if name in bucket:
                    bucket.remove(name)

    @property
    def speakers(self) -> list[str]:
        """Who may be the source of a statement in a title: people, organisations, then news
        media."""
        return self.persons + self.organisations + self.media

    @property
    def places(self) -> list[str]:
        """Where it happens: a country named as a modifier only when it names the state's own
        organs and no other place is named ("the UK government trebled its funding": the UK; "a
        British team has reached Haiti": Haiti; "Brazilian rescuers are trying …", "US troops
        …": whose they are, no place)."""
        named = [c for c in self.countries if c not in self.modifiers] + self.cities
        return named or [c for c in self.countries if c in self.home]


class PersonMemory:
    """Names seen in full earlier in one article, so a later surname alone resolves to the
    person."""

    def __init__(self) -> None:
        self.by_surname: dict[str, str] = {}
        self.antecedent: str | None = None  # the one person the last sentence naming people named

    def note(self, persons: list[str]) -> None:
        """After a sentence: a later "she"/"he" stands for its person when it named exactly one;
        naming two or more makes a pronoun ambiguous, so none is resolved until one person is
        named alone."""
        if persons:
            self.antecedent = persons[0] if len(persons) == 1 else None

    def remember(self, full: str) -> None:
        parts = full.split()
        if len(parts) >= 2:
            self.by_surname.setdefault(parts[-1], full)

    def lookup(self, word: str) -> str | None:
        return self.by_surname.get(_strip_possessive(word))


def find_entities(sentence: str, lex: Lexicon, memory: PersonMemory) -> Entities:
    found = Entities()
    taken = _gazetteer(sentence, lex, found) + _work_titles(sentence, lex)
    _titled_persons(sentence, lex, found, taken, memory)
    if lex.capitalised_names:
        _capitalised_runs(sentence, lex, found, taken, memory)
    _surnames(sentence, found, taken, memory)
    found.spans.sort()
    return found


def _work_titles(sentence: str, lex: Lexicon) -> list[tuple[int, int]]:
    """The spans of titles of works after a marker word ("titled", "intitulé"), to the next
    punctuation or closing quotation mark: their capitalised words are no names."""
    spans = []
    for m in _WORD.finditer(sentence):
        if m.group().lower() in lex.work_title_markers:
            start = _TITLE_OPEN.match(sentence, m.end())
            begin = start.end() if start else m.end()
            end = _TITLE_END.search(sentence, begin)
            spans.append((begin, end.start() if end else len(sentence)))
    return spans


def _gazetteer(sentence: str, lex: Lexicon, found: Entities) -> list[tuple[int, int]]:
    taken: list[tuple[int, int]] = []
    if lex.names_pattern is None:
        return taken
    placed: set[str] = set()
    for m in lex.names_pattern.finditer(sentence):
        canonical, kind = lex.names[m.group()]
        found.add(kind, canonical, m.start(), m.end())
        taken.append((m.start(), m.end()))
        if kind == "demonym" or (kind == "country" and _modifies(sentence, m, lex)):
            found.modifiers.append(canonical)
            if _state_organ(sentence, m, lex):
                found.home.append(canonical)
        elif kind == "country":
            placed.add(canonical)
    found.modifiers = [c for c in dict.fromkeys(found.modifiers) if c not in placed]
    return taken


def _state_organ(sentence: str, m: re.Match[str], lex: Lexicon) -> bool:
    """The word after the country or demonym, or the one before it (where adjectives follow:
    "le gouvernement syrien"), is one of the language's state_nouns."""
    after = _WORD.match(sentence, m.end() + 1)
    before = _WORD_BEFORE.search(sentence, max(0, m.start() - 30), m.start())
    words = [after.group() if after else "", before.group(1) if before else ""]
    return any(w.lower() in lex.state_nouns for w in words)


_WORD_BEFORE = re.compile(r"([\w’'\-]+)\s+$")


def _modifies(sentence: str, m: re.Match[str], lex: Lexicon) -> bool:
    """'US troops', 'the UK government': a country before a lower-case noun; 'US Army', 'US
    President': before a capitalised word of a name or title (not a weekday or month)."""
    after = _WORD.match(sentence, m.end() + 1) if sentence[m.end() : m.end() + 1] == " " else None
    if after is None:
        return False
    if after.group()[:1].isupper():
        return after.group().lower() not in lex.calendar_words
    if not after.group()[:1].islower():
        return False
    word = after.group().rstrip(".").lower()
    # "in the US illegally": an adverb follows a place, a noun follows a modifier
    return not (
        word in lex.function_words
        or word in lex.clause_openers
        or word.endswith("ly")
        or lex.is_verb(after.group())
    )


def _titled_persons(
    sentence: str, lex: Lexicon, found: Entities, taken: list[tuple[int, int]], memory: PersonMemory
) -> None:
    lowered = sentence.lower()
    # longest titles first: "Supreme Allied Commander Europe" before "Commander"
    titles: list[tuple[int, int]] = []
    for m in _title_matches(lowered, lex.person_titles):
        if _inside(m.start(), titles):
            continue
        titles.append((m.start(), m.end()))
        # The title's own capitalised words ("Foreign Policy Chief") are no name: mark them taken.
        taken.append((_title_start(sentence, m.start(), lex), m.end()))
        name, end = _name_after(sentence, m.end(), lex, taken)
        name = memory.lookup(name) or name if " " not in name else name
        if name and name not in lex.names:
            found.add("person", name, m.end(), end)
            taken.append((m.end(), end))
            memory.remember(name)


def _title_matches(lowered: str, person_titles: tuple[str, ...]) -> list[re.Match[str]]:
    """Every title occurrence, in the order of the title list (longest first), then by position."""
    order = {title: rank for rank, title in enumerate(person_titles)}
    found = _titles_pattern(person_titles).finditer(lowered)
    return sorted(found, key=lambda m: (order[m.group("title")], m.start()))


@cache
def _titles_pattern(person_titles: tuple[str, ...]) -> re.Pattern[str]:
    # One alternation, longest title first, compiled once per lexicon instead of one search per
    # title.
    titles = sorted(person_titles, key=len, reverse=True)
    return re.compile(r"(?<![\w-])(?P<title>" + "|".join(re.escape(t) for t in titles) + r")\.?\s+")


def _title_start(sentence: str, start: int, lex: Lexicon) -> int:
    """Start of a capitalised title that ends in a listed title word: 'Foreign Policy Chief' for
    'chief'. Capitalised words before it join the title unless they are a known name ("EU",
    "German")."""
    pos = start
    for m in reversed(list(_WORD.finditer(sentence, 0, start))):
        if sentence[m.end() : pos].strip() or not m.group()[:1].isupper() or m.group() in lex.names:
            break
        if m.group().isupper() or m.group().lower() in lex.stopwords:
            break
        pos = m.start()
    return pos


def _name_after(
    sentence: str, pos: int, lex: Lexicon, taken: list[tuple[int, int]]
) -> tuple[str, int]:
    """One to four capitalised words (with name particles) starting at pos."""
    words: list[str] = []
    end = pos
    for m in _WORD.finditer(sentence, pos):
        if sentence[end : m.start()].strip() or _inside(m.start(), taken) or len(words) == 4:
            break
        word = m.group()
        if word.lower() in lex.stopwords or word.lower().rstrip(".,") in lex.calendar_words:
            break  # "Ban Ki-moon | Some 250,000 people …": the next sentence, run on
        if word[:1].isupper() and word.lower() not in lex.person_titles and not word.isupper():
            words.append(_strip_possessive(word).rstrip(".,"))
        elif (word in _PARTICLES or _particle_name(word)) and words:
            words.append(word)
        else:
            break
        end = m.start() + len(_strip_possessive(word).rstrip(".,"))
    while words and words[-1] in _PARTICLES:
        words.pop()
    return " ".join(words), end


def _capitalised_runs(
    sentence: str, lex: Lexicon, found: Entities, taken: list[tuple[int, int]], memory: PersonMemory
) -> None:
    run: list[re.Match[str]] = []
    for m in list(_WORD.finditer(sentence)) + [None]:
        if m is not None and _joins(sentence, run, m, lex, taken):
            run.append(m)
            continue
        if m is not None and m.group() in _ORG_LINKS and run:
            if run[-1].group().lower() in lex.organisation_heads:
                continue  # "Organisation | for | Migration": the next word decides
        prefix = _place_before(sentence, run, lex, found) if run else None
        if len(run) >= 2 or (prefix is not None and len(run) == 1):
            name = _with_links(
                sentence, run, [_strip_possessive(w.group()).rstrip(".,") for w in run]
            )
            kind = _run_kind(sentence, run, name, lex, found)
            start = run[0].start()
            if kind == "organisation" and prefix is not None:
                # "the Libyan Investment Authority", "the Louisiana Oysters Association": the place
                # is part of the organisation's name, not a name of its own
                start = prefix[0]
                name = f"{sentence[start : prefix[1]]} {name}"
                found.forget(prefix)
            if kind is not None:
                found.add(kind, name, start, run[-1].end())
            taken.append((run[0].start(), run[-1].end()))
            if kind == "person":
                memory.remember(name)
        run = [m] if m is not None and _joins(sentence, [], m, lex, taken) else []


def _place_before(
    sentence: str, run: list[re.Match[str]], lex: Lexicon, found: Entities
) -> tuple[int, int] | None:
    """The span of a place or nationality the gazetteer found right before a run that holds an
    organisation's head word ("Libyan | Investment Authority", "US | Army Corps of Engineers"), or
    None."""
    if not any(m.group().lower() in lex.organisation_heads for m in run):
        return None
    start = run[0].start()
    return next(
        (
            (s, e)
            for s, e, name in found.spans
            if e == start - 1
            and sentence[e] == " "
            and (name in found.countries or name in found.cities)
        ),
        None,
    )


def _run_kind(
    sentence: str, run: list[re.Match[str]], name: str, lex: Lexicon, found: Entities
) -> str | None:
    """What a run of capitalised words names: a place ("Orange Beach"), an organisation
    ("International Rescue Corps"), a person, or nothing. After "the" it is no person ("the
    Richter Scale", "the Hotel Oloffson"); right after a news medium ("the BBC's Andy Gallagher")
    it is its reporter, no actor."""
    head = name.split()[-1].lower()
    if head in lex.place_heads:
        return "city"
    if head in lex.organisation_heads or _ORG_LINKS & set(name.split()):
        return "organisation"  # "Organisation for Migration": only an organisation's head links
    before = sentence[: run[0].start()].rstrip()
    if re.search(r"(?<![\w-])the$", before, re.IGNORECASE):
        return None
    if found.media and any(
        re.search(rf"{re.escape(s)}(?:’s|'s)?$", before) for s in _media_forms(found, sentence)
    ):
        return None
    return "person"


def _media_forms(found: Entities, sentence: str) -> list[str]:
    """The surface forms of the media named in the sentence (their spans), for "the BBC's X"."""
    media = set(found.media)
    return [sentence[s:e] for s, e, name in found.spans if name in media]


def _joins(
    sentence: str,
    run: list[re.Match[str]],
    m: re.Match[str],
    lex: Lexicon,
    taken: list[tuple[int, int]],
) -> bool:
    word = m.group()
    if run and _particle_name(word) and not _inside(m.start(), taken):
        return sentence[run[-1].end() : m.start()] == " "  # "Abdel Fattah al-Sisi"
    if not word[:1].isupper() or word.isupper() or _inside(m.start(), taken):
        return False
    lowered = word.lower()
    if lowered in lex.stopwords or lowered in lex.person_titles or lowered in lex.intro_words:
        return False
    if _strip_possessive(lowered).rstrip(".,") in lex.calendar_words or lowered in lex.not_names:
        return False
    if lex.is_verb(word.lower()):
        return False
    if not run:
        return True
    gap = sentence[run[-1].end() : m.start()]
    # "Organisation for Migration", "Department of Homeland Security": an organisation's head
    # word goes on through "of" or "for" into the rest of its name
    return gap == " " or (
        gap.strip().lower() in _ORG_LINKS
        and run[-1].group().lower() in lex.organisation_heads
        and gap.startswith(" ")
        and gap.endswith(" ")
    )


def _with_links(sentence: str, run: list[re.Match[str]], words: list[str]) -> str:
    """The name's words joined as written: 'Organisation for Migration', not 'Organisation
    Migration'."""
    parts = [words[0]]
    for prev, m, word in zip(run, run[1:], words[1:], strict=False):
        gap = sentence[prev.end() : m.start()]
        parts.append(gap if gap.strip() else " ")
        parts.append(word)
    return "".join(parts)


def _surnames(
    sentence: str, found: Entities, taken: list[tuple[int, int]], memory: PersonMemory
) -> None:
    for m in _WORD.finditer(sentence):
        if m.group()[:1].isupper() and not _inside(m.start(), taken):
            full = memory.lookup(m.group())
            if full:
                found.add("person", full, m.start(), m.end())


def _particle_name(word: str) -> bool:
    """A name joined to its particle: "al-Sisi", "el-Assad", "bin-Salman"."""
    particle, _, rest = word.partition("-")
    return particle in _PARTICLES and rest[:1].isupper()


def _inside(pos: int, spans: list[tuple[int, int]]) -> bool:
    return any(s <= pos < e for s, e in spans)


def _strip_possessive(word: str) -> str:
    for suffix in ("’s", "'s", "’", "'"):
        if word.endswith(suffix):
            return word[: -len(suffix)]
    return word
