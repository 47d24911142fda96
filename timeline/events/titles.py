"""A headline-like title for a happening: who did what, read from the sentence's clause structure.

    "Last week, Scholz clarified regarding the Taurus supplies that Germany would …"
        → "Scholz clarified regarding the Taurus supplies"
    "“It’s a hybrid disinformation attack — it’s about division,” German Defense Minister Boris
    Pistorius …"
        → "Boris Pistorius: “It’s a hybrid disinformation attack”"
    "Der Spiegel magazine reported that Germany aims to enhance Ukraine's air defenses by 20%
    annually, …"
        → "Der Spiegel: Germany aims to enhance Ukraine's air defenses by 20% annually"
    "Speaking at a conference in Wiesbaden, Germany, General Alexus Grynkewich, confirmed that
    preparations …"
        → "Alexus Grynkewich: Preparations are actively underway to deliver additional Patriot"
    "In den letzten Wochen hat das Weiße Haus der Ukraine die Genehmigung erteilt, …"
        → "Das Weiße Haus hat der Ukraine die Genehmigung erteilt"

Steps:
1. A quoted statement becomes "Speaker: “first clause of the quote”".
2. What stands before the main clause is skipped: a leading date expression ("On Monday", "Two years
   ago,": extract.py gives where it ends), a link word ("But", "Und"), a fronted adverbial ("Last
   week,"), a subordinate clause ("Although X, …"), an opening participial phrase ("Speaking at …,
   General X confirmed"); a parenthetical after the subject (", which …,") is dropped. A subject
   pronoun ("She said …") is replaced by the one person named just before, when there is one.
3. In a verb-second language a fronted phrase moves the subject after the verb; the title puts it
   back.
4. When the main verb reports or thinks (data/<lang>/language.yaml `reporting_verbs`) and a reported
   clause follows ("that …", ", dass …"), the title is that clause, with the named source as a
   prefix.
5. The clause is cut where a subordinate clause or a comma begins after the verb, and to at most
   `title_max_chars` at a phrase boundary (before a function word), never ending on a function word.
   A German clause keeps the end of its verbal bracket ("hat … abgelehnt", "stimmte … ab"): its
   adverbial phrases go first, the middle field is cut, never the participle or a negation.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .lexicon import Lexicon

# a number with thousands separators is one token: a title never ends on "10" of "10,000"
_TOKEN = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?[\w%]*|[\w’'.\-%]+|[^\w\s]")
_BREAKS = {",", ";", ":", "—", "–", "(", ")"}
MAX_SUBJECT_WORDS = 10
MAX_PREDICATE_WORDS = 16
# a subordinate clause or participial phrase longer than this is not skipped
MAX_OPENING_TOKENS = 40
# "In an agreement with the SEC and the New York attorney general, …" is one adverbial
MAX_ADVERBIAL_TOKENS = 16

Token = tuple[str, int, int]  # word, start, end (offsets in the sentence)


@dataclass(frozen=True, slots=True)
class Title:
    text: str
    subject: tuple[int, int]  # offsets of the subject within the sentence (who)
    speaker: str | None = None
    # offset where a reported clause starts ("that …"), if the title is built from it
    complement: int | None = None
    # the main verb is a copula with no participle after it ("X is a move"); None: no verb found
    copular: bool | None = False
    # the person a pronoun subject stands for, named in the title instead
    referent: str | None = None


def make_title(
    sentence: str,
    lex: Lexicon,
    speakers: list[str],
    opening: int = 0,
    antecedent: str | None = None,
) -> Title:
    """``opening``: where the clause proper starts, after a leading date expression ("On Monday",
    "Two years ago,"), which a headline leaves out; ``antecedent``: the person a subject pronoun
    ("She said …") stands for, when the article has named only one person just before."""
    quoted = _quoted_statement(sentence, lex, speakers, antecedent)
    if quoted is not None:
        return quoted
    tokens = [
        (m.group(), m.start(), m.end()) for m in _TOKEN.finditer(sentence) if m.start() >= opening
    ]
    while tokens and tokens[0][0] in _BREAKS:
        tokens = tokens[1:]
    return _clause_title(tokens, sentence, lex, speakers, reported=False, antecedent=antecedent)


def _clause_title(
    tokens: list[Token],
    sentence: str,
    lex: Lexicon,
    speakers: list[str],
    reported: bool,
    budget: int = 0,
    antecedent: str | None = None,
) -> Title:
    tokens = _skip_opening(tokens, lex)
    tokens = _drop_parenthetical(tokens, lex, speakers)
    if reported and lex.verb_second:
        tokens = _verb_final_to_second(tokens, lex)
    tokens, verb = _subject_first(tokens, lex)
    if verb is None:
        words, truncated = _cut(tokens, 0, lex)
        return Title(
            _finish(words, sentence, lex, truncated=truncated, budget=budget), (0, 0), copular=None
        )
    subject = _shorten_subject(_head_subject(tokens[:verb], lex), sentence, speakers, lex)
    span = (subject[0][1], subject[-1][2]) if subject else (0, 0)
    referent = antecedent if _is_pronoun(subject, lex) else None
    if referent:  # "She said …" → "Kallas said …": the headline names who
        subject = [(referent, subject[0][1], subject[0][2])]
    copula = _copula_at(tokens, verb, lex)
    copular = copula is not None and not (
        copula + 1 < len(tokens)
        and (lex.is_verb(tokens[copula + 1][0]) or lex.is_participle(tokens[copula + 1][0]))
    )
    opener = None if reported else _complement(tokens, verb, lex)
    reports = opener is not None and _reports(tokens[verb : opener - 1], lex)
    named = bool(referent or (subject and _named(sentence[span[0] : span[1]], speakers)))
    if opener is not None and _keeps_verb(tokens, subject, opener, reports and named, lex):
        # "Hayward admitted that …", "Analysts suggest that …": the verb is part of the news
        kept = _that_clause(tokens, subject, verb, opener, sentence, lex, speakers)
        if kept is not None:
            return Title(kept, span, None, tokens[opener][1], referent=referent)
    if reports and opener is not None:
        source = referent or (_named(sentence[span[0] : span[1]], speakers) if subject else None)
        prefix, inner = _reported(tokens[opener:], sentence, lex, speakers, source)
        if inner.text and (inner.subject != (0, 0) or source) and len(inner.text.split()) >= 3:
            return Title(
                prefix + inner.text,
                inner.subject,
                source,
                tokens[opener][1],
                inner.copular,
                referent,
            )
    clause = _drop_embedded(tokens[verb:], lex)
    predicate, truncated = _cut(clause, 1, lex)
    if lex.verb_second and (
        truncated or len(_join(subject + predicate, sentence)) > (budget or lex.title_max_chars)
    ):
        predicate, truncated = _close_bracket(clause, subject, sentence, lex, budget) or (
            predicate,
            truncated,
        )
    text = _finish(
        subject + predicate,
        sentence,
        lex,
        truncated=truncated,
        budget=budget,
        keep=len(subject) + 1,
    )
    return Title(text, span, copular=copular, referent=referent)


def _copula_at(tokens: list[Token], verb: int, lex: Lexicon) -> int | None:
    """Where the main verb's copula stands: at the verb, or after its auxiliary ("has been
    difficult", "has become an embarrassment", "could be slim")."""
    if tokens[verb][0].lower() in lex.copulas:
        return verb
    nxt = verb + 1
    if (
        tokens[verb][0].lower() in lex.perfect_auxiliaries
        and nxt < len(tokens)
        and tokens[nxt][0].lower() in lex.copulas
    ):
        return nxt
    return None


