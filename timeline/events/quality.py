"""Would an editor publish this mention? Reasons to doubt it, read from its sentence and its title.

A clause that scores as a happening (happenings.py) is still no event when

    furniture        the sentence is page furniture (data/<lang>/clean.yaml `sentence`: a caption
                     with its time stamp, a correction note, a live-blog header, newsletter or
                     platform text); extract.py asks ``is_furniture`` first, before the sentence's
                     names are read
    no title         no headline could be made
    unattributed     the title is a quotation with no speaker: it would read as the site's own claim
    no actor         the title's subject is a pronoun or a placeholder ("They", "It", "There") that
                     names nobody
    no verb          the title names no act ("Tony Hayward", "Texts")
    no one           nobody and nothing that acts is the subject: its head word is neither a name
                     (nor part of one) nor a listed actor or event noun ("officials", "the quake");
                     "The enthusiasm of the staff", "BP's claim is likely …", "His comments came"
                     are comment, not news
    fragment         the sentence starts in lower case: the rest of a sentence split wrongly
    question         the sentence asks, it reports nothing
    first person     "I hope this will help" outside quotation marks: a reader's comment or a
                     diary
    cut              the title stops mid-phrase: the sentence goes on with a word that continues the
                     phrase (an article, a noun, the rest of a number), or it ends on a verb of
                     saying ("Professor McCloskey said")

"If no good title can be made, that is a reason to doubt the event, not to print a fragment" (issue
#13): these mentions are dropped, not published with a fragment for a headline.
"""

from __future__ import annotations

import re
from functools import cache, lru_cache

from .happenings import in_own_voice, words_of
from .lexicon import Lexicon

_WORD = re.compile(r"[\w’'\-]+")  # as happenings.words_of reads words
_GO_ON = {"of", "than"}  # words that go on with the phrase before them ("to trap as much as")
# a cut title is completed to the end of its phrase when that is this close
MAX_EXTENSION_WORDS = 20
MAX_TITLE_CHARS = 130
# verbs that say nothing until their clause comes ("says the head of the UN mission" is cut;
# "declared war on Germany", "announced a moratorium" are not)
_SAYS = {"say", "says", "said", "tell", "tells", "told", "reports", "reported", "adds", "added"}
_POSSESSIVES = {"its", "their", "his", "her", "our", "my", "your", "this", "these", "those"}
# ", Transocean and Halliburton", ", Mississippi and Florida": a list of names after the title
_NAME = r"[A-Z][\w’'\-]*(?:\s+(?:of\s+)?[A-Z][\w’'\-]*)*"
_LIST = re.compile(rf"\s*,\s+{_NAME}(?:\s*,\s+{_NAME})*\s*,?\s+(?:and|or)\s+[A-Z]")
_LIST_TAIL = re.compile(rf"(?:and|or)\s+{_NAME}")
_MANY_AS = ("as many", "as much", "as few", "as little")
_SPEAKER = re.compile(r"^[^:“\"«„]{2,60}:\s+")


def doubt(
    title: str,
    sentence: str,
    lex: Lexicon,
    subject: str | None = None,
    named: bool = False,
    copular: bool | None = False,
) -> str | None:
    """Why this mention is no publishable event, or None. ``subject``: the title's subject as
    written in the sentence; ``named``: its head word is (part of) a name, or a speaker is named
    for a reported clause."""
    if sentence[:1].islower():
        return "fragment"  # "cents America to bring its safety regulations …": a split went wrong
    if not title.strip():
        return "no title"
    if title[0] in lex.quote_open:
        return "unattributed"
    speaker = _SPEAKER.match(title)
    body = title[speaker.end() :] if speaker else title
    words = words_of(body)
    if not words:
        return "no title"
    first = re.sub(r"['’]s$", "", words[0].lower())  # "That's something …"
    if (
        first in (lex.personal_pronouns | {"they"} if speaker else lex.subject_pronouns)
        and body[0] not in lex.quote_open
    ):
        return "no actor"  # "Barack Obama: He had been …": who is he?
    if sentence.rstrip(" " + lex.quote_close).endswith("?"):
        return "question"  # "Has the White House had an advance look at this?"
    if _quote_tail(sentence, lex):
        return "unattributed"  # '…, showing solidarity," he said': the rest of a quotation
    if in_own_voice(sentence, lex):
        return "first person"
    if not any(lex.is_verb(w) and not _modifies(words[i], lex) for i, w in enumerate(words[1:])):
        # also inside a quotation: 'David Hollander: “The idea”'; "Of the leak" has none
        return "no verb"
    if _cut(body, words, sentence, lex):
        return "cut"
    if subject is not None and not named and not speaker and not _acts(subject, lex):
        return "no one"
    if not speaker and copular is not False and _copular(words, lex):
        # "BP is happy to …", "Halliburton remains confident": a state, not a happening; None:
        # the title's verb was not found, the title's words tell
        return "description"
    if not speaker and _speculates(words, lex):
        return "speculation"  # "The president may lack authority …": what might be, no happening
    if not speaker and {w.lower() for w in words} & lex.opinion_modals:
        return "opinion"  # "President Obama must use this moment …": the writer's view
    return None


