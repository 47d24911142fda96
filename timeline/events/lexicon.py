"""Per-language knowledge for event reading, loaded from ``data/<lang>/*.yaml``.

Code holds no vocabulary: adding a language means adding a folder with ``language.yaml``,
``clean.yaml`` (boilerplate patterns; ``define`` names a sub-pattern used as ``%NAME%``),
``gazetteer.yaml`` and ``tags.yaml``. A language without a folder is read with English.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from ..errors import ResourceError

DATA = Path(__file__).with_name("data")
FALLBACK = "en"


@dataclass(frozen=True)
class Lexicon:
    lang: str
    capitalised_names: bool
    heading_max_words: int
    title_max_words: int
    sentence_final: str
    quote_open: str
    quote_close: str
    auxiliaries: frozenset[str]
    verbs: frozenset[str]
    verb_suffixes: tuple[str, ...]
    intro_words: frozenset[str]
    clause_openers: frozenset[str]
    relative_pronouns: frozenset[str]
    function_words: frozenset[str]
    stopwords: frozenset[str]
    hedges: frozenset[str]
    background: frozenset[str]
    commentary: frozenset[str]
    future: frozenset[str]
    speech_verbs: frozenset[str]
    # a statement made now ("says", "insists"): in a feature looking back, it is the writer's day
    present_statements: frozenset[str]
    person_titles: tuple[str, ...]  # longest first, lower case
    boilerplate_lines: tuple[re.Pattern[str], ...]
    appeals: tuple[re.Pattern[str], ...]
    line_prefixes: tuple[re.Pattern[str], ...]  # a credit before the paragraph proper, skipped
    names: dict[str, tuple[str, str]]  # surface → (canonical, kind: country|city|organisation)
    names_pattern: re.Pattern[str] | None
    tags: tuple[tuple[str, tuple[str, ...]], ...]
    # Happening detection and titles (see happenings.py, titles.py).
    copulas: frozenset[str] = frozenset()
    reporting_verbs: frozenset[str] = frozenset()
    subordinators: frozenset[str] = frozenset()
    complement_openers: frozenset[str] = frozenset()
    determiners: frozenset[str] = frozenset()
    meta_subjects: frozenset[str] = frozenset()
    reader_address: frozenset[str] = frozenset()  # "you", "your": the text speaks to its reader
    first_person: frozenset[str] = frozenset()  # "I", "my": a comment or a diary, not a report
    # "he", "she": a subject a title replaces by the person named before
    personal_pronouns: frozenset[str] = frozenset()
    # "but", "and": a sentence's link to the one before, not in a title
    leading_conjunctions: frozenset[str] = frozenset()
    # "in the meantime", "meanwhile": a time phrase that opens a clause without a comma
    leading_time_phrases: frozenset[str] = frozenset()
    # "and", "or": joins two phrases or two clauses (where a title may end or go on)
    conjunctions: frozenset[str] = frozenset()
    # German "ab", "an": the end of a verbal bracket
    separable_particles: frozenset[str] = frozenset()
    negations: frozenset[str] = frozenset()  # "nicht", "not": never cut from a title
    participle_suffixes: tuple[str, ...] = ()
    evaluative: re.Pattern[str] | None = None
    verb_second: bool = False
    # "X admitted that …" → "X admitted …" drops the "that"; French, Italian and Spanish keep it
    # ("X a admis que …")
    complement_kept: bool = False
    title_max_chars: int = 80
    # Names and what is no name (entities.py), what is no happening (quality.py).
    # canonical names of news media: a source of the report, never an actor
    media: frozenset[str] = frozenset()
    calendar_words: frozenset[str] = frozenset()  # "Monday", "Aug": never part of a name
    # "Beach", "County": a capitalised run ending so is a place
    place_heads: frozenset[str] = frozenset()
    # "Corps", "Agency": a capitalised run ending so is an organisation
    organisation_heads: frozenset[str] = frozenset()
    # capitalised words that start no name ("Photograph", "Hundreds")
    not_names: frozenset[str] = frozenset()
    # "officials", "government": people and bodies that act unnamed
    actor_nouns: frozenset[str] = frozenset()
    event_nouns: frozenset[str] = frozenset()  # "quake", "talks": a happening as the subject
    number_words: frozenset[str] = frozenset()
    # "some of", "most of": the head is the noun after "of"
    quantifiers: frozenset[str] = frozenset()
    as_verbs: frozenset[str] = frozenset()
    # "hand over", "call off": a title never ends before one
    particles: frozenset[str] = frozenset()
    # "must", "should" with no speaker: the writer's opinion  # "described X as …": a title never
    # stops before the "as"  # "two", "dozens": a title never ends on one
    opinion_modals: frozenset[str] = frozenset()
    # "may", "could" as the main verb with no speaker: speculation, no happening
    speculative_modals: frozenset[str] = frozenset()
    # "the UK government", "German authorities": a state's own organs, at home in their country
    state_nouns: frozenset[str] = frozenset()
    # a title subject that names nobody ("they", "it")
    subject_pronouns: frozenset[str] = frozenset()
    # a sentence of page furniture (a caption, a live-blog stamp)
    furniture: tuple[re.Pattern[str], ...] = ()
    # a stamp before a sentence ("1150 ", "Update:"), skipped
    label_prefixes: tuple[re.Pattern[str], ...] = ()
    # "took", "was", "had": a past-tense main verb (dates.py)
    past_forms: frozenset[str] = frozenset()
    perfect_auxiliaries: frozenset[str] = frozenset()  # "has", "have": "has arrived" is news of now
    # "had": "had said", "had been making" tell what came before the story's time (dates.py)
    pluperfect_auxiliaries: frozenset[str] = frozenset()
    # "a meeting titled Deluge of Oil Highlights Research …": the capitalised words up to the next
    # punctuation are the title of a work, no names (entities.py)
    work_title_markers: frozenset[str] = frozenset()
    # "also", "likely", "unable": a title never ends on one, what it says is still to come
    open_ends: frozenset[str] = frozenset()
    # "clear", "sure": before "that …" they wait for the clause ("made clear that …")
    complement_adjectives: frozenset[str] = frozenset()
    # "whether", "how": after a verb they open its object clause ("questioned | whether …")
    question_words: frozenset[str] = frozenset()
    # "by": after a participle it brings the agent ("staff led | by the chairman")
    agent_markers: frozenset[str] = frozenset()
    # "since": a date after it is where a state began ("gushing since the explosion on 20 April"),
    # not when the clause's happening took place (extract.py)
    state_starts: frozenset[str] = frozenset()

    def is_evaluative(self, text: str) -> bool:
        """An evaluation or a standing state ("is seen as", "ist unklar"), matched on the
        case-folded text."""
        return self.evaluative is not None and self.evaluative.search(text.casefold()) is not None

    def is_participle(self, word: str) -> bool:
        """A form ending in one of the language's participle suffixes ("speaking", "folgend")."""
        w = word.lower()
        return any(w.endswith(s) and len(w) > len(s) + 3 for s in self.participle_suffixes)

    def is_verb(self, word: str) -> bool:
        """Evidence of a finite verb: an auxiliary, a listed verb (or its -s/-ed/-d form), a verb
        suffix."""
        if word[:1].isupper() and not word.isupper():
            # mid-sentence a capitalised word is a name ("Secretary of State", "the Washington
            # Post") or a German noun; a verb is written in lower case (callers look at a
            # sentence's first word themselves)
            return False
        w = word.lower()
        if (
            w in self.auxiliaries
            or w in self.verbs
            or w in self.reporting_verbs
            or w in self.speech_verbs
        ):
            return True
        for ending in ("s", "es", "d", "ed", "ing"):
            if w.endswith(ending) and w[: -len(ending)] in self.verbs:
                return True
        # Suffixes only on lower-case words: a capitalised word is a name (English) or a noun
        # (German).
        return word[:1].islower() and any(
            w.endswith(s) and len(w) > len(s) + 2 for s in self.verb_suffixes
        )


