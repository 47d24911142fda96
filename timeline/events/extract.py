"""One article → event mentions: each clause that reports a happening, dated and attributed.

    article ─clean─▶ body paragraphs ─pysbd─▶ sentences ─split─▶ happenings ─▶ Event (one Source)

Headings, boilerplate and repeated paragraphs give no events (clean.py). A clause is a candidate
when it has a finite verb and names an actor or place, or carries its own date; it becomes an event
when its confidence (happenings.py: features such as a named actor, a verb of doing, a date,
reported speech, against evaluation, hedges, commentary, recap bullets) reaches MIN_CONFIDENCE. A
clause with its own explicit date and a verb is always kept, with its confidence as computed.

A clause scoring between WEAK_FLOOR and MIN_CONFIDENCE is returned too, as a *weak* mention
(happenings.is_weak): a paragraph repeated from another article scores lower in its new place (no
lead bonus, a surname without its full name), and merge.py lets such a mention become a source of
the event it repeats near word for word, never an event of its own.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import replace

from ..models import Article, Event, Source, TemporalExpression
from ..temporal import precision_of
from .clean import paragraphs, skip_label
from .dates import is_narrative, is_past, is_pluperfect, says_now, span_before
from .entities import Entities, PersonMemory, find_entities
from .happenings import (
    MIN_CONFIDENCE,
    WEAK_FLOOR,
    Features,
    Happening,
    addresses_reader,
    confidence,
    features_of,
    has_verb,
    is_anchor,
    split_happenings,
    tags_of,
    words_of,
)
from .ids import event_id, source_key
from .lexicon import Lexicon, lexicon
from .quality import complete_title, doubt, head_word, is_furniture
from .sentences import paragraph_sentences
from .titles import Title, make_title

# Time stays bounded on a pathological input (a hundred thousand sentences): only this much of an
# article's body is read for events. pipeline.py warns when an article is longer.
MAX_BODY_CHARS = 400_000
__all__ = ["MIN_CONFIDENCE", "extract_events"]


def extract_events(article: Article, timexes: list[TemporalExpression]) -> list[Event]:
    lex = lexicon(article.lang)
    memory = PersonMemory()
    events: list[Event] = []
    first = True  # the article's first body sentence is its lead
    live = _live_page(article, lex)
    if live:  # '… "very soon" 1612 President Preval asked …': 16:12, no year
        timexes = [t for t in timexes if not _is_stamp(article.text, t, lex)]
    # "the veterans of the 1999 Turkey earthquake", "BP's 2005 Texas City refinery explosion":
    # a date inside a noun phrase names another happening; it dates nothing in this clause
    states = [t for t in timexes if _state_start(article.text, t, lex)]
    timexes = _clause_dates(article.text, timexes, lex)
    ordered = sorted(timexes, key=lambda t: t.start)
    starts = [t.start for t in ordered]
    limit = article.body_start + MAX_BODY_CHARS
    narrative = is_narrative(article, timexes)
    context: TemporalExpression | None = None
    for paragraph in paragraphs(article, lex):
        if paragraph.kind != "body" or paragraph.start >= limit:
            continue
        if not narrative:
            context = None  # news: the last explicit date in this paragraph; a history: in the text
        for start, end in paragraph_sentences(
            article.text, article.lang, paragraph.start, min(paragraph.end, limit)
        ):
            opening = skip_label(article.text, start, end)
            # "- Rapid Deployment: …" under "Key Takeaways"
            recap = ":" in article.text[start:opening]
            opening = _skip_stamp(article, opening, end, lex, live)
            lead, first = first and not recap, False
            for happening in split_happenings(article.text, opening, end, timexes):
                opening = _opening(article.text, happening, ordered, starts, lex)
                event = _event(
                    article,
                    happening,
                    context,
                    lex,
                    memory,
                    recap=recap,
                    lead=lead,
                    opening=opening,
                    narrative=narrative,
                )
                if happening.anchor is not None and is_anchor(happening.anchor):
                    context = happening.anchor
                elif not narrative and any(
                    happening.start <= t.start < happening.end for t in states
                ):
                    context = None  # "Samples found since 2 May have been sent": the story is now
                if event is not None:
                    events.append(event)
    return events


def _event(
    article: Article,
    happening: Happening,
    context: TemporalExpression | None,
    lex: Lexicon,
    memory: PersonMemory,
    recap: bool = False,
    lead: bool = False,
    opening: int = 0,
    narrative: bool = False,
) -> Event | None:
    quote = article.text[happening.start : happening.end]
    if is_furniture(quote, lex):
        # no event, and the names in a glued headline or caption stand for no later "he"
        return None
    words = words_of(quote)
    antecedent = memory.antecedent  # who "she" stands for: the person named before this sentence
    entities = find_entities(quote, lex, memory)
    memory.note(entities.persons)
    date, date_source, date_text = _date(happening.anchor, context, article, narrative)
    if narrative and date_source == "inferred" and article.published and says_now(words, lex):
        # a feature looking back quotes its experts today: "Nordyke says …" is not said in 1972
        date, date_source = article.published[:10], "publication"
    if narrative and date is None and happening.anchor is None:
        return None  # a history's clause before its first date: no time we can state
    if not has_verb(words, lex) or not (entities.spans or date_source == "explicit"):
        return None
    title = make_title(quote, lex, entities.speakers, opening, antecedent)
    subject, named, head = _subject(quote, title, entities, lex)
    actors = _actors(
        entities, _agent_span(quote, title, head, lex), title.speaker or title.referent, lex
    )
    score = confidence(
        _features(
            quote,
            words,
            lex,
            title,
            entities,
            actors,
            explicit=date_source == "explicit",
            recap=recap,
            lead=lead,
        )
    )
    if not title.text or (score < WEAK_FLOOR and date_source != "explicit"):
        # between WEAK_FLOOR and MIN_CONFIDENCE: a weak mention, see the module docstring
        return None
    title = replace(title, text=complete_title(title.text, quote, lex))
    if doubt(title.text, quote, lex, subject, named, title.copular) is not None:
        return None  # furniture, or no headline to be made of it (quality.py)
    if date_source != "explicit" and not title.speaker and is_pluperfect(_title_body(title), lex):
        # "BP had been making monthly payouts": background to the story, with no time we can state
        return None
    date_end = None
    # "X said …": said for this report
    statement = title.speaker is not None or title.complement is not None
    said = lex.speech_verbs | lex.reporting_verbs | lex.as_verbs
    if (
        (statement or any(w.lower() in said for w in words_of(title.text)))
        and date_source == "inferred"
        and date
        and article.published
        and date[:10] > article.published[:10]
    ):
        # "Mr Ban says …" after a line about talks "on Monday": no statement is made after the
        # report that tells it
        date, date_source, date_text = article.published[:10], "publication", None
    if date_source == "publication" and date and not statement and is_past(_title_body(title), lex):
        span = span_before(date)  # it happened before the report, on a day the text does not give
        if span is not None:
            date, date_end = span
    key = source_key(article.path, quote)
    return Event(
        id=event_id(key),
        date=date,
        precision=precision_of(date) if date else None,
        title=title.text,
        text=quote,
        sources=(
            Source(
                article.path, quote, happening.start, happening.end, date_text, article.published
            ),
        ),
        date_source=date_source,  # type: ignore[arg-type]
        date_text=date_text,
        date_end=date_end,
        actors=tuple(actors),
        places=tuple(entities.places),
        tags=tuple(tags_of(quote, lex, words)),
        confidence=score,
        lang=article.lang,
    )


def _features(
    quote: str,
    words: list[str],
    lex: Lexicon,
    title: Title,
    entities: Entities,
    actors: list[str],
    explicit: bool,
    recap: bool,
    lead: bool,
) -> Features:
    """Features of the clause: evaluation is judged on the main clause ("She said that X is seen
    as …" is a statement); hedges too when a named speaker reports, else on the whole clause."""
    main = quote[: title.complement] if title.complement is not None else quote
    main_words = words_of(main)
    speaker = bool(title.speaker) or bool(
        {w.lower() for w in words} & lex.speech_verbs and entities.persons
    )
    subject = {w.lower() for w in words_of(quote[title.subject[0] : title.subject[1]])}
    base = features_of(
        words,
        lex,
        explicit_date=explicit,
        named_actor=bool(actors),
        reported_speech=speaker,
        evaluative=lex.is_evaluative(main),
        copular=bool(title.copular),
        summary=recap,
        lead=lead,
        reader=addresses_reader(quote, lex),
        meta=title.complement is None and bool(subject & lex.meta_subjects),
    )
    if title.complement is not None and title.speaker:
        return replace(base, hedged=features_of(main_words, lex).hedged)
    return base


def _opening(
    text: str,
    happening: Happening,
    timexes: list[TemporalExpression],
    starts: list[int],
    lex: Lexicon,
) -> int:
    """Offset in the clause after a leading date expression ("On Monday", "Two years ago,", "By
    Friday"): at most a preposition before it, and a subject (not a verb: "Monday was …") after
    it. A headline leaves the date out. ``timexes`` sorted by start, ``starts`` their starts."""
    i = bisect_left(starts, happening.start)
    if i == len(timexes) or timexes[i].start >= happening.end or timexes[i].end >= happening.end:
        return 0
    first = timexes[i]
    lead = text[happening.start : first.start].split()
    after = words_of(text[first.end : happening.end])
    if len(lead) > 1 or (lead and lead[0].lower() not in lex.intro_words | lex.function_words):
        return 0
    # in a verb-second language the verb follows a fronted date ("Am 17. September marschierte
    # die Rote Armee ein"): the title puts the subject first
    starts_clause = after and (lex.verb_second or not lex.is_verb(after[0]))
    return first.end - happening.start if starts_clause else 0


def _date(
    anchor: TemporalExpression | None,
    context: TemporalExpression | None,
    article: Article,
    narrative: bool = False,
) -> tuple[str | None, str, str | None]:
    """(value, date_source, expression as written). An unresolved anchor ("Thursday" in an undated
    article) leaves the event undated but keeps what was written. In a narrative the last date
    given dates what follows, a year too ("In 1940 … The British then …"), and the publication
    day never does."""
    if anchor is not None:
        return (anchor.value if is_anchor(anchor) else None), "explicit", anchor.text
    if context is not None and (
        narrative or precision_of(context.value) not in _TOO_VAGUE_TO_INHERIT
    ):
        return context.value, "inferred", None
    if narrative:
        return None, "inferred", None
    if article.published:
        return article.published[:10], "publication", None
    return None, "publication", None


# A year named earlier in the paragraph ("since 1984") dates no later sentence: the story goes on in
# a day, a week or a month, not in a year read from background.
_TOO_VAGUE_TO_INHERIT = {"year", "decade", "century", "season", "quarter"}


def _actors(
    entities: Entities, head: tuple[int, int], speaker: str | None, lex: Lexicon
) -> list[str]:
    """People and organisations named anywhere, plus a country when it is the head of the
    grammatical subject ("Russia has demanded", not "the Haiti earthquake was"). News media are
    the report's sources, not actors, even when a title names one as the source."""
    actors = list(entities.persons) + list(entities.organisations)
    lo, hi = head
    for start, end, name in entities.spans:
        if start < hi and end > lo and name in entities.countries and name not in actors:
            actors.append(name)
    if speaker and speaker not in actors and speaker not in lex.media:
        actors.insert(0, speaker)
    return actors


def _subject(
    quote: str, title: Title, entities: Entities, lex: Lexicon
) -> tuple[str | None, bool, tuple[int, int]]:
    """(the title's subject as written, whether its head word is part of a name other than a news
    medium's, the head word's offsets). A subject pronoun the title replaced by its person counts
    as named."""
    lo, hi = title.subject
    if hi <= lo:
        return None, False, (0, 0)
    text = quote[lo:hi]
    head = head_word(text, lex)
    if head is None:
        return text, False, (0, 0)
    h_lo = lo + text.rfind(head) if head in text else lo
    h_hi = h_lo + len(head)
    inside = [name for s, e, name in entities.spans if s < hi and e > lo]
    named = (
        title.referent is not None
        or any(s < h_hi and e > h_lo for s, e, name in entities.spans if name not in lex.media)
        # "Red Cross and ActionAid", "The ICRC and Save the Children": beside a known name, a
        # capitalised head is a name the gazetteer does not list (not a medium's reporter)
        or (
            lex.capitalised_names
            and head[:1].isupper()
            and bool(inside)
            and not set(inside) & lex.media
        )
    )
    return text, named, (h_lo, h_hi)


def _agent_span(quote: str, title: Title, head: tuple[int, int], lex: Lexicon) -> tuple[int, int]:
    """Where a country in the subject acts: the subject up to its head when the head is a person
    or a body ("The German government", "Russia"), not when it is a happening ("the Haiti
    earthquake")."""
    word = quote[head[0] : head[1]].lower().removesuffix("’s").removesuffix("'s")
    if head == (0, 0) or word in lex.event_nouns:
        return head
    return (title.subject[0], head[1]) if word in lex.actor_nouns else head


def _title_body(title: Title) -> str:
    """The title without its "Speaker: " prefix: the clause whose tense tells when it happened."""
    if title.speaker and title.text.startswith(f"{title.speaker}: "):
        return title.text[len(title.speaker) + 2 :]
    return title.text


def _skip_stamp(article: Article, start: int, end: int, lex: Lexicon, live: bool) -> int:
    """Past a stamp before the sentence ("1150 " in a live page, "UPDATE:"):
    data/<lang>/clean.yaml `label`. A four-digit stamp that could be a year of the story (1900 up
    to the publication year) is a chronology line's date and stays, unless the page is a live
    page (``live``: another stamp is no possible year)."""
    text = article.text[start:end]
    for pattern in lex.label_prefixes:
        m = pattern.match(text)
        if m is None or m.end() >= len(text):
            continue
        stamp = m.groupdict().get("hhmm")
        if stamp is not None and not live and _could_be_year(int(stamp), article):
            continue
        return start + m.end()
    return start


def _could_be_year(value: int, article: Article) -> bool:
    year = (
        int(article.published[:4])
        if article.published and article.published[:4].isdigit()
        else None
    )
    return year is None or 1900 <= value <= year


_LINE_STAMP = re.compile(
    r"(?:^|(?<=[.!?”\"]\s))((?:[01]\d|2[0-3])[0-5]\d)\s+(?=[A-Z])", re.MULTILINE
)


def _clause_dates(
    text: str, timexes: list[TemporalExpression], lex: Lexicon
) -> list[TemporalExpression]:
    """The dates that can date a clause: not the attributive ones, nor a date run on from one
    ("the 2004 | boxing day tsunami"), nor where a state began ("since … on 20 April")."""
    kept, after_attributive = [], -1
    for t in sorted(timexes, key=lambda t: t.start):
        if _quoted(text, t.start):
            continue  # '“… here today, tomorrow …,” she told Haitians': it dates what is said
        if _state_start(text, t, lex):
            continue
        if _attributive(text, t, lex) or (
            after_attributive >= 0 and not text[after_attributive : t.start].strip()
        ):
            after_attributive = t.end
            continue
        after_attributive = -1
        kept.append(t)
    return kept


_PHRASE = re.compile(r"[^,;:.!?()—–]*$")  # the phrase before a date, back to its punctuation
_STATE_START_WORDS = 8  # "since" this many words before the date at most


def _state_start(text: str, timex: TemporalExpression, lex: Lexicon) -> bool:
    """'BP has installed a cap on the wellhead that has been gushing since the explosion on 20
    April': the date says when the gushing began, not when the cap was installed."""
    phrase = _PHRASE.search(text[max(0, timex.start - 200) : timex.start])
    words = phrase.group(0).lower().split()[-_STATE_START_WORDS:] if phrase else []
    return any(w in lex.state_starts for w in words)


_QUOTE_LOOKBACK = 400  # characters looked back for the quotation mark nearest a date


def _quoted(text: str, at: int) -> bool:
    """Whether ``at`` stands inside a quotation: the nearest quotation mark before it opens one
    ("…", “…”, „…“, «…»; a straight mark opens after a space and before a word)."""
    lo = max(0, at - _QUOTE_LOOKBACK)
    i = max(text.rfind(c, lo, at) for c in '"“”„«»')
    if i < 0:
        return False
    mark = text[i]
    if mark == '"':
        return (i == 0 or text[i - 1].isspace() or text[i - 1] in "([") and not text[
            i + 1 : i + 2
        ].isspace()
    if mark == "“":
        return text.rfind("„", lo, i) < 0  # German „…“ closes with it
    return mark in "„«"


def _attributive(text: str, timex: TemporalExpression, lex: Lexicon) -> bool:
    """A date between a determiner or a possessive and the noun it modifies ("the 2004 boxing day
    tsunami", "BP's 2005 explosion"), unless a preposition of time leads the phrase ("died in the
    2004 tsunami") or the phrase opens the sentence ("The April 20 explosion killed …"): then it
    dates the clause."""
    before = text[max(0, timex.start - 40) : timex.start].split()
    after = _NEXT_WORD.match(text, timex.end)
    if not before or after is None or lex.is_verb(after.group(1)):
        return False
    if after.group(1).lower() in lex.function_words | lex.clause_openers:
        return False  # "the 1990s and …", "the 2004 that …"
    named = 0
    while named < len(before) - 1 and before[-1 - named][:1].isupper() and named < 3:
        named += 1  # "the Indian Ocean 2004 tsunami": a name between the determiner and the date
    if named and before[-1 - named].lower() not in lex.determiners:
        named = 0
    head = before[-1 - named]
    if head.endswith(("'s", "’s")):
        return True
    if head.lower() not in lex.determiners:
        return False
    opening = re.split(r"[.!?\n]", text[max(0, timex.start - 40) : timex.start])[-1].split()
    if opening == before[len(before) - 1 - named :]:
        return False  # "The April 20 explosion killed eleven workers": the clause is about it
    return len(before) < 2 + named or before[-2 - named].lower() not in lex.intro_words


_NEXT_WORD = re.compile(r" ([\w’'\-]+)")


def _is_stamp(text: str, timex: TemporalExpression, lex: Lexicon) -> bool:
    """A live page's time stamp read as a year: four digits that are a time of day, where a line
    stamp stands (after a sentence, before a capitalised word), or run into the entry before it
    ("… may have been killed 2050 Haiti's President …"; not "in 2004 Brazil took charge")."""
    m = _LINE_STAMP.match(text, timex.start)  # its look-behind sees the text before the stamp
    if m is not None and m.end(1) == timex.end:
        return True
    m = _RUN_STAMP.match(text, timex.start)
    if m is None or m.end(1) != timex.end:
        return False
    before = text[max(0, timex.start - 30) : timex.start].split()[-1:]
    return bool(before) and before[0].lower() not in lex.function_words | lex.clause_openers


_RUN_STAMP = re.compile(r"(?<=[a-z] )((?:[01]\d|2[0-3])[0-5]\d)\s+(?=[A-Z])")


def _live_page(article: Article, lex: Lexicon) -> bool:
    """A live page: sentences open with four-digit time stamps, one of which can be no year of
    the story ("1150", "2259" in 2010), so "1959 The earthquake …" there is 19:59, not 1959."""
    if not lex.label_prefixes:
        return False
    return any(
        not _could_be_year(int(m.group(1)), article) for m in _LINE_STAMP.finditer(article.text)
    )