def _quote_tail(sentence: str, lex: Lexicon) -> bool:
    """The sentence is the end of a quotation begun in the sentence before: its first quotation
    mark closes one ('Lots of people go there …, showing solidarity," he said on Sunday')."""
    first = next((i for i, c in enumerate(sentence) if c in lex.quote_open + lex.quote_close), -1)
    if first <= 0 or sentence[first - 1] not in ",.!?":
        return False
    mark = sentence[first]
    return mark in lex.quote_close and (mark not in lex.quote_open or sentence.count(mark) % 2 == 1)


def _modifies(before: str, lex: Lexicon) -> bool:
    """After a determiner or a possessive a verb form is an adjective: "the reporting", "BP's
    vilified chief executive", "the administration's lead official"."""
    return before.lower() in lex.determiners or before.endswith(("'s", "’s"))


def _main_verb(words: list[str], lex: Lexicon) -> int | None:
    """The first verb form that is no adjective after a determiner or possessive, nor a
    participle ("BP and the companies working for it are …": the verb is "are")."""
    return next(
        (
            i
            for i, w in enumerate(words)
            if i
            and lex.is_verb(w)
            and not _modifies(words[i - 1], lex)
            and not lex.is_participle(w)
        ),
        None,
    )


def _copular(words: list[str], lex: Lexicon) -> bool:
    """The main verb is a copula (or an auxiliary and a copula) with no verb form in the two words
    after it ("is happy", "has been difficult", "was not the only company", "was BP's use of …",
    not "is actively engaging", "was killed", "is still trapped", "is due to arrive")."""
    i = _main_verb(words, lex)
    if i is not None and words[i].lower() in lex.perfect_auxiliaries and i + 1 < len(words):
        i += words[i + 1].lower() in lex.copulas  # "has been difficult", "could be slim"
    if i is None or words[i].lower() not in lex.copulas:
        return False
    j = i + 1
    while j < len(words) and words[j].lower() in lex.open_ends:
        j += 1  # "was not …", "is still …", "is due …"
    if j > i + 1 and j < len(words) and words[j].lower() in lex.perfect_auxiliaries:
        return False  # "is due to arrive", "is set to meet": what will happen
    return not any(
        (lex.is_verb(w) and not _modifies(words[k - 1], lex))
        or w.lower().endswith(("ing", "ed", "en"))
        for k, w in enumerate(words[j : j + 2], start=j)
    )


def _speculates(words: list[str], lex: Lexicon) -> bool:
    """The main verb is a speculative modal, not negated ("may lack", "could face"; not "could
    not reach")."""
    i = _main_verb(words, lex)
    return (
        i is not None
        and words[0].lower() not in lex.subordinators  # "Before BP could test it the government …"
        and words[i].lower() in lex.speculative_modals
        and not (i + 1 < len(words) and words[i + 1].lower() in lex.negations)
    )


def _acts(subject: str, lex: Lexicon) -> bool:
    """The subject's head word is a listed actor or event noun."""
    head = head_word(subject, lex)
    return (
        head is not None
        and head.lower().removesuffix("’s").removesuffix("'s") in lex.actor_nouns | lex.event_nouns
    )


def head_word(subject: str, lex: Lexicon) -> str | None:
    """The last word of the subject before an "of" phrase, past trailing function words and verbs
    ("The German government appears to" → "government")."""
    parts = re.split(r"\s(?:of|von|de|di|du|des|del|della)\s", subject, maxsplit=1)
    words = words_of(parts[0])
    if len(parts) > 1 and words and words[-1].lower() in lex.number_words | lex.quantifiers:
        words = words_of(parts[1])  # "Hundreds of buildings": the buildings
    prepositions = (
        lex.function_words - lex.determiners - lex.auxiliaries - lex.copulas - _POSSESSIVES
    )
    cut = next(
        (
            i
            for i, w in enumerate(words)
            if i and w.lower() in prepositions and w.lower() not in lex.conjunctions
        ),
        None,
    )
    words = words[:cut] if cut is not None else words  # "Mobile phone users in the US": the users
    while words and (
        words[-1].lower() in lex.function_words
        or words[-1].lower() in lex.copulas
        or (
            len(words) > 1
            and words[-1][:1].islower()
            and lex.is_verb(words[-1])
            and words[-2].lower() not in lex.determiners
            and words[-2].lower() not in lex.function_words
        )
    ):
        words.pop()
    return words[-1] if words else None