@lru_cache(maxsize=16)
def lexicon(lang: str) -> Lexicon:
    folder = DATA / lang
    if not (folder / "language.yaml").is_file():
        folder, lang = DATA / FALLBACK, FALLBACK
    language = _read(folder / "language.yaml")
    clean = _read(folder / "clean.yaml")
    gazetteer = _read(folder / "gazetteer.yaml")
    tags = _read(folder / "tags.yaml")
    words = _word_sets(language, folder / "language.yaml")
    names = _names(gazetteer)
    return Lexicon(
        lang=lang,
        capitalised_names=bool(language.get("capitalised_names", True)),
        heading_max_words=int(language.get("heading_max_words", 14)),
        title_max_words=int(language.get("title_max_words", 14)),
        sentence_final=str(language.get("sentence_final", ".!?")),
        quote_open=str(language.get("quote_open", '"')),
        quote_close=str(language.get("quote_close", '"')),
        verbs=words["verbs"] | words["irregular_verbs"],
        verb_suffixes=tuple(str(s) for s in language.get("verb_suffixes") or ()),
        person_titles=tuple(
            sorted(
                (str(t).lower() for t in language.get("person_titles") or ()), key=len, reverse=True
            )
        ),
        boilerplate_lines=_patterns(clean.get("line"), folder / "clean.yaml", clean.get("define")),
        appeals=_patterns(clean.get("appeal"), folder / "clean.yaml", clean.get("define")),
        line_prefixes=_patterns(clean.get("prefix"), folder / "clean.yaml", clean.get("define")),
        names=names,
        names_pattern=_names_pattern(names),
        tags=tuple(
            (str(tag), tuple(str(s).lower() for s in stems)) for tag, stems in sorted(tags.items())
        ),
        participle_suffixes=tuple(str(s) for s in language.get("participle_suffixes") or ()),
        evaluative=_phrases(language.get("evaluative"), folder / "language.yaml"),
        verb_second=bool(language.get("verb_second", False)),
        complement_kept=bool(language.get("complement_kept", False)),
        title_max_chars=int(language.get("title_max_chars", 80)),
        media=frozenset(canonical for canonical, kind in names.values() if kind == "media"),
        furniture=_patterns(clean.get("sentence"), folder / "clean.yaml", clean.get("define")),
        label_prefixes=_patterns(clean.get("label"), folder / "clean.yaml", clean.get("define")),
        past_forms=words["irregular_verbs"] | words["past_auxiliaries"],
        **{
            k: v
            for k, v in words.items()
            if k not in ("verbs", "irregular_verbs", "past_auxiliaries")
        },
    )