def _head_subject(subject: list[Token], lex: Lexicon) -> list[Token]:
    """A subject longer than MAX_SUBJECT_WORDS is shortened to its head, before its first
    prepositional phrase ("The veterans | of the 1999 Turkey earthquake and the 2004 tsunami
    in south east Asia have been thwarted"), never to its last words."""
    if len(subject) <= MAX_SUBJECT_WORDS:
        return subject
    prepositions = lex.function_words - lex.determiners - lex.auxiliaries - lex.copulas
    cut = next(
        (i for i, t in enumerate(subject[:MAX_SUBJECT_WORDS]) if i and t[0] in prepositions),
        None,
    )
    return subject[:cut] if cut else subject[-MAX_SUBJECT_WORDS:]


def _reports(verb_group: list[Token], lex: Lexicon) -> bool:
    """'said', 'has warned', 'is claiming': a verb of reporting, alone or after an auxiliary."""
    return any(
        t[0].lower() in lex.reporting_verbs
        or (t[0].lower().endswith("ing") and t[0].lower()[:-3] in lex.reporting_verbs)
        for t in verb_group
    )


def _keeps_verb(
    tokens: list[Token], subject: list[Token], opener: int, named_source: bool, lex: Lexicon
) -> bool:
    """A title keeps 'X verb' before the reported clause when the verb is no verb of saying
    ('admitted', 'hopes'), or says who claims it without a name ('Officials hope'); not for a
    named source ('Merz: …'), a pronoun, a clause after a comma ('In the end, he said, …'), or in
    a verb-second language, whose clause after 'dass' is verb-final."""
    if named_source or lex.verb_second or not subject:
        return False
    if tokens[opener - 1][0].lower() not in lex.complement_openers:
        return False
    if any(t[0].lower() in lex.meta_subjects for t in subject):
        return False  # "The reporting suggests that …": the report, not news of it
    return subject[0][0].lower() not in lex.subject_pronouns | lex.personal_pronouns


