"""The temporal tagger: seed articles, German, French, negatives, unresolved without DCT,
properties, linearity, TimeML round trip, and a ratchet on the TempEval-3 training corpus."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from gold_sets import assert_ratchet  # tests/gold_sets.py (pytest puts tests/ on sys.path)
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from timeline.temporal import available_languages, precision_of, tag
from timeline.temporal.evaluate import DEFAULT_CORPUS, evaluate
from timeline.temporal.timeml import read_tml, to_timeml

CONTENT = Path(__file__).resolve().parents[1] / "content"


def _seed(prefix: str) -> str:
    return next(CONTENT.glob(f"{prefix}_*.txt")).read_text(encoding="utf-8")


def _values(text: str, lang: str = "en", dct: str | None = None) -> dict[str, str]:
    return {e.text: e.value for e in tag(text, lang, dct)}


def test_seed_002_against_its_dateline() -> None:
    found = tag(_seed("002"), "en", "2024-03-03T22:33")
    values = {e.text: e.value for e in found}
    assert values["3 March"] == "2024-03-03"
    assert values["29 February"] == "2024-02-29"
    assert values["Last week"] == "2024-W08"
    assert values["annually"] == "P1Y"
    # the donation appeal: a rate, not an event date
    month = [e for e in found if e.text == "a month"]
    assert month and month[0].type in ("DURATION", "SET")


def test_seed_001_thursday_is_future_when_scheduled() -> None:
    values = _values(_seed("001"), dct="2025-09-02")
    assert values["Thursday"] == "2025-09-04"
    assert values["annually"] == "P1Y"


def test_seed_001_without_dct_stays_unresolved() -> None:
    thursday = next(e for e in tag(_seed("001"), "en") if e.text == "Thursday")
    assert not thursday.resolved
    assert thursday.value.startswith("UNDEF")


def test_seed_004_german() -> None:
    found = tag(_seed("004"), "de", "2024-11-25")
    # "in [den letzten Wochen]": the preposition stays out, as KRAUTS has it; a stretch of time of
    # unsaid length (KRAUTS, TimeBank-es: PXW), not a date
    found_values = [e.value for e in found if e.text.lower() == "den letzten wochen"]
    assert found_values == ["PXW", "PXW"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Der Bundestag hat am Donnerstag beraten.", {"Donnerstag": "2024-02-29"}),
        ("Die Gespräche sollen nächste Woche fortgesetzt werden.", {"nächste Woche": "2024-W10"}),
        ("Vor drei Tagen kam die Nachricht.", {"Vor drei Tagen": "2024-02-29"}),
        ("Am 24. Februar 2022 begann der Angriff.", {"24. Februar 2022": "2022-02-24"}),
        ("Der Gipfel findet am 12.07.2024 statt.", {"12.07.2024": "2024-07-12"}),
        ("Die Hilfe soll jährlich steigen.", {"jährlich": "P1Y"}),
        ("Das dauerte zwei Wochen.", {"zwei Wochen": "P2W"}),
        ("Wir fliegen morgen.", {"morgen": "2024-03-04"}),
        ("Am Morgen des 1. September 1939 begann der Krieg.", {"1. September 1939": "1939-09-01"}),
        ("Das war im 19. Jahrhundert anders.", {"19. Jahrhundert": "18"}),
    ],
)
def test_german_sentences(text: str, expected: dict[str, str]) -> None:
    assert _values(text, "de", "2024-03-03") == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Le Parlement a voté jeudi.", {"jeudi": "2024-02-29"}),
        ("Les discussions reprendront la semaine prochaine.", {"la semaine prochaine": "2024-W10"}),
        ("Il y a trois jours, la nouvelle est tombée.", {"Il y a trois jours": "2024-02-29"}),
        ("L'offensive a commencé le 24 février 2022.", {"le 24 février 2022": "2022-02-24"}),
        ("Le sommet aura lieu le 1er mars 2025.", {"le 1er mars 2025": "2025-03-01"}),
        ("Le sommet se tiendra le 12/07/2024.", {"le 12/07/2024": "2024-07-12"}),
        ("L’an dernier, les ventes ont chuté.", {"L’an dernier": "2023"}),
        ("L'année dernière et cette année.", {"L'année dernière": "2023", "cette année": "2024"}),
        ("Aujourd’hui et demain, il pleut.", {"Aujourd’hui": "2024-03-03", "demain": "2024-03-04"}),
        ("Cela a duré deux semaines.", {"deux semaines": "P2W"}),
        ("Il est au pouvoir depuis dix ans.", {"dix ans": "P10Y"}),
        ("L'aide augmentera chaque année.", {"chaque année": "P1Y"}),
        ("Le marché a lieu tous les lundis.", {"tous les lundis": "XXXX-WXX-1"}),
        ("Les prix baisseront dans deux semaines.", {"dans deux semaines": "2024-W11"}),
        ("C'était différent au XXe siècle.", {"XXe siècle": "19"}),
        ("Pendant les années 1990, la ville a grandi.", {"les années 1990": "199"}),
        ("Il a été élu en 2012 et a été réélu.", {"2012": "2012"}),  # "été" is a participle here
        ("La résolution 1973 a été adoptée en mars.", {"mars": "2024-03"}),
        ("Le ministre annoncera sa décision vendredi.", {"vendredi": "2024-03-08"}),
        ("Le ministre va annoncer sa décision vendredi.", {"vendredi": "2024-03-08"}),
        ("Le ministre a annoncé sa décision vendredi.", {"vendredi": "2024-03-01"}),
        ("Le ministre annonçait sa décision vendredi.", {"vendredi": "2024-03-01"}),
        (
            "Récemment, actuellement, bientôt, autrefois, à l'avenir.",
            {
                "Récemment": "PAST_REF",
                "actuellement": "PRESENT_REF",
                "bientôt": "FUTURE_REF",
                "autrefois": "PAST_REF",
                "à l'avenir": "FUTURE_REF",
            },
        ),
    ],
)
def test_french_sentences(text: str, expected: dict[str, str]) -> None:
    assert _values(text, "fr", "2024-03-03") == expected


def test_french_anaphoric_days() -> None:
    text = (
        "Les troupes sont entrées dans la ville le 12 janvier 2011. La veille, le gouvernement "
        "avait fui ; le lendemain, le couvre-feu fut levé."
    )
    assert [(e.text, e.value) for e in tag(text, "fr", "2024-03-03")] == [
        ("le 12 janvier 2011", "2011-01-12"),
        ("La veille", "2011-01-11"),
        ("le lendemain", "2011-01-13"),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "It may rain, and they may be right.",
        "Thousands march through the city.",
        "He finished second in the race.",
        "The Mars rover landed.",
        "The missiles have a range of about 300 miles.",
        "The army sent 2000 soldiers.",
        "He is a 52-year-old engineer.",
    ],
)
def test_negatives(text: str) -> None:
    assert tag(text, "en", "2024-03-03") == []


@pytest.mark.parametrize(
    ("text", "tense_value"),
    [
        ("The ministers will meet on Thursday.", "2024-03-07"),
        ("The ministers met on Thursday.", "2024-02-29"),
        ("The report was published on Friday.", "2024-03-01"),
    ],
)
def test_weekday_follows_tense(text: str, tense_value: str) -> None:
    assert [e.value for e in tag(text, "en", "2024-03-03")] == [tense_value]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        # DCT Wednesday 2014-10-08: the verbs of the clause, not those before its colon
        (
            "Zwei Gruppen sollen gebildet werden: Das ist ein Ergebnis des Treffens, das am Montag "
            "im Kommissariat stattgefunden hat.",
            "2014-10-06",
        ),
        ("Die Synode sprach sich am Samstag dafür aus.", "2014-10-04"),  # a strong verb's past
        ("Am Freitag wird auf der Piste ein Riesentorlauf ausgetragen.", "2014-10-10"),  # passive
        ("Das Rennen wurde am Freitag ausgetragen.", "2014-10-03"),
    ],
)
def test_german_weekday_follows_the_clause_tense(text: str, value: str) -> None:
    assert [e.value for e in tag(text, "de", "2014-10-08")] == [value]


@pytest.mark.parametrize(
    ("lang", "text", "value"),
    [
        # DCT Thursday 1999-05-27: "last Friday" is the 21st even in a future-tense clause
        ("fr", "Le Conseil a reconduit vendredi dernier les dispositions.", "1999-05-21"),
        ("fr", "Il a démissionné jeudi dernier.", "1999-05-20"),  # the DCT's weekday: a week back
        ("es", "en el pleno del pasado viernes.", "1999-05-21"),
        ("es", "Chávez se despidió el pasado jueves.", "1999-05-20"),
        ("es", "Dijo que el próximo miércoles será tarde.", "1999-06-02"),
        ("es", "El próximo jueves la junta celebrará su reunión.", "1999-06-03"),
        ("en", "He said last Thursday that he will leave.", "1999-05-20"),
        ("en", "They met next Friday, he said.", "1999-05-28"),
        ("de", "Er kommt vergangenen Freitag.", "1999-05-21"),
        ("it", "Lo ha detto venerdì scorso.", "1999-05-21"),
    ],
)
def test_last_and_next_weekday_ignore_tense(lang: str, text: str, value: str) -> None:
    assert [e.value for e in tag(text, lang, "1999-05-27")] == [value]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("la reunión que mantendrá este jueves el Consejo", "1999-06-03"),  # -drá: future
        ("la reunión que mantuvo este jueves el Consejo", "1999-05-27"),
        ("el Consejo se reunió el martes", "1999-05-25"),
    ],
)
def test_spanish_future_in_dra_moves_a_weekday_forward(text: str, value: str) -> None:
    assert [e.value for e in tag(text, "es", "1999-05-29")] == [value]


def test_absolute_dates_need_no_dct() -> None:
    found = tag("It happened on March 3, 2024 and in the 1990s.", "en")
    assert [(e.value, e.resolved) for e in found] == [("2024-03-03", True), ("199", True)]


@pytest.mark.parametrize(
    ("value", "precision"),
    [("2024-03-03", "day"), ("2024-W08", "week"), ("2024-03", "month"), ("2024-Q3", "quarter"),
     ("2024-SU", "season"), ("2024", "year"), ("199", "decade"), ("19", "century"),
     ("2024-03-03T22:33", "time"), ("P2Y", "duration"), ("PT3H", "duration"), ("PAST_REF", "vague"),
     ("XXXX-WXX-1", "set"), ("UNDEF-this-week", None), ("", None)],
)  # fmt: skip
def test_precision_of(value: str, precision: str | None) -> None:
    assert precision_of(value) == precision


_WORDS = st.sampled_from(
    "3 March 2024 , last week Thursday may March second Mars 1990s annually the 1990s ago two "
    "years "
    "vor drei Tagen am Donnerstag 29. Februar jährlich 12:30 p.m. 99999 '98 - . \n é 日本 \x00 "
    "il y a trois jours l'an dernier aujourd’hui 1er mars la veille XIXe siècle été 19h50 "
    "tous les".split(" ")
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    words=st.lists(st.one_of(_WORDS, st.text(max_size=6)), max_size=30),
    lang=st.sampled_from(["en", "de", "fr"]),
    dct=st.sampled_from([None, "2024-03-03", "1998-02-28T10:00", "2000-12-31"]),
)
def test_property_spans_and_values(words: list[str], lang: str, dct: str | None) -> None:
    text = " ".join(words)
    found = tag(text, lang, dct)
    end = 0
    for e in found:
        assert end <= e.start < e.end <= len(text)
        assert text[e.start : e.end] == e.text
        end = e.end
        if e.resolved:
            assert precision_of(e.value) is not None or e.type in ("SET",), e
        else:
            assert dct is None or e.value.startswith("UNDEF"), e


_PATHOLOGICAL = (
    r"'1' * 100_000",  # thousands of digits
    r"'12.' * 30_000",  # dotted-date prefixes that never complete
    r"'2024-' * 20_000",
    r"'March 3, ' * 20_000",
    r"'the ' * 50_000",  # weak triggers in a row
    r"'last ' * 30_000",
    r'"l\'le la les d\'de du en " * 30_000',  # French weak triggers in a row
    r"'il y a ' * 30_000 + 'la semaine ' * 30_000",
    r"'about nearly more than ' * 10_000",  # stacked modifiers
    r"'a' * 200_000",  # one very long line, no spaces
    r"' ' * 500_000 + '2024' + '\t' * 500_000 + '\n' * 200_000",  # huge whitespace runs
    # mixed scripts
    r"'\u65e5\u672c\u00e9 1990 \u0645\u0627\u0631\u0633 \u041c\u0430\u0440\u0442 ' * 20_000",
    r"'\ud800x\x00\ufffd' * 50_000",  # lone surrogates, NULs, replacement characters
)


def test_linear_on_pathological_input() -> None:
    """Runs in a subprocess with a generous timeout: catastrophic backtracking would hang, not slow
    down.

    Each input is about 100k-1M characters; a quadratic scan of any of them takes minutes, the
    tagger takes well under a second per input and language (en, de and the fallback set)."""
    code = (
        "from timeline.temporal import tag\n"
        f"for t in [{', '.join(_PATHOLOGICAL)}]:\n"
        "    for lang in ('en', 'de', 'fr'):\n"
        "        tag(t, lang, '2024-03-03')\n"
    )
    subprocess.run(
        [sys.executable, "-c", code],
        check=True,
        timeout=60,
        cwd=Path(__file__).resolve().parents[1],
    )


def test_language_without_resources_gets_numeric_dates() -> None:
    text = (
        "De top van 12.07.2024 is uitgesteld tot 2024-09-01 (gepubliceerd 2024-03-03T22:33), 2000 "
        "jaar geleden."
    )
    found = tag(text, "nl", "2024-03-03")
    assert [(e.text, e.value) for e in found] == [
        ("12.07.2024", "2024-07-12"),
        ("2024-09-01", "2024-09-01"),
        ("2024-03-03T22:33", "2024-03-03T22:33"),
    ]
    for lang in ("pt-BR", "xx", "", "../en", "EN"):
        assert [e.value for e in tag("Publicado el 03.03.2024.", lang)] == ["2024-03-03"], lang


def test_available_languages_lists_real_languages_only() -> None:
    assert available_languages() == ["de", "en", "es", "fr", "it"]


def test_seed_004_german_tagged_sensibly() -> None:
    found = tag(_seed("004"), "de", "2024-11-25")
    assert found, "the German seed has temporal expressions"
    # no dates in it
    assert {e.value for e in found} <= {"PAST_REF", "PRESENT_REF", "FUTURE_REF", "PXW"}, found
    assert [e.text for e in found if e.value == "PRESENT_REF"] == ["derzeit"]
    # "bis zu 190 Meilen", "vor solchen Maßnahmen", "später" are not dates
    assert not any(e.text[:1].isdigit() or e.text.lower().startswith("vor") for e in found)


# German: news-style sentences composed for this project, gold annotated by hand (tests/data/de/).
GERMAN_GOLD = Path(__file__).parent / "data" / "de" / "news_composed.tml"
GERMAN_RATCHET = {"strict_f1": 94.0, "relaxed_f1": 94.0, "type_accuracy": 97.0, "value_f1": 94.0}
# Excerpts of real German news and history pages (sources in each file), annotated before tagging.
GERMAN_REAL = sorted((Path(__file__).parent / "data" / "de").glob("real_*.tml"))
# Lowered once (issue #14) for "nun": three here are tagged, 20 of 22 in KRAUTS' public German news
# gold are not; this hand-made set is an upper bound, the public gold is the evidence
# (tests/test_temporal_corpora.py).
GERMAN_REAL_RATCHET = {
    "strict_f1": 93.3,
    "relaxed_f1": 96.8,
    "type_accuracy": 98.5,
    "value_f1": 88.1,
}


# French: texts in news and encyclopedic style about real events (Arab spring 2011, French politics,
# sport, science, history), written for this project and annotated by hand before tagging
# (tests/data/fr/).
FRENCH_REAL = sorted((Path(__file__).parent / "data" / "fr").glob("real_*.tml"))
FRENCH_REAL_RATCHET = {
    "strict_f1": 97.5,
    "relaxed_f1": 99.0,
    "type_accuracy": 98.5,
    "value_f1": 94.5,
}


def test_german_gold_set() -> None:
    assert_ratchet([GERMAN_GOLD], "de", GERMAN_RATCHET, min_files=1, min_gold=40)


def test_german_real_text_set() -> None:
    assert_ratchet(GERMAN_REAL, "de", GERMAN_REAL_RATCHET, min_files=15, min_gold=120)


def test_french_real_text_set() -> None:
    assert_ratchet(FRENCH_REAL, "fr", FRENCH_REAL_RATCHET, min_files=12, min_gold=100)


@pytest.mark.parametrize(
    ("text", "lang", "dct", "expected"),
    [
        # a history: every year written out is far from the DCT and nothing counts from the DCT, so
        # the year-less date is placed near the last date mentioned; offsets count from it at their
        # own unit
        (
            "Im Sommer 1914 begann der Krieg. Am 28. Juni 1914 fiel in Sarajevo der Schuss. "
            "Einen Monat "
            "später erklärte Österreich den Krieg. Am 1. August trat Deutschland ein.",
            "de",
            "2024-01-01",
            [
                ("Sommer 1914", "1914-SU"),
                ("28. Juni 1914", "1914-06-28"),
                ("Einen Monat später", "1914-07"),
                ("1. August", "1914-08-01"),
            ],
        ),
        (
            "Im Sommer 1914 begann der Krieg. Vier Jahre später war er vorbei.",
            "de",
            "2024-01-01",
            [("Sommer 1914", "1914-SU"), ("Vier Jahre später", "1918")],
        ),
        # news that names its own time ("Friday") keeps the DCT as the anchor
        (
            "The fund was set up in 1949 and grew in 1952. On Friday it said the summit is in "
            "April.",
            "en",
            "1999-03-12",
            [("1949", "1949"), ("1952", "1952"), ("Friday", "1999-03-12"), ("April", "1999-04")],
        ),
        # the end of a range gives its start the year
        (
            "Die Operation dauerte vom 25. Juli bis zum 3. August 1943.",
            "de",
            "2015-05-08",
            [("25. Juli", "1943-07-25"), ("3. August 1943", "1943-08-03")],
        ),
        (
            "Die Wahl war im Mai 1989, Proteste folgten im Oktober und November dieses "
            "Jahres. Am 3. Oktober 1990 "
            "kam die Einheit.",
            "de",
            "2024-01-01",
            [
                ("Mai 1989", "1989-05"),
                ("Oktober", "1989-10"),
                ("November dieses Jahres", "1989-11"),
                ("3. Oktober 1990", "1990-10-03"),
            ],
        ),
        # 29 February in a year that has none: the nearest leap year, never dropped
        ("Der 29. Februar fiel weg.", "de", "2025-06-10", [("29. Februar", "2024-02-29")]),
        ("The vote is on 29 February.", "en", "2026-06-10", [("29 February", "2028-02-29")]),
    ],
)
def test_reference_time_of_narratives(
    text: str, lang: str, dct: str, expected: list[tuple[str, str]]
) -> None:
    assert [(e.text, e.value) for e in tag(text, lang, dct)] == expected


def test_timeml_round_trip(tmp_path: Path) -> None:
    text = "Mar 3, 2024 - 22:33\nLast week, Scholz spoke & left on 29 February."
    found = tag(text, "en", "2024-03-03T22:33")
    path = tmp_path / "doc.tml"
    path.write_text(to_timeml(text, "2024-03-03T22:33", found), encoding="utf-8")
    doc = read_tml(path)
    assert doc.text == text and doc.dct == "2024-03-03T22:33"
    assert [(t.start, t.end, t.type, t.value) for t in doc.timexes] == [
        (e.start, e.end, e.type, e.value) for e in found
    ]


# Ratchet: figures reached on TimeBank + AQUAINT (TempEval-3 training data); raise them, never lower
# them. Type lowered once (issue #14): "Friday morning" is TIME, the part of the day in the value
# (TimeML guidelines; TimeBank 13 of 13), where AQUAINT writes DATE (9 of 11).
RATCHET = {"strict_f1": 85.9, "relaxed_f1": 93.2, "type_accuracy": 95.0, "value_f1": 79.2}


@pytest.mark.skipif(not DEFAULT_CORPUS.exists(), reason="TempEval-3 corpus not present")
def test_ratchet_tempeval3_training() -> None:
    r = evaluate([DEFAULT_CORPUS])
    got = {"strict_f1": r["strict"]["f1"], "relaxed_f1": r["relaxed"]["f1"],
           "type_accuracy": r["type"]["accuracy"], "value_f1": r["value"]["f1"]}  # fmt: skip
    assert all(got[k] >= v for k, v in RATCHET.items()), got


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a deadline word decides for the future although the clause is in the past tense
        ("The company said it extended the offer until Tuesday.", [("Tuesday", "2024-03-05")]),
        # "the following year" counts from the last date mentioned, at the year's precision
        (
            "He was made a general on May 22, 1995, and the following year he was appointed "
            "attache.",
            [("May 22, 1995", "1995-05-22"), ("the following year", "1996")],
        ),
        ("Hate groups grew over the past year.", [("the past year", "2023")]),
        ("Sales rose in the coming years.", [("the coming years", "PXY")]),
        ("It posted a year-earlier loss of $2 million.", [("year-earlier", "2023")]),
        # chained anaphora: both "a year earlier" count from 1989-Q3, not from each other
        (
            "Profit rose in the third quarter of 1989 from a year earlier. Sales rose from a "
            "year earlier.",
            [
                ("the third quarter of 1989", "1989-Q3"),
                ("a year earlier", "1988-Q3"),
                ("a year earlier", "1988-Q3"),
            ],
        ),
    ],
)
def test_context_choices(text: str, expected: list[tuple[str, str]]) -> None:
    assert [(e.text, e.value) for e in tag(text, "en", "2024-03-03")] == expected


@pytest.mark.parametrize("lang", ["en", "de", "fr"])
def test_rule_index_gives_the_matches_of_trying_every_rule(
    lang: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Only the rules that can begin with a word are tried there (firsts.py): same result as all
    of them."""
    from timeline.temporal.resources import Language, language_for

    texts = [
        p.read_text(encoding="utf-8")
        for p in sorted((Path(__file__).parents[1] / "content").glob("*.txt"))
    ]
    texts += [
        "March 3, 2024, the year-ago quarter, '90s, 12.12.2012, ſeptember 3, Ｍarch 3, "
        "mid-1990s, 9/11",
        "am 3. März 2024, vor zwei Wochen, Anfang der 1990er Jahre, jährlich, am Donnerstag",
    ]
    language = language_for(lang)
    indexed = [tag(t, lang, "2024-03-03") for t in texts]
    monkeypatch.setattr(
        Language, "rules_starting", lambda self, word: tuple(range(len(self.rules)))
    )
    assert [tag(t, lang, "2024-03-03") for t in texts] == indexed
    assert language.prefixes  # the index exists


