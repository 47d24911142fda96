"""A headline-like title for a happening: who did what, read from the sentence's clause structure.

    "Last week, Scholz clarified regarding the Taurus supplies that Germany would …"
        → "Scholz clarified regarding the Taurus supplies"
    "“It’s a hybrid disinformation attack — it’s about division,” German Defense Minister Boris Pistorius …"
        → "Boris Pistorius: “It’s a hybrid disinformation attack”"

Steps: a quoted statement becomes "Speaker: “first clause of the quote”"; otherwise a fronted
adverbial ("Last week,") and a parenthetical after the subject (", which …,") are dropped, then the
clause is cut where a subordinate clause or a comma begins after the verb, and trailing function
words are trimmed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .lexicon import Lexicon

_TOKEN = re.compile(r"[\w’'.\-%]+|[^\w\s]")
_BREAKS = {",", ";", ":", "—", "–", "(", ")"}
MAX_SUBJECT_WORDS = 10


@dataclass(frozen=True, slots=True)
class Title:
    text: str
    subject: tuple[int, int]  # offsets of the subject within the sentence (who)
    speaker: str | None = None


def make_title(sentence: str, lex: Lexicon, speakers: list[str]) -> Title:
    quoted = _quoted_statement(sentence, lex, speakers)
    if quoted is not None:
        return quoted
    tokens = [(m.group(), m.start(), m.end()) for m in _TOKEN.finditer(sentence)]
    tokens = _drop_fronted_adverbial(tokens, lex)
    tokens = _drop_parenthetical(tokens, lex)
    verb = _main_verb(tokens, lex)
    if verb is None:
        words = _cut(tokens, 0, lex)
        return Title(_finish(words, sentence, lex), (0, 0))
    subject = tokens[max(0, verb - MAX_SUBJECT_WORDS) : verb]
    predicate = _cut(tokens[verb:], 1, lex)
    if len(predicate) <= 2 and predicate[-1][0].lower() in lex.speech_verbs | lex.verbs:
        # "Der Spiegel reported that Germany aims …": after a bare verb of saying, the reported clause is the news.
        rest = tokens[verb + len(predicate) :]
        if rest and rest[0][0].lower() in lex.clause_openers | {","}:
            predicate += _cut(rest[1:], 1, lex)
    words = subject + predicate
    span = (subject[0][1], subject[-1][2]) if subject else (0, 0)
    return Title(_finish(words, sentence, lex), span)


def _quoted_statement(sentence: str, lex: Lexicon, speakers: list[str]) -> Title | None:
    """A sentence opening with a quotation: the speaker named after it, then the quote's first clause."""
    if not sentence or sentence[0] not in lex.quote_open:
        return None
    # A closing mark followed by a letter is an apostrophe ("It’s"), not the end of the quotation.
    close = next((i for i in range(1, len(sentence)) if sentence[i] in lex.quote_close
                  and not sentence[i + 1 : i + 2].isalpha()), -1)
    if close < 0:
        return None
    inner = [(m.group(), m.start() + 1, m.end() + 1) for m in _TOKEN.finditer(sentence[1:close])]
    words = _cut(inner, 0, lex, max_words=10)
    quote = _finish(words, sentence, lex, capitalise=False)
    if not quote:
        return None
    speaker = speakers[0] if speakers else None
    text = f"{speaker}: “{quote}”" if speaker else f"“{quote}”"
    return Title(text, (0, 0), speaker)


def _drop_fronted_adverbial(tokens: list[tuple[str, int, int]], lex: Lexicon) -> list[tuple[str, int, int]]:
    """'Last week, Scholz …' → 'Scholz …': an opening phrase that starts with an adverbial word and ends at a comma."""
    for _ in range(2):
        if not tokens or tokens[0][0].lower() not in lex.intro_words:
            break
        comma = next((i for i, t in enumerate(tokens[:12]) if t[0] == ","), -1)
        if comma < 0 or any(lex.is_verb(t[0]) and t[0].lower() not in lex.intro_words for t in tokens[:comma] if _is_finite(t[0], lex)):
            break
        tokens = tokens[comma + 1 :]
    return tokens


def _is_finite(word: str, lex: Lexicon) -> bool:
    return word.lower() in lex.auxiliaries


def _drop_parenthetical(tokens: list[tuple[str, int, int]], lex: Lexicon) -> list[tuple[str, int, int]]:
    """'Russland, das … gewarnt hatte, reagierte' → 'Russland reagierte': a comma-enclosed phrase after the
    subject, when the subject has no verb and a verb follows the closing comma."""
    commas = [i for i, t in enumerate(tokens) if t[0] == ","]
    if len(commas) < 2 or commas[0] == 0 or commas[0] > MAX_SUBJECT_WORDS:
        return tokens
    first, second = commas[0], commas[1]
    if any(lex.is_verb(t[0]) for t in tokens[:first]) or second + 1 >= len(tokens):
        return tokens
    if lex.is_verb(tokens[second + 1][0]):
        return tokens[:first] + tokens[second + 1 :]
    return tokens


def _main_verb(tokens: list[tuple[str, int, int]], lex: Lexicon) -> int | None:
    for i, (word, _, _) in enumerate(tokens):
        if word in _BREAKS and i > 0:
            return None
        if i > 0 and lex.is_verb(word):
            return i
    return None


def _cut(tokens: list[tuple[str, int, int]], skip: int, lex: Lexicon, max_words: int = 0) -> list[tuple[str, int, int]]:
    """Tokens up to the first clause boundary (punctuation or a subordinating word) after `skip` tokens."""
    limit = max_words or max(8, lex.title_max_words - MAX_SUBJECT_WORDS)
    out = []
    for i, token in enumerate(tokens):
        word = token[0]
        if i >= skip and (word in _BREAKS or word.lower() in lex.clause_openers or word in ".!?"):
            if out:
                break
        if word in lex.quote_open + lex.quote_close and out:
            break
        out.append(token)
        if sum(1 for t in out if t[0][:1].isalnum()) >= limit:
            break
    return out


def _finish(tokens: list[tuple[str, int, int]], sentence: str, lex: Lexicon, capitalise: bool = True) -> str:
    """Trim function words and punctuation from the end; rebuild the text from the sentence's own spacing."""
    while tokens and (tokens[-1][0].lower() in lex.function_words or not tokens[-1][0][:1].isalnum()):
        tokens = tokens[:-1]
    if not tokens:
        return ""
    # Rebuild from the tokens with the sentence's own spacing, so a dropped parenthetical stays dropped.
    parts = [tokens[0][0]]
    for (_, _, prev_end), (word, start, _) in zip(tokens, tokens[1:], strict=False):
        gap = sentence[prev_end:start]
        parts.append(("" if gap == "" else " ") if not gap.strip() else " ")
        parts.append(word)
    text = "".join(parts).rstrip(".")
    return text[:1].upper() + text[1:] if capitalise else text