def _that_clause(
    tokens: list[Token],
    subject: list[Token],
    verb: int,
    opener: int,
    sentence: str,
    lex: Lexicon,
    speakers: list[str],
) -> str | None:
    """'Hayward admitted that safety standards … were not up to scratch' → 'Hayward admitted safety
    standards … were not up to scratch': subject and verb, then the clause after 'that', within
    the title's length."""
    # "Hayward admitted that …" → "Hayward admitted …"; a language that keeps its complementizer
    # keeps it ("Il leader ha detto che …")
    head = _join(subject + tokens[verb : opener if lex.complement_kept else opener - 1], sentence)
    budget = lex.title_max_chars - len(head) - 1
    if budget < 20:
        return None
    inner = _clause_title(tokens[opener:], sentence, lex, speakers, reported=True, budget=budget)
    if inner.subject == (0, 0) or len(inner.text.split()) < 3:
        return None
    text = inner.text
    if tokens[opener][0][:1].islower() and text.split()[0] == tokens[opener][0].capitalize():
        text = text[:1].lower() + text[1:]  # "safety standards", not "Safety standards"
    return _balanced(f"{head[:1].upper()}{head[1:]} {text}")


def _balanced(text: str) -> str:
    """A quotation opened in a title is closed in it ('cutting the pipe "is not without risk"',
    '… ha dichiarato che la Siria «rischia la guerra civile»')."""
    if text.count("«") > text.count("»"):
        return text + "»"
    if text.count("“") > text.count("”"):
        return text + "”"
    return text + '"' if text.count('"') % 2 else text


def _close_bracket(
    clause: list[Token], subject: list[Token], sentence: str, lex: Lexicon, budget: int
) -> tuple[list[Token], bool] | None:
    """A German clause too long for a title keeps its end: 'Scholz hat am Sonntag in Berlin eine
    Lieferung von Taurus-Raketen an die Ukraine abgelehnt' → 'Scholz hat am Sonntag in Berlin
    eine Lieferung abgelehnt'. The verbal bracket (auxiliary … participle, verb … separable
    particle) says what happened; cutting its end off says nothing, or the opposite. The middle
    field is shortened at a phrase boundary."""
    if not lex.verb_second or not clause:
        return None
    end = next(
        (
            i
            for i, t in enumerate(clause)
            if i > 0
            and (
                t[0] in _BREAKS
                or t[0].lower() in lex.clause_openers
                or _ends_clause(clause, i, lex)
            )
        ),
        len(clause),
    )
    word, start, stop = clause[end - 1]
    closer = (word.rstrip("."), start, stop - (len(word) - len(word.rstrip("."))))
    opens = clause[0][0].lower() in lex.auxiliaries
    # after an auxiliary the clause's last lower-case word closes the bracket: a participle, an
    # infinitive, or after a copula the predicate ("ist … angespannt"); after a full verb only a
    # separable particle does
    closes = closer[0][:1].islower() and (opens or closer[0] in lex.separable_particles)
    if end < 3 or not closes:
        return None
    limit = budget or lex.title_max_chars
    middle = clause[1 : end - 1]
    # first the fronted adverbials ("am Sonntag", "in Berlin"), in order
    for span in _adverbials(middle, lex):
        middle = [t for t in middle if t not in span]
        if len(_join(subject + [clause[0], *middle, closer], sentence)) <= limit:
            return [clause[0], *middle, closer], False
    for k in range(len(middle), -1, -1):
        kept = _trim(middle[:k], lex) if k < len(middle) else middle[:k]
        if k < len(middle) and k and middle[k][0].lower() not in lex.function_words:
            continue  # cut only before a function word: a phrase boundary
        predicate = [clause[0], *kept, closer]
        if len(_join(subject + predicate, sentence)) <= limit:
            return predicate, False
    return None


def _ends_clause(clause: list[Token], i: int, lex: Lexicon) -> bool:
    """'… einsetzen könnten | und verstärkte …': a conjunction between the verb closing the first
    clause and a finite verb starts a second clause; between nouns or adjectives ('einer langen
    und hitzigen') it joins two."""
    before, after = clause[i - 1][0], clause[i + 1][0] if i + 1 < len(clause) else ""
    return (
        clause[i][0].lower() in lex.conjunctions
        and before[:1].islower()
        and before.lower() not in lex.function_words
        and after[:1].islower()
        and lex.is_verb(after)
    )