@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    [
        ("fr", "Il est arrivé à 15 heures.", {"15 heures": "2024-03-03T15:00"}),
        ("fr", "Ils partirent à 8 heures du soir.", {"8 heures du soir": "2024-03-03T20:00"}),
        ("fr", "Il a marché pendant 15 heures.", {"15 heures": "PT15H"}),
        ("fr", "Le 6 mai 1998, il vota. Le même jour il partit.", {"Le même jour": "1998-05-06"}),
        ("fr", "Il naquit en 1941. Cette année-là fut dure.", {"Cette année-là": "1941"}),
        ("it", "Arrivò alle 3 del pomeriggio.", {"3": "2024-03-03T15:00"}),
        ("de", "Er kam um 3 Uhr nachmittags.", {"3 Uhr": "2024-03-03T15:00"}),
        ("de", "Er starb 1941. In jenem Jahr endete alles.", {"jenem Jahr": "1941"}),
    ],
)
def test_clock_halves_and_anaphoric_units(lang: str, text: str, expected: dict[str, str]) -> None:
    values = {e.text: e.value for e in tag(text, lang, "2024-03-03")}
    assert {k: values.get(k) for k in expected} == expected


@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    [
        ("en", "Throughout 1915-17, the war went on.", {"1915": "1915", "17": "1917"}),
        (
            "en",
            "at Mojkovac on 6-7 January 1916",
            {"6": "1916-01-06", "7 January 1916": "1916-01-07"},
        ),
        (
            "en",
            "From 15 to 22 February 1984 it rained.",
            {"15": "1984-02-15", "22 February 1984": "1984-02-22"},
        ),
        ("en", "The Ionian Revolt (499-493 BC) failed.", {"499": "BC0499", "493 BC": "BC0493"}),
        ("en", "The score was 3-2 and born 1998-01-02.", {"1998-01-02": "1998-01-02"}),
        ("de", "Im Krieg 1914–18 starben viele.", {"1914": "1914", "18": "1918"}),
        (
            "de",
            "Vom 6. bis 7. Januar 1916 kämpften sie.",
            {"6": "1916-01-06", "7. Januar 1916": "1916-01-07"},
        ),
        ("de", "In der Saison 2014/15 gewann er.", {"2014": "2014"}),  # a season, one expression
    ],
)
def test_each_end_of_a_range_is_an_expression(
    lang: str, text: str, expected: dict[str, str]
) -> None:
    assert {e.text: e.value for e in tag(text, lang, "2009-12-19")} == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Der Markt ist jeden zweiten Donnerstag.", {"jeden zweiten Donnerstag": "XXXX-WXX-4"}),
        ("Sie treffen sich an jedem Montagabend.", {"jedem Montagabend": "XXXX-WXX-1TEV"}),
        ("Der Rat tagt einmal im Monat.", {"einmal im Monat": "P1M"}),
    ],
)
def test_german_sets(text: str, expected: dict[str, str]) -> None:
    found = tag(text, "de", "2024-03-03")
    assert {e.text: e.value for e in found} == expected and {e.type for e in found} == {"SET"}


@pytest.mark.parametrize(
    "dct", ["0001-01-01", "0004-03-03", "3999-06-01", "9998-01-01", "9999-12-31"]
)
def test_a_dct_at_the_calendars_ends_resolves_or_leaves_unresolved_never_crashes(dct: str) -> None:
    # found by the fuzzer: "29 February" against a DCT in the year 4 asked for the year 0
    text = "On 29 February the parliament voted. On 3 March it met. Next year, in January."
    for expr in tag(text, "en", dct):
        assert expr.value[:1].isdigit() or expr.value.startswith("UNDEF-"), expr


@pytest.mark.parametrize(
    ("lang", "text", "dct", "clock"),
    [
        ("fr", "Lundi soir, l'incendie a éclaté vers 19h50.", "2019-04-16", "2019-04-15T19:50"),
        (
            "en",
            "Rebels attacked on Saturday night. Shelling began at 9 p.m.",
            "1991-02-18",
            "1991-02-16T21:00",
        ),
    ],
)
def test_a_time_of_a_named_day_is_the_reference(lang: str, text: str, dct: str, clock: str) -> None:
    # "Lundi soir" is a TIME: the clock after it is on that day, not on the DCT's
    assert [e.value for e in tag(text, lang, dct)][-1] == clock