def complete_title(title: str, sentence: str, lex: Lexicon) -> str:
    """A title cut inside a phrase, completed to the phrase's end in the sentence when that end
    is near ("Olaf Scholz described the call leak" → "… as “very serious”"); else the title as it
    was (doubt() then finds it cut)."""
    speaker = _SPEAKER.match(title)
    body = title[speaker.end() :] if speaker else title
    words = words_of(body)
    if not words or not _cut(body, words, sentence, lex):
        return title
    at = _find_words(sentence, words[-2:] if len(words) > 1 else words[-1:])
    if at is None and _one_last_word(words, sentence, lex):
        at = _find_words(sentence, words[-1:])  # an apposition was dropped before the verb
    if at is None and body[-1:].isdigit():  # "50,000" of "50,000-100,000" is no word of its own
        found = re.search(re.escape(body[-12:]), sentence)
        at = found.end() if found else None
    if at is None:
        return title
    # "Bob Dudley: “We're disappointed”": the quotation goes on, inside its marks
    shut = title[-1:] in lex.quote_close and sentence[at : at + 1] not in lex.quote_close
    stops = (lex.clause_openers - _GO_ON) | lex.relative_pronouns
    end, count = at, 0
    listed = _LIST.match(sentence, at)
    tail = _LIST_TAIL.search(sentence, listed.end() - 5, listed.end() + 40) if listed else None
    if tail:  # a list of names goes on through its commas: "BP, Transocean and Halliburton"
        end, count = tail.end(), 3
    for m in _WORD.finditer(sentence, end):
        between = sentence[end : m.start()]
        if between == "," and sentence[end - 1 : end].isdigit() and m.group()[:1].isdigit():
            end = m.end()  # "9,000" is one number
            continue
        if any(c in between for c in ",;:!?()—–") or (
            between.rstrip().endswith(".") and between.strip() != "."
        ):
            break
        word = m.group().lower()
        if word == "as" and any(f in sentence[at:end].lower() for f in _MANY_AS):
            word = "of"  # the second "as" of "as many (artists) as" goes on
        if (
            (word in stops and count)
            or count == MAX_EXTENSION_WORDS
            or _new_clause(word, sentence[m.end() :], count, lex)
        ):
            return title if count == 0 else _close(title, sentence[at:end], lex, shut)
        end, count = m.end(), count + 1
    else:
        end = len(sentence.rstrip(" ." + lex.quote_close)) if count else end
    return _close(title, sentence[at:end], lex, shut) if count else title


def _new_clause(word: str, rest: str, count: int, lex: Lexicon) -> bool:
    """'… had failed to pull anyone out alive | and the operation had turned …': after a few words
    of extension, a conjunction before a determiner or a pronoun starts a second clause."""
    if count < 2 or word not in lex.conjunctions:
        return False
    nxt = _WORD.search(rest)
    return nxt is not None and nxt.group().lower() in lex.determiners | lex.subject_pronouns


def _close(title: str, extension: str, lex: Lexicon, shut: bool = False) -> str:
    text = ((title[:-1] if shut else title) + extension).rstrip(" ,.;:" + lex.quote_close)
    while True:  # never end on a function word
        last = words_of(text)[-1:] if words_of(text) else []
        if not last or last[0].lower() not in lex.function_words:
            break
        text = text[: text.lower().rfind(last[0].lower())].rstrip(" ,")
    opened = sum(text.count(c) for c in "“„")
    closed = text.count("”")
    if text.count("«") > text.count("»"):
        text += "»"
    elif opened > closed:
        text += "”"
    elif text.count('"') % 2:
        text += '"'
    return text if len(text) <= MAX_TITLE_CHARS else title


def is_furniture(sentence: str, lex: Lexicon) -> bool:
    """A caption, a correction note, newsletter or platform text (data/<lang>/clean.yaml
    `sentence`)."""
    pattern = _furniture(lex.furniture)
    return pattern is not None and pattern.search(sentence) is not None