def _adverbials(middle: list[Token], lex: Lexicon) -> list[list[Token]]:
    """The prepositional and adverbial phrases of a German middle field, a headline's first cuts:
    from an intro word ("am", "in", "nach", "bereits") through its noun (German nouns are
    capitalised). Never a phrase with a negation: dropping "nicht" would say the opposite."""
    spans, i = [], 0
    while i < len(middle):
        if middle[i][0].lower() not in lex.intro_words:
            i += 1
            continue
        j = i + 1
        while j < len(middle) and not middle[j][0][:1].isupper():
            j += 1
        span = middle[i : j + 1]
        if not {t[0].lower() for t in span} & lex.negations:
            spans.append(span)
        i = j + 1
    return spans


def _is_pronoun(subject: list[Token], lex: Lexicon) -> bool:
    return len(subject) == 1 and subject[0][0].lower() in lex.personal_pronouns


def _reported(
    tokens: list[Token], sentence: str, lex: Lexicon, speakers: list[str], source: str | None
) -> tuple[str, Title]:
    """(prefix, title of the reported clause). A person is named in full ('Friedrich Merz: …'),
    or by surname ('Merz: …') when the full name would cut the reported clause shorter; an
    organisation always in full."""
    prefixes = [f"{source}: "] if source else [""]
    organisations = {canonical for canonical, kind in lex.names.values() if kind == "organisation"}
    if source and " " in source and source not in organisations:
        prefixes.append(f"{source.split()[-1]}: ")
    results = [
        (
            p,
            _clause_title(
                tokens, sentence, lex, speakers, reported=True, budget=lex.title_max_chars - len(p)
            ),
        )
        for p in prefixes
    ]
    if len(results) == 2 and results[0][1].text != results[1][1].text:
        return results[1]
    return results[0]


def _quoted_statement(
    sentence: str, lex: Lexicon, speakers: list[str], antecedent: str | None = None
) -> Title | None:
    """A sentence opening with a quotation: the speaker named after it, then the quote's first
    clause."""
    if not sentence or sentence[0] not in lex.quote_open:
        return None
    # A closing mark followed by a letter is an apostrophe ("It’s"), not the end of the quotation.
    close = next(
        (
            i
            for i in range(1, len(sentence))
            if sentence[i] in lex.quote_close and not sentence[i + 1 : i + 2].isalpha()
        ),
        -1,
    )
    if close < 0:
        return None
    inner = [(m.group(), m.start() + 1, m.end() + 1) for m in _TOKEN.finditer(sentence[1:close])]
    # "“If the citizens … remain calm, help is on the way,” Gen Fraser pledges": the main clause
    main = _skip_subordinate(inner, lex)
    speaker = _quote_speaker(sentence[close + 1 :], speakers, lex)
    after = sentence[close + 1 :].lstrip(" ,").split(" ", 1)[0].lower()
    if speaker is None and antecedent and after in lex.personal_pronouns:  # "“…,” she said."
        speaker = antecedent
    # The speaker's own words, whole when they fit: a comma inside a short quotation ("Everybody
    # is just totally, totally freaked out") ends no clause; a long one is cut at its first clause.
    whole = _trim(main, lex)
    spoken = [t for t in main if t[0][:1].isalnum()]
    if (
        whole
        and main is inner
        and whole[-1] is spoken[-1]
        and not any(t[0] in ".!?;:" for t in whole)
        and len(_quote_title(speaker, _join(whole, sentence))) <= lex.title_max_chars
    ):
        words, truncated = whole, False
    else:
        words, truncated = _cut(main, 0, lex, max_words=10)
    quote = _finish(words, sentence, lex, capitalise=main is not inner, truncated=truncated)
    if not quote:
        return None
    return Title(_quote_title(speaker, quote), (0, 0), speaker)


def _quote_title(speaker: str | None, quote: str) -> str:
    return f"{speaker}: “{quote}”" if speaker else f"“{quote}”"


def _quote_speaker(after: str, speakers: list[str], lex: Lexicon) -> str | None:
    """Who speaks a quotation: the name nearest after it ("“…,” said Buzbee, whose clients include
    a Halliburton crew member" is Buzbee's), not a name inside the quotation; a person named just
    after an organisation is its speaker ("European Council President Herman Van Rompuy"); a
    news medium is told the quotation ("told Reuters"), it does not speak it."""
    kinds = {canonical: kind for canonical, kind in lex.names.values()}
    found = []
    for rank, name in enumerate(speakers):
        if kinds.get(name) == "media":
            continue
        for form in (name, name.split()[-1]):
            at = after.find(form)
            if form != name and after.find(name) >= 0:
                break  # the surname inside the full name just looked at
            # "BP's managing director, Bob Dudley, told CNN", "a resident of Cite Soleil said":
            # BP and Cite Soleil are the speaker's, they do not speak
            before = after[:at].split()[-1:] if at > 0 else []
            if (
                at >= 0
                and after[at + len(form) : at + len(form) + 2] not in ("'s", "’s")
                and not (before and before[0].lower() in lex.function_words - lex.determiners)
            ):
                found.append((at, rank, name))
    if not found:
        return None  # named only inside the quotation, or as the speaker's place or employer
    found.sort()
    first = found[0]
    person = next((f for f in found[1:] if kinds.get(f[2]) is None and f[0] - first[0] < 60), None)
    if kinds.get(first[2]) == "organisation" and person is not None:
        return person[2]
    return first[2]