WORD_SETS = (
    "auxiliaries",
    "verbs",
    "irregular_verbs",
    "intro_words",
    "clause_openers",
    "relative_pronouns",
    "function_words",
    "stopwords",
    "hedges",
    "background",
    "commentary",
    "future",
    "speech_verbs",
    "present_statements",
    "copulas",
    "reporting_verbs",
    "subordinators",
    "complement_openers",
    "determiners",
    "meta_subjects",
    "reader_address",
    "first_person",
    "personal_pronouns",
    "leading_conjunctions",
    "leading_time_phrases",
    "conjunctions",
    "separable_particles",
    "negations",
    "calendar_words",
    "place_heads",
    "organisation_heads",
    "not_names",
    "subject_pronouns",
    "actor_nouns",
    "event_nouns",
    "number_words",
    "as_verbs",
    "quantifiers",
    "particles",
    "open_ends",
    "complement_adjectives",
    "question_words",
    "agent_markers",
    "state_starts",
    "opinion_modals",
    "speculative_modals",
    "state_nouns",
    "past_auxiliaries",
    "perfect_auxiliaries",
    "pluperfect_auxiliaries",
    "work_title_markers",
)


def _word_sets(language: dict[str, Any], path: Path) -> dict[str, frozenset[str]]:
    out = {}
    for key in WORD_SETS:
        value = language.get(key) or []
        if not isinstance(value, list):
            raise ResourceError(f"`{key}` must be a list of words", str(path))
        # YAML 1.1 reads a bare on/off/yes/no as a boolean
        if any(isinstance(w, bool) for w in value):
            raise ResourceError(
                f"`{key}` holds a boolean: quote words such as 'on' or 'no'", str(path)
            )
        out[key] = frozenset(str(w).lower() for w in value)
    out["stopwords"] = out["stopwords"] | out["function_words"]
    return out