@cache
def _furniture(patterns: tuple[re.Pattern[str], ...]) -> re.Pattern[str] | None:
    """One alternation of the language's furniture patterns (one search a sentence, not one a
    pattern)."""
    if not patterns:
        return None
    return re.compile("|".join(f"(?:{p.pattern})" for p in patterns), re.IGNORECASE)


def _cut(body: str, words: list[str], sentence: str, lex: Lexicon) -> bool:
    """The title stops inside a phrase of its sentence, or on a verb of saying that says nothing
    yet."""
    said = lex.speech_verbs | lex.reporting_verbs
    lowered = [w.lower() for w in words]
    verb = next((i for i, w in enumerate(words) if i and lex.is_verb(w)), None)  # the main verb
    while verb is not None and verb + 1 < len(words) and lowered[verb] in lex.auxiliaries:
        if not lex.is_verb(words[verb + 1]):
            break
        verb += 1  # "Thad Allen has said": the main verb is the one after its auxiliary
    if (
        verb is not None
        and lowered[verb] in _SAYS
        and body[0] not in lex.quote_open
        and not any(
            lex.is_verb(w) and lowered[j - 1] not in lex.determiners | lex.relative_pronouns
            for j, w in enumerate(words[verb + 1 :], verb + 1)
        )
    ):
        # "Rene Preval says the head of the UN mission in Haiti": what the head did is missing
        return True
    tail = lowered[-3:]
    if tail[-1] in said or (
        len(tail) > 1
        and tail[-2] in said
        and tail[-1] in lex.calendar_words | {"night", "today", "yesterday"}
    ):
        return True
    # where the title's last two words stand in the sentence, and what follows them there
    last = " ".join(words[-2:]) if len(words) > 1 else words[-1]
    if body[-1:].isdigit() and re.search(re.escape(body[-12:]) + r"[\-–]\d", sentence):
        return True  # "put the death toll at 50,000" of "50,000-100,000"
    at = _find_words(sentence, words[-2:] if len(words) > 1 else words[-1:])
    if at is None and _one_last_word(words, sentence, lex):
        at = _find_words(sentence, words[-1:])  # "Barack Obama(, whose …,) welcomed | an …"
    if at is None:
        return False  # the title is reordered (a German bracket) or rebuilt: nothing to compare
    rest = sentence[at:].lstrip()
    if rest[:1] == "," and _verbless_report(lowered, said, lex):
        return True  # "Carol Browner warned that the giant | , rapidly expanding oil slick …"
    if last[-1:].isdigit() and re.match(r"[,.\-–]\d", rest):
        return True  # "from its 9" of "9,000"
    if rest[:1] in (":", *lex.quote_open) and {w.lower() for w in words} & said:
        return True  # "He told Face the Nation on CBS | : …"
    opens = (
        bool(rest) and rest[0] in lex.quote_open and (rest[0] != '"' or body.count('"') % 2 == 0)
    )
    if opens:
        # 'questioned whether what he called | "the phantom test" …', 'promised the country |
        # "every element of our national capacity"': the quotation is the rest of the phrase
        return True
    if _LIST.match(rest):
        return True  # "had invited BP | , Transocean and Halliburton to appear …"
    if not rest or rest[0] in '.,;:!?)]}—–-"”’»' or rest[0] in lex.quote_close:
        return False
    if rest[0].isdigit() and last[-1:].isdigit():
        return True  # "Britain has 10" from "10,000"
    end_word = words[-1].lower()
    if rest[0] in lex.quote_open + lex.quote_close and (
        end_word in lex.function_words or end_word.isdigit() or end_word in lex.number_words
    ):
        return True  # 'is drilling two "relief wells"'

    following = words_of(rest[:60])
    if not following:
        return False
    nxt = following[0].lower()
    if _waits(words, following[:3], lex):
        return True
    boundary = (
        lex.clause_openers
        | lex.subordinators
        | lex.relative_pronouns
        | lex.conjunctions
        | lex.intro_words
    ) - _GO_ON
    prepositions = (
        lex.function_words - lex.determiners - lex.auxiliaries - lex.copulas - _GO_ON - _POSSESSIVES
    )
    if nxt in lex.particles and (
        lex.is_verb(words[-1]) or (len(lowered) > 1 and lowered[-2] in lex.auxiliaries)
    ):
        return True  # "Tony Hayward will hand | over …" (a verb the lexicon does not list)
    if nxt in lex.complement_openers and {w.lower() for w in words} & said:
        return True  # "Clegg told an audience in Madrid | that …": what was said is missing
    if nxt == "as" and {w.lower() for w in words} & lex.as_verbs:
        return True  # "described the call leak | as very serious"
    # "outrage from politicians and accusations …": two nouns joined, the phrase goes on
    if nxt in lex.conjunctions:
        clause = words_of(re.split(r"[,;:.!?()—–]", rest, maxsplit=1)[0])
        return not any(
            lex.is_verb(w)
            and w[:1].islower()
            and not w.endswith("ing")
            and clause[i - 1].lower() != "to"
            for i, w in enumerate(clause)
            if i > 0
        )
    if (
        nxt in prepositions
        and (lex.is_verb(words[-1]) or end_word.endswith(("ing", "ed")))
        and re.match(r"\s*[\w’'\-]+\s*[,;.:!?]", rest)
    ):
        return True  # "Relief has now started trickling | through, …": a particle
    if (
        nxt in prepositions
        and words[-1][:1].islower()
        and lex.is_participle(words[-1])
        and len(words) > 3
    ):
        return True  # "touring the Middle East looking | for …", "a team of staff led | by …"
    if nxt in boundary or nxt in prepositions:
        return False
    return True