# ── before the main clause ────────────────────────────────────────────────────────────────────────


def _skip_opening(tokens: list[Token], lex: Lexicon) -> list[Token]:
    """Drop what precedes the main clause: subordinate clause, participial phrase, fronted
    adverbial."""
    for _ in range(3):
        before = tokens
        if len(tokens) > 3 and tokens[0][0].lower() in lex.leading_conjunctions:
            # "But stocks in Russia fell …": the link to the sentence before is no news
            tokens = tokens[1:]
        tokens = _drop_time_phrase(tokens, lex)
        tokens = _skip_subordinate(tokens, lex)
        tokens = _skip_participial(tokens, lex)
        tokens = _drop_fronted_adverbial(tokens, lex)
        if tokens is before:
            break
    return tokens


def _drop_time_phrase(tokens: list[Token], lex: Lexicon) -> list[Token]:
    """'In the meantime BP is attempting …' → 'BP is attempting …': a time phrase a headline
    leaves out, also with no comma after it (a fronted adverbial needs one to be seen)."""
    longest = max((p.count(" ") + 1 for p in lex.leading_time_phrases), default=0)
    for n in range(longest, 0, -1):  # "in the meanwhile" before "meanwhile"
        opening = " ".join(t[0].lower() for t in tokens[:n])
        if len(tokens) > n + 2 and opening in lex.leading_time_phrases:
            rest = tokens[n:]
            return rest[1:] if rest[0][0] == "," else rest
    return tokens


def _skip_subordinate(tokens: list[Token], lex: Lexicon) -> list[Token]:
    """'Although the US will not provide X, allies are in talks' → 'allies are in talks'. Only up
    to the first comma: 'As an example, he could point to the Act, which sought …' opens with a
    phrase (no verb), and the main clause follows it (skipping to the second comma made the title
    'Which sought …')."""
    if not tokens or tokens[0][0].lower() not in lex.subordinators:
        return tokens
    has_verb = False
    for i, (word, _, _) in enumerate(tokens[:MAX_OPENING_TOKENS]):
        has_verb = has_verb or (i > 0 and lex.is_verb(word))
        if word == ",":
            return tokens[i + 1 :] if has_verb and i + 1 < len(tokens) else tokens
    return tokens


def _skip_participial(tokens: list[Token], lex: Lexicon) -> list[Token]:
    """'Speaking at …, Germany, NATO's commander, General X, confirmed …' → 'General X confirmed …':
    the main verb is the first finite verb after a comma; its subject the comma-segment before
    it."""
    if not tokens or not lex.is_participle(tokens[0][0]) or tokens[0][0].lower() in lex.intro_words:
        return tokens
    for i in range(2, min(len(tokens), MAX_OPENING_TOKENS)):
        word = tokens[i][0]
        if lex.is_verb(word) and not lex.is_participle(word) and word[:1].islower():
            commas = [j for j in range(i) if tokens[j][0] == ","]
            if not commas:
                return tokens
            end = i - 1 if tokens[i - 1][0] == "," else i
            start = max((j for j in commas if j < end), default=-1) + 1
            return tokens[start:end] + tokens[i:] if start < end else tokens
    return tokens


def _drop_fronted_adverbial(tokens: list[Token], lex: Lexicon) -> list[Token]:
    """'Last week, Scholz …' → 'Scholz …': an opening phrase that starts with an adverbial word
    and ends at a comma."""
    for _ in range(2):
        if not tokens or tokens[0][0].lower() not in lex.intro_words:
            break
        comma = next((i for i, t in enumerate(tokens[:MAX_ADVERBIAL_TOKENS]) if t[0] == ","), -1)
        # a finite verb before the comma makes it a clause; a capitalised "May" after the first word
        # is a month
        if comma < 0 or any(
            lex.is_verb(t[0]) and t[0].lower() not in lex.intro_words
            for i, t in enumerate(tokens[:comma])
            if _is_finite(t[0], lex) and (i == 0 or t[0][:1].islower())
        ):
            break
        tokens = tokens[comma + 1 :]
    return tokens


def _is_finite(word: str, lex: Lexicon) -> bool:
    return word.lower() in lex.auxiliaries