def _read(path: Path) -> dict[str, Any]:
    try:
        loaded = yaml.safe_load(path.read_text(encoding="utf-8")) if path.is_file() else {}
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise ResourceError(
            f"damaged YAML: {getattr(exc, 'problem', exc)}",
            str(path),
            mark.line + 1 if mark else None,
        ) from exc
    if loaded is None:
        return {}
    if not isinstance(loaded, dict):
        raise ResourceError("expected a mapping", str(path))
    return loaded


def _patterns(raw: Any, path: Path, defines: Any = None) -> tuple[re.Pattern[str], ...]:
    """Case-insensitive patterns; `%NAME%` stands for the pattern `define`d under NAME in the
    same file (a byline's names, an agency's credit), so each shape is written once."""
    if defines is not None and not isinstance(defines, dict):
        raise ResourceError("`define` must map names to patterns", str(path))
    out = []
    for pattern in raw or []:
        try:
            out.append(re.compile(_expand(str(pattern), defines or {}), re.IGNORECASE))
        except re.error as exc:
            raise ResourceError(f"bad pattern {pattern!r}: {exc}", str(path)) from exc
    return tuple(out)


def _expand(pattern: str, defines: dict[Any, Any]) -> str:
    """`%NAME%` replaced by its definition, which may itself use earlier ones (a fixed number of
    rounds, so a definition that names itself cannot loop)."""
    for _ in range(4):
        expanded = re.sub(
            r"%(\w+)%",
            lambda m: f"(?:{defines[m.group(1)]})" if m.group(1) in defines else m.group(),
            pattern,
        )
        if expanded == pattern:
            break
        pattern = expanded
    return pattern


def _phrases(raw: Any, path: Path) -> re.Pattern[str] | None:
    """Word sequences ("is seen as"), any one of them, on word boundaries; `…` stands for up to
    four words."""
    if raw is None:
        return None
    if not isinstance(raw, list):
        raise ResourceError("`evaluative` must be a list of phrases", str(path))
    gap = r"(?:\s+[\w’'\-]+){0,4}"
    forms = []
    for phrase in raw:
        parts = [gap if w == "…" else r"\s+" + re.escape(w) for w in str(phrase).casefold().split()]
        forms.append("".join(parts).removeprefix(r"\s+"))
    if not forms:
        return None
    return re.compile(rf"(?<![\w-])(?:{'|'.join(sorted(forms, key=len, reverse=True))})(?![\w])")


def _names(gazetteer: dict[str, Any]) -> dict[str, tuple[str, str]]:
    kinds = {
        "countries": "country",
        "cities": "city",
        "organisations": "organisation",
        "equipment": "equipment",
        "demonyms": "demonym",
        "regions": "country",
        "media": "media",
    }
    names: dict[str, tuple[str, str]] = {}
    for section, kind in kinds.items():
        # "regions" share the country kind
        for surface, canonical in (gazetteer.get(section) or {}).items():
            names[str(surface)] = (str(canonical), kind)
    return names


def _names_pattern(names: dict[str, tuple[str, str]]) -> re.Pattern[str] | None:
    """One alternation, longest form first, so "European Parliament" wins over "Parliament"."""
    if not names:
        return None
    forms = sorted(names, key=lambda s: (-len(s), s))
    alternation = "|".join(re.escape(f) for f in forms)
    # not inside a compound: "Russian-made" names no country
    return re.compile(rf"(?<![\w-])(?:{alternation})(?=s?(?![\w-]))")