def _one_last_word(words: list[str], sentence: str, lex: Lexicon) -> bool:
    """The title's last word stands once in the sentence, and the title keeps the sentence's word
    order (not a German bracket moved to second place): where the title ends, when its last two
    words are not side by side there (a dropped apposition)."""
    return (
        len(words) > 1
        and not lex.verb_second
        and _tokens(sentence)[0].count(words[-1].lower()) == 1
    )


def _verbless_report(lowered: list[str], said: frozenset[str], lex: Lexicon) -> bool:
    """The title ends in a reported clause with no verb yet ("warned that the giant")."""
    k = next(
        (
            k
            for k in range(len(lowered) - 2, 0, -1)
            if lowered[k] in lex.complement_openers and lowered[k - 1] in said
        ),
        None,
    )
    return k is not None and not any(lex.is_verb(w) for w in lowered[k + 1 :])


def _waits(words: list[str], following: list[str], lex: Lexicon) -> bool:
    """The title's last word waits for what the sentence says next: "it was also | including",
    "had failed | to pull", "the toll was likely | to be", "admitted | that safety standards",
    "has left | as many as"."""
    end = words[-1].lower()
    before = words[-2] if len(words) > 1 else ""
    nxt, after = following[0].lower(), following[1] if len(following) > 1 else ""
    if end in lex.open_ends or end in lex.quantifiers:
        return True  # "BP will continue to do all | that it can"
    if nxt in lex.complement_openers and (
        lex.is_verb(words[-1]) or end in lex.complement_adjectives or lex.is_verb(before)
    ):
        return True  # "admitted | that …", "made clear | that …", "can tell you | that …"
    if nxt == "to" and end in lex.particles and after[:1].isdigit():
        return True  # "it was receiving up | to 10,000 messages"
    if nxt == "to" and _infinitive(after, lex):
        return True  # "had failed | to pull", "in an apparent attempt | to show"
    if nxt in lex.agent_markers and lex.is_verb(words[-1]):
        return True  # "a team of top BP staff led | by the chairman"
    if nxt in lex.question_words and lex.is_verb(words[-1]):
        return True  # "questioned | whether …", "explained | how …"
    # "has left | as many as 50,000", "wants | as many artists as possible"; not "as part of"
    return nxt == "as" and after.lower() in lex.quantifiers and following[2:3] != ["of"]


def _infinitive(word: str, lex: Lexicon) -> bool:
    """The word after "to" starts an infinitive: a lower-case word that is no function word,
    determiner or number ("to pull", not "to the", "to Haiti", "to 200,000")."""
    return (
        word.isalpha()
        and word.islower()
        and word not in lex.function_words | lex.determiners | lex.number_words
    )


def _find_words(sentence: str, words: list[str]) -> int | None:
    """End offset of the last occurrence of these words, one after the other, in the sentence."""
    lowered, ends = _tokens(sentence)
    want = [w.lower() for w in words]
    n = len(want)
    for i in range(len(lowered) - n, -1, -1):
        if lowered[i] == want[0] and lowered[i : i + n] == want:
            return ends[i + n - 1]
    return None


@lru_cache(maxsize=256)  # one sentence is looked at by complete_title and doubt, several times each
def _tokens(sentence: str) -> tuple[list[str], list[int]]:
    found = list(_WORD.finditer(sentence))
    return [m.group().lower() for m in found], [m.end() for m in found]