def _drop_parenthetical(tokens: list[Token], lex: Lexicon, speakers: list[str]) -> list[Token]:
    """'Russland, das … gewarnt hatte, reagierte' → 'Russland reagierte': a comma-enclosed phrase
    after the subject, when the subject has no verb and a verb follows the closing comma."""
    commas = [i for i, t in enumerate(tokens) if t[0] == ","]
    if len(commas) < 2 or commas[0] == 0 or commas[0] > MAX_SUBJECT_WORDS:
        return tokens
    first, second = commas[0], commas[1]
    if any(
        lex.is_verb(t[0])
        and (
            i == 0
            or (
                tokens[i - 1][0].lower() not in lex.determiners
                and not tokens[i - 1][0].endswith(("'s", "’s"))
            )
        )
        for i, t in enumerate(tokens[:first])
    ) or second + 1 >= len(tokens):
        return tokens
    if lex.is_verb(tokens[second + 1][0]):
        common = any(t[0][:1].islower() and t[0] not in lex.function_words for t in tokens[:first])
        if common and _is_person(tokens[first + 1 : second], speakers):
            # "Its chief executive, Jim Manis, told …" → "Jim Manis told …": the headline names who
            return tokens[first + 1 : second] + tokens[second + 1 :]
        return tokens[:first] + tokens[second + 1 :]
    return tokens


def _is_person(words: list[Token], speakers: list[str]) -> bool:
    return " ".join(t[0] for t in words) in speakers and len(words) > 1


def _drop_embedded(tokens: list[Token], lex: Lexicon) -> list[Token]:
    """'hatte vor der Genehmigung, dass die Ukraine … feuern kann, bereits Dutzende … geliefert'
    → the main clause goes on after the comma-enclosed subordinate clause (opened by 'dass',
    'weil', 'which' …), so the title is not cut at its first comma. Only while an auxiliary waits
    for its participle."""
    openers = lex.subordinators | lex.complement_openers | lex.relative_pronouns
    commas = [i for i, t in enumerate(tokens) if t[0] == ","]
    # only while the verbal bracket is open: an auxiliary whose participle or infinitive is still to
    # come
    if (
        not tokens
        or tokens[0][0].lower() not in lex.auxiliaries
        or not commas
        or any(lex.is_verb(t[0]) or lex.is_participle(t[0]) for t in tokens[1 : commas[0]])
    ):
        return tokens
    for first, second in zip(commas, commas[1:], strict=False):
        if (
            first + 1 < len(tokens)
            and tokens[first + 1][0].lower() in openers
            and second + 1 < len(tokens)
            and tokens[second + 1][0][:1].isalnum()
            and tokens[second + 1][0].lower() not in lex.conjunctions
        ):
            return tokens[:first] + tokens[second + 1 :]
    return tokens


# ── the main clause ─────────────────────────────────────────────────────────────────────────────


def _main_verb(tokens: list[Token], lex: Lexicon) -> int | None:
    for i, (word, _, _) in enumerate(tokens):
        if word in _BREAKS and i > 0:
            return None
        if (
            i > 0
            and lex.is_verb(word)
            and not lex.is_participle(word)
            and tokens[i - 1][0].lower() not in lex.determiners
            and not tokens[i - 1][0].endswith(("'s", "’s"))
        ):
            # not "the reporting", not "a respected portal", not "BP's vilified chief": after a
            # determiner or a possessive a verb form is an adjective
            return i
    return None


def _subject_first(tokens: list[Token], lex: Lexicon) -> tuple[list[Token], int | None]:
    """(tokens with the subject before the verb, index of the verb). In a verb-second language
    'In den letzten Wochen hat das Weiße Haus …' and ', sind Verbündete und Partner …' put the
    subject after the verb: it is moved before it and the fronted phrase dropped."""
    if lex.verb_second and tokens:
        verb = 0 if lex.is_verb(tokens[0][0]) and tokens[0][0][:1].islower() else None
        if verb is None and tokens[0][0].lower() in lex.intro_words:
            verb = next(
                (
                    i
                    for i, t in enumerate(tokens[:10])
                    if i > 0 and t[0] in lex.auxiliaries | lex.verbs
                ),
                None,
            )
            if verb is not None and any(t[0] in _BREAKS for t in tokens[:verb]):
                verb = None
        if verb is not None:
            end = _noun_phrase(tokens, verb + 1, lex)
            if end is not None:
                subject = tokens[verb + 1 : end]
                return subject + [tokens[verb]] + tokens[end:], len(subject)
    return tokens, _main_verb(tokens, lex)


def _noun_phrase(tokens: list[Token], i: int, lex: Lexicon) -> int | None:
    """End of a noun phrase starting at i (German: nouns are capitalised): determiner, adjectives,
    nouns, joined by 'und'/'oder'. None when no noun is found."""
    j, noun = i, False
    article = j < len(tokens) and tokens[j][0].lower() in lex.determiners
    if article:
        j += 1
    while j < len(tokens):
        word = tokens[j][0]
        if word[:1].isupper() and word not in _BREAKS:
            if noun and article and not _adjective_form(tokens[j - 1][0]):
                break  # "überfiel die Wehrmacht | Polen": after its article one noun ends it
            noun = True
        elif (
            noun
            and word.lower() in ("und", "oder", "and", "or")
            and j + 1 < len(tokens)
            and tokens[j + 1][0][:1].isupper()
        ):
            pass
        elif (
            not noun
            and word[:1].islower()
            and word.lower() not in lex.function_words
            and not lex.is_verb(word)
        ):
            pass  # an adjective before the noun
        else:
            break
        j += 1
    return j if noun else None


def _adjective_form(word: str) -> bool:
    """'Rote' of 'die Rote Armee', 'Weiße' of 'das Weiße Haus': a capitalised adjective of a name,
    which the noun after it continues."""
    return word.lower().endswith(("e", "en", "er", "es", "em")) and not word.endswith(".")


def _verb_final_to_second(tokens: list[Token], lex: Lexicon) -> list[Token]:
    """A German reported clause ends on its finite verb ('dass seine Streitkräfte die Rakete
    einsetzen könnten'); a title puts it after the subject ('Seine Streitkräfte könnten die
    Rakete einsetzen')."""
    end = next((i for i, t in enumerate(tokens) if t[0] in _BREAKS or t[0] in ".!?"), len(tokens))
    clause = tokens[:end]
    np_end = _noun_phrase(clause, 0, lex)
    if np_end is None:
        return tokens
    # The sentence's last word carries its full stop ("hat."): compare and move it without.
    clause = [(w.rstrip("."), s, e - (len(w) - len(w.rstrip(".")))) for w, s, e in clause]
    finite = next(
        (i for i in range(np_end, len(clause)) if clause[i][0].lower() in lex.auxiliaries), None
    )
    if finite is None:
        finite = next((i for i in range(np_end, len(clause)) if lex.is_verb(clause[i][0])), None)
    if finite is None or finite == np_end:
        return tokens
    return (
        clause[:np_end]
        + [clause[finite]]
        + clause[np_end:finite]
        + clause[finite + 1 :]
        + tokens[end:]
    )


def _complement(tokens: list[Token], verb: int, lex: Lexicon) -> int | None:
    """Index where a reported clause starts after a reporting verb: 'reported that …', 'erklärte
    später, dass …'."""
    i = verb + 1
    if i + 1 < len(tokens) and tokens[i][0] == "," and tokens[i + 1][0][:1].isupper():
        # "In the end, he said, Congress must pass …": the clause after the comma is reported
        return i + 1
    skipped = 0
    while (
        i < len(tokens)
        and skipped < 2
        and tokens[i][0].lower() not in lex.complement_openers | {","}
    ):
        word = tokens[i][0]
        if (
            word.lower() in lex.function_words
            and i + 1 < len(tokens)
            and tokens[i + 1][0].lower() in lex.calendar_words
        ):
            i, skipped = i + 2, skipped + 1  # "said on Tuesday that", "dijo el martes que"
            continue
        if word in _BREAKS or word.lower() in lex.function_words or not word[:1].islower():
            return None
        i, skipped = i + 1, skipped + 1
    if i < len(tokens) and tokens[i][0] == ",":
        i += 1
    if i < len(tokens) - 2 and tokens[i][0].lower() in lex.complement_openers:
        return i + 1
    return None


def _named(subject_text: str, speakers: list[str]) -> str | None:
    """The person or organisation named in the subject ('Der Spiegel magazine' → 'Der Spiegel')."""
    for name in speakers:
        if name in subject_text or name.split()[-1] in subject_text.split():
            return name
    return None


def _shorten_subject(
    subject: list[Token], sentence: str, speakers: list[str], lex: Lexicon
) -> list[Token]:
    """'EU Foreign Policy Chief Kaja Kallas' → 'Kaja Kallas': a run of capitalised title words
    before a person's name is dropped (a headline names the person); a run with no title word in
    it is part of the name ('The Pan American Health Organization')."""
    for name in speakers:
        parts = name.split()
        if len(parts) < 2:
            continue
        for i in range(1, len(subject) - len(parts) + 1):
            if [t[0] for t in subject[i : i + len(parts)]] == parts and i + len(parts) == len(
                subject
            ):
                titled = any(t[0].lower().rstrip(".") in lex.person_titles for t in subject[:i])
                if titled and all(t[0][:1].isupper() for t in subject[:i]):
                    return subject[i:]
    return subject


def _cut(
    tokens: list[Token], skip: int, lex: Lexicon, max_words: int = 0
) -> tuple[list[Token], bool]:
    """Tokens up to the first clause boundary (punctuation or a subordinating word) after `skip`
    tokens, and whether the cut fell inside the clause (word limit) rather than at its boundary."""
    limit = max_words or MAX_PREDICATE_WORDS
    out: list[Token] = []
    for i, token in enumerate(tokens):
        word = token[0]
        opens = word.lower() in lex.clause_openers and not _determiner(tokens, i, lex)
        breaks = word in _BREAKS and not _between_adjectives(tokens, i, lex)
        if i >= skip and (breaks or opens or word in ".!?"):
            if out:
                return out, False
        if word in lex.quote_open + lex.quote_close and out:
            return out, False
        out.append(token)
        if sum(1 for t in out if t[0][:1].isalnum()) >= limit:
            return out, i + 1 < len(tokens)
    return out, False


def _between_adjectives(tokens: list[Token], i: int, lex: Lexicon) -> bool:
    """A comma between two adjectives of one noun ends no phrase: "a larger, tighter-fitting
    containment cap", "a long, hot summer": a determiner before the first, a word of content
    after the second (the noun; "the leak, officials said" goes on with a verb)."""
    if tokens[i][0] != "," or i < 2 or i + 2 >= len(tokens):
        return False
    first, second, noun = (tokens[j][0] for j in (i - 1, i + 1, i + 2))

    def content(word: str) -> bool:
        lowered = word.lower()
        return (
            word[:1].islower()
            and word.replace("-", "").isalpha()
            and lowered not in lex.function_words | lex.clause_openers
            and not lex.is_verb(word)
        )

    return (
        tokens[i - 2][0].lower() in lex.determiners
        and content(first)
        and content(second)
        and (not lex.is_participle(second) or "-" in second)  # "long-running", not "raising"
        and content(noun)
        and not lex.is_participle(noun)
    )


def _determiner(tokens: list[Token], i: int, lex: Lexicon) -> bool:
    """A clause opener that is also a determiner, after a preposition, opens no clause: "people
    down on that beach | that are begging" goes on past the first "that"."""
    if i == 0 or tokens[i][0].lower() not in lex.determiners:
        return False
    before = tokens[i - 1][0].lower()
    prepositions = (
        lex.function_words - lex.determiners - lex.conjunctions - lex.auxiliaries - lex.copulas
    )
    return before in prepositions


def _finish(
    tokens: list[Token],
    sentence: str,
    lex: Lexicon,
    capitalise: bool = True,
    truncated: bool = False,
    budget: int = 0,
    keep: int = 3,
) -> str:
    """At most `budget` (else `title_max_chars`) characters, cut at a phrase boundary; no
    trailing function word or punctuation; rebuilt with the sentence's own spacing, so a dropped
    parenthetical stays dropped. A cut never goes back before `keep` tokens (the subject and its
    verb)."""
    limit = budget or lex.title_max_chars
    tokens = _trim(tokens, lex)
    while len(tokens) > 3 and len(_join(tokens, sentence)) > limit:
        tokens, truncated = tokens[:-1], True
    if truncated:
        # Cut mid-phrase: go back to a coordinating conjunction ("contributed three batteries | and
        # is …"), else to before the last function word ("… the possibility of providing" → "… the
        # possibility").
        keep = max(3, keep)
        conj = [i for i, t in enumerate(tokens) if i > keep and t[0].lower() in lex.conjunctions]
        last = [i for i, t in enumerate(tokens) if i >= keep and t[0].lower() in lex.function_words]
        if conj:
            tokens = tokens[: conj[-1]]
        elif last:
            tokens = tokens[: last[-1]]
    tokens = _trim(tokens, lex)
    if not tokens:
        return ""
    text = _balanced(_join(tokens, sentence).rstrip("."))
    return text[:1].upper() + text[1:] if capitalise else text


# A separator left at the front once a chronology line's date is dropped ("April 23 - The U.S.
# Coast Guard suspends …", "-- Two lawmakers release …"): no headline opens with it.
_SEPARATORS = frozenset("-–—•*·|:;,")


def _trim(tokens: list[Token], lex: Lexicon) -> list[Token]:
    while tokens and set(tokens[0][0]) <= _SEPARATORS:
        tokens = tokens[1:]
    while tokens and (
        tokens[-1][0].lower() in lex.function_words or not tokens[-1][0][:1].isalnum()
    ):
        tokens = tokens[:-1]
    return tokens


def _join(tokens: list[Token], sentence: str) -> str:
    if not tokens:
        return ""
    parts = [tokens[0][0]]
    for (_, _, prev_end), (word, start, _) in zip(tokens, tokens[1:], strict=False):
        # reordered tokens: a plain space
        gap = sentence[prev_end:start] if start >= prev_end else " "
        parts.append(("" if gap == "" else " ") if not gap.strip() else " ")
        parts.append(word)
    return "".join(parts)
