"""Narrative time per passage (timeline/temporal/narrative.py) and the document type, on
hand-written cases: histories, quotes inside them, news with a background year, a history inside
news, bad input."""

from __future__ import annotations

import time

import pytest

from timeline.temporal import tag

HISTORY_DE = (
    "Der Zweite Weltkrieg begann am 1. September 1939 mit dem Überfall auf Polen. Am 3. "
    "September erklärten "
    "Großbritannien und Frankreich den Krieg. Im Mai 1940 begann der Westfeldzug.\n"
    'Am 22. Juni 1941 griff Deutschland die Sowjetunion an. "Letzte Woche haben wir noch '
    'verhandelt", sagte '
    "ein Diplomat. Im Dezember erreichte die Wehrmacht Moskau.\n"
    "1944 landeten die Alliierten in der Normandie. Im Mai 1945 kapitulierte Deutschland."
)


def _values(text: str, lang: str, dct: str | None, doc_type: str = "auto") -> dict[str, str]:
    return {e.text: e.value for e in tag(text, lang, dct, doc_type)}


def test_history_resolves_against_its_own_dates_despite_a_quoted_deictic() -> None:
    values = _values(HISTORY_DE, "de", "2011-03-01")
    assert values["3. September"] == "1939-09-03"
    assert values["Dezember"] == "1941-12"  # forward from June 1941, not back to 1940 nor to 2010
    assert values["Letzte Woche"].startswith("1941-W")  # the quote counts from the narrative's time


def test_news_type_forces_the_publication_date() -> None:
    values = _values(HISTORY_DE, "de", "2011-03-01", doc_type="news")
    assert values["3. September"] == "2010-09-03"
    assert values["Letzte Woche"] == "2011-W08"


def test_narrative_type_without_far_dates() -> None:
    text = "On 3 March 2023 the talks began.\nOn 5 April the first agreement was signed."
    assert _values(text, "en", "2024-01-10", "narrative")["5 April"] == "2023-04-05"
    assert _values(text, "en", "2024-01-10", "news")["5 April"] == "2024-04-05"


def test_one_background_year_leaves_news_in_news_time() -> None:
    text = ("The company, founded in 1985 and listed since 1990, said on Friday that sales fell in "
        "March.\n"
            "The chief executive will step down on 30 April.")  # fmt: skip
    values = _values(text, "en", "2024-05-06")
    assert values["March"] == "2024-03"
    assert values["30 April"] == "2024-04-30"
    assert values["Friday"] == "2024-05-03"


def test_a_history_passage_inside_news() -> None:
    text = ("The museum reopened on Friday after a year of repairs, its director said yesterday.\n"
            "The building was finished in 1889. In 1914 it became a hospital, and in 1923 a "
                "school. "
            "On 12 May the last pupils left.\n"
            "Tickets go on sale on 12 May, the director said.")  # fmt: skip
    found = [(e.text, e.value) for e in tag(text, "en", "2024-03-09")]
    assert ("Friday", "2024-03-08") in found
    may = [v for t, v in found if t == "12 May"]
    assert may == ["1923-05-12", "2024-05-12"]


def test_centuries_away_only() -> None:
    text = "In 1066 William landed in England. On 14 October his army met Harold's near Hastings."
    assert _values(text, "en", "2024-03-03", "narrative")["14 October"] == "1066-10-14"
    auto = _values(text, "en", "2024-03-03")
    # two dates are thin evidence: either reading
    assert auto["14 October"] in ("1066-10-14", "2023-10-14")


def test_without_dct_nothing_is_resolved_against_today() -> None:
    found = tag(HISTORY_DE, "de", None)
    assert all(not e.value.startswith(("2025", "2026", "2027")) for e in found)
    assert next(e for e in found if e.text == "Letzte Woche").resolved is False


def test_unknown_doc_type_is_refused() -> None:
    with pytest.raises(ValueError, match="doc_type"):
        tag(HISTORY_DE, "de", "2011-03-01", "story")


def test_chronology_of_5000_lines_is_linear_and_right() -> None:
    lines = [f"{1000 + i // 12}: {i % 28 + 1} March, the council met." for i in range(5000)]
    text = "\n".join(lines)
    start = time.perf_counter()
    found = tag(text, "en", "2024-03-03")
    took = time.perf_counter() - start
    days = [e for e in found if e.text.endswith("March")]
    assert len(days) == 5000
    assert days[-1].value == f"{1000 + 4999 // 12}-03-{4999 % 28 + 1:02d}"
    half = tag("\n".join(lines[:2500]), "en", "2024-03-03")
    assert len(half) * 2 == len(found)
    assert took < 20


def test_a_text_switching_language_midway_does_not_crash() -> None:
    text = HISTORY_DE + "\nOn 6 June 1944 the Allies landed. Le 8 mai 1945, l'Allemagne capitule."
    for lang in ("de", "en", "fr", "xx"):
        assert isinstance(tag(text, lang, "2011-03-01"), list)


ISSUE_NON_DATES = [
    ("en", "Brent for September crude rose while December futures fell."),
    ("en", "He told the Sunday Times and The World Tonight that 1000s dead were feared."),
    ("en", "Some 2,000 troops were sent."),
    ("it", "La sede è in via XX Settembre, vicino a Piazza IV Novembre."),
    ("fr", "La sonde a photographié Mars. Le Mai Thai est fermé."),
    ("de", "Er aß im Mai Thai und las die Welt am Sonntag."),
    ("de", "Er wohnt in der Straße des 17. Juni, wo 1000 Polizisten und 1500 Mann standen."),
    ("de", "Der Preis für September-Rohöl stieg, die Dezember-Futures fielen."),
    ("en", "She appeared on Monday Night Football and the Today programme."),
    ("es", "Vive en la Avenida 5 de Mayo de Puebla."),
    ("fr", "Il habite rue du 4 Septembre à Paris."),
    # numbers of real news that are no years (a 2010 build put events in 1036, 1051 and 1100)
    ("en", "The suit names QBE Underwriting/Lloyd's Syndicate 1036 and Flight 1549's insurer."),
    ("en", "Australia's cases have leapt from 297 to 1051."),
    ("en", "He said Jackson fell asleep at about 1100."),
]


@pytest.mark.parametrize(("lang", "text"), ISSUE_NON_DATES)
def test_non_dates_of_the_issue(lang: str, text: str) -> None:
    assert tag(text, lang, "2024-03-03") == []


def test_a_year_stays_a_year_beside_the_numbers_that_are_none() -> None:
    found = tag("Emissions at 1990 levels; the Normans came in 1066.", "en", "2024-03-03")
    assert [(e.text, e.value) for e in found] == [("1990", "1990"), ("1066", "1066")]


def test_a_live_pages_stamps_are_times_of_its_day_and_a_chronology_keeps_its_years() -> None:
    live = (
        "Latest updates.\n1746 The US military has begun distributing aid.\n\n"
        "2105 UN chief John Holmes says he will launch an appeal at 2100 GMT."
    )
    found = [(e.text, e.type, e.value) for e in tag(live, "en", "2010-01-15")]
    assert found == [
        ("1746", "TIME", "2010-01-15T17:46"),
        ("2100 GMT", "TIME", "2010-01-15T21:00"),
    ]
    chronology = "Chronology\n1804 Haiti declares independence.\n1915 US troops land.\n"
    found = [(e.text, e.value) for e in tag(chronology, "en", "2010-01-15")]
    assert found == [("1804", "1804"), ("1915", "1915")]


def test_clock_time_is_no_year() -> None:
    found = tag("The talks resumed at 1400 BST.", "en", "2024-03-03")
    assert [(e.text, e.type, e.value) for e in found] == [("1400 BST", "TIME", "2024-03-03T14:00")]


def test_front_matter_type_reaches_the_tagger() -> None:
    from timeline.errors import ContentError
    from timeline.events.per_article import article_mentions
    from timeline.ingest.markdown import read_markdown

    body = "On 3 March 2023 the talks began.\n\nOn 5 April an agreement was signed.\n"
    dates = {}
    for kind in ("news", "narrative"):
        article = read_markdown(
            "a.md", f"---\ntitle: T\ndate: 2024-01-10\nlang: en\ntype: {kind}\n---\n{body}"
        )
        assert article.doc_type == kind
        dates[kind] = {e.date for e in article_mentions(article)}
    assert "2024-04-05" in dates["news"] and "2023-04-05" in dates["narrative"]
    assert read_markdown("b.md", f"---\ntitle: T\n---\n{body}").doc_type is None  # the site's
    with pytest.raises(ContentError, match="type"):
        read_markdown("c.md", f"---\ntitle: T\ntype: story\n---\n{body}")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Il a travaillé pendant 38 ans à Nancy.", [("38 ans", "P38Y")]),
        ("Il y a 20 ans, la ville a changé.", [("Il y a 20 ans", "2004")]),
        ("Elle reviendra le 13 avril prochain.", [("le 13 avril prochain", "2024-04-13")]),
        ("Il est venu le 6 mai dernier.", [("le 6 mai dernier", "2023-05-06")]),
    ],
)
def test_french_ages_are_not_durations_but_durations_stay(
    text: str, expected: list[tuple[str, str]]
) -> None:
    assert [(e.text, e.value) for e in tag(text, "fr", "2024-03-03")] == expected


# A German war history written for these tests (no public German narrative gold is here): every
# date without a year, and every relative one, counts from the narrative's running time, never from
# the DCT (2011), as WikiWarsDE's annotators read them.
WAR_DE = (
    "Der Zweite Weltkrieg begann am 1. September 1939 mit dem deutschen Überfall auf Polen. Am 3. "
    "September erklärten Großbritannien und Frankreich Deutschland den Krieg. Zwei Tage später "
    "erreichten deutsche Truppen die Weichsel. Ende des Monats kapitulierte Warschau.\n"
    "Im Winter 1939/40 blieb es an der Westfront ruhig. Anfang 1940 plante die Wehrmacht den "
    "Angriff im Westen. Im April besetzte sie Dänemark und Norwegen, im Mai begann der "
    "Westfeldzug. Am 22. Juni unterzeichnete Frankreich den Waffenstillstand. Im Laufe des Jahres "
    "verlor die Luftwaffe die Luftschlacht um England. Im Spätherbst wurden die Angriffe "
    "eingestellt.\n"
    "Im folgenden Jahr griff Deutschland die Sowjetunion an: in der Nacht zum 22. Juni 1941 "
    "überschritten drei Millionen Soldaten die Grenze. Am folgenden Tag fiel Brest. Im Frühjahr "
    "war der Balkanfeldzug vorausgegangen. Mitte Juli stand die Heeresgruppe Mitte bei Smolensk, "
    "Anfang Oktober begann der Angriff auf Moskau. Im Winter 1941/42 scheiterte die Wehrmacht vor "
    "Moskau. Am 7. Dezember griff Japan Pearl Harbor an, vier Tage später erklärte Deutschland den "
    "USA den Krieg. Am 11. Dezember sprach Hitler im Reichstag, tags darauf Goebbels.\n"
    "Der Krieg hatte Wurzeln im 19. Jahrhundert und in den dreißiger Jahren. Im Sommer 1942 "
    "erreichte die Wehrmacht die Wolga; Ende 1942 war die 6. Armee eingeschlossen. Anfang Februar "
    "1943 kapitulierte sie, am selben Tag floh ihr Stab. In der zweiten Jahreshälfte landeten die "
    "Alliierten in Italien. Am 6. Juni 1944 landeten sie in der Normandie, am Vortag war Rom "
    "gefallen. Im Mai 1945 endete der Krieg in Europa mit der Kapitulation am 8. Mai."
)

WAR_DE_VALUES = [
    ("1. September 1939", "1939-09-01", None),
    ("3. September", "1939-09-03", None),
    ("Zwei Tage später", "1939-09-05", None),
    ("Ende des Monats", "1939-09", "END"),
    ("Winter 1939/40", "1939-WI", None),
    ("Anfang 1940", "1940", "START"),
    ("April", "1940-04", None),
    ("Mai", "1940-05", None),
    ("22. Juni", "1940-06-22", None),
    ("Laufe des Jahres", "1940", None),
    ("Spätherbst", "1940-FA", "END"),
    ("folgenden Jahr", "1941", None),
    ("22. Juni 1941", "1941-06-22", None),
    ("folgenden Tag", "1941-06-23", None),
    ("Frühjahr", "1941-SP", None),  # told after June 1941, in the past perfect: that year's
    ("Mitte Juli", "1941-07", "MID"),
    ("Anfang Oktober", "1941-10", "START"),
    ("Winter 1941/42", "1941-WI", None),
    ("7. Dezember", "1941-12-07", None),
    ("vier Tage später", "1941-12-11", None),
    ("11. Dezember", "1941-12-11", None),
    ("tags darauf", "1941-12-12", None),
    ("19. Jahrhundert", "18", None),
    ("den dreißiger Jahren", "193", None),
    ("Sommer 1942", "1942-SU", None),
    ("Ende 1942", "1942", "END"),
    ("Anfang Februar 1943", "1943-02", "START"),
    ("selben Tag", "1943-02", None),  # the day of a month: within that month, not the DCT's
    ("der zweiten Jahreshälfte", "1943-H2", None),
    ("6. Juni 1944", "1944-06-06", None),
    ("Vortag", "1944-06-05", None),
    ("Mai 1945", "1945-05", None),
    ("8. Mai", "1945-05-08", None),
]


@pytest.mark.parametrize("doc_type", ["auto", "narrative"])
def test_german_war_history_runs_on_its_own_time(doc_type: str) -> None:
    found = [(e.text, e.value, e.mod) for e in tag(WAR_DE, "de", "2011-03-01", doc_type)]
    assert found == WAR_DE_VALUES


def test_german_war_history_as_news_counts_from_the_dct() -> None:
    values = _values(WAR_DE, "de", "2011-03-01", "news")
    assert values["3. September"] == "2010-09-03"
    assert values["Mai"].startswith(("2010", "2011"))
    assert values["folgenden Tag"] == "1941-06-23"  # anaphoric in news too


def test_seasons_coordinated_with_a_dated_one_take_its_year() -> None:
    text = "The treaty of December 1978 was followed by requests in the spring and summer of 1979."
    assert _values(text, "en", "2011-03-01", "narrative")["the spring"] == "1979-SP"
    text = "Die Verträge vom Dezember 1978 folgten Bitten im Frühjahr und Sommer 1979."
    assert _values(text, "de", "2011-03-01", "narrative")["Frühjahr"] == "1979-SP"


@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    [
        ("de", "Vor fünf Jahren wurde die Brücke gebaut.", [("Vor fünf Jahren", "2019")]),
        ("de", "In den letzten Monaten stiegen die Preise.", [("den letzten Monaten", "PXM")]),
        ("es", "El día 13 llegó el presidente.", [("El día 13", "2024-03-13")]),
        ("es", "El día 13 de mayo llegó.", [("13 de mayo", "2024-05-13")]),
        ("it", "Il giorno 13 è arrivato il presidente.", [("giorno 13", "2024-03-13")]),
        ("fr", "Le Mondial '98 était en France.", [("'98", "1998")]),
        ("it", "Il mondiale del '90 in Italia.", [("'90", "1990")]),
        ("fr", "Il l'a dit: 'non'.", []),
    ],
)
def test_left_from_the_last_stop(lang: str, text: str, expected: list[tuple[str, str]]) -> None:
    assert [(e.text, e.value) for e in tag(text, lang, "2024-03-03")] == expected


@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    [
        (
            "en",
            "On 2 August 1964 the destroyer was attacked. A study declassified in 2005 found "
            "no second attack on 4 August. On 7 March 1965 the Marines landed.",
            {"4 August": "1964-08-04", "2005": "2005"},
        ),
        (
            "de",
            "Am 16. August 1920 begann der Gegenangriff. Es war die größte Reiterschlacht seit "
            "1813. Am 6. September zog sich die Armee zurück. Im Oktober 1920 endeten die Kämpfe.",
            {"6. September": "1920-09-06"},
        ),
    ],
)
def test_an_aside_year_is_no_new_reference(lang: str, text: str, expected: dict[str, str]) -> None:
    """A year written out off the narrative's line (the text comes back to its time after it) does
    not move the dates without a year that follow."""
    values = _values(text, lang, "2009-12-19", "narrative")
    assert {k: values[k] for k in expected} == expected


def test_a_narrative_moving_on_by_years_takes_each_year() -> None:
    text = (
        "The war began on 1 September 1939. In 1944 the Allies landed, and on 6 June they "
        "took the beaches. In 1945 the war ended."
    )
    assert _values(text, "en", "2009-12-19", "narrative")["6 June"] == "1944-06-06"


@pytest.mark.parametrize(
    ("lang", "text", "date", "value"),
    [
        (
            "en",
            "Italy had taken Eritrea in 1890 and lost at Adwa in 1896. It invaded Ethiopia on 3 "
            "October 1935 and took Addis Ababa on 5 May 1936.\n"
            'The emperor warned: "It will be you tomorrow." On 4 May he had left the capital.',
            "4 May",
            "1936-05-04",
        ),
        (
            "de",
            "Italien nahm 1890 Eritrea und verlor 1896 bei Adua. Am 3. Oktober 1935 fiel es in "
            "Äthiopien ein, am 5. Mai 1936 fiel Addis Abeba.\n"
            "Der Kaiser warnte: „Morgen seid ihr dran.“ Am 4. Mai hatte er die Hauptstadt "
            "verlassen.",
            "4. Mai",
            "1936-05-04",
        ),
    ],
)
def test_a_quoted_deictic_leaves_a_history_passage_narrative(
    lang: str, text: str, date: str, value: str
) -> None:
    assert _values(text, lang, "2009-12-19")[date] == value


def test_a_quoted_deictic_is_still_news_in_the_news() -> None:
    text = 'The minister said on 3 March 2009: "We will meet again on Friday."'
    assert _values(text, "en", "2009-03-04")["Friday"] == "2009-03-06"


@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    [
        (
            "en",
            "In 492 BC a first expedition failed. In the summer of 490 BC the Persians landed at "
            "Marathon. The following year Miltiades died. Two years later the war resumed. The "
            "following decade was quiet. Athens grew strong in the 470s BC and ca. 466 BC won "
            "again; by the 4th century BC it had declined.",
            {
                "the summer of 490 BC": "BC0490-SU",
                "The following year": "BC0489",
                "Two years later": "BC0488",
                "The following decade": "BC048",
                "the 470s BC": "BC047",
                "ca. 466 BC": "BC0466",
                "the 4th century BC": "BC03",
            },
        ),
        (
            "de",
            "Im Jahr 492 v. Chr. scheiterte ein erster Zug. Im Sommer 490 v. Chr. landeten die "
            "Perser bei Marathon. Im folgenden Jahr starb Miltiades. Am 17. August 480 v. Chr. "
            "begann die Schlacht, im September siegten die Griechen.",
            {
                "Sommer 490 v. Chr.": "BC0490-SU",
                "folgenden Jahr": "BC0489",
                "17. August 480 v. Chr.": "BC0480-08-17",
                "September": "BC0480-09",
            },
        ),
    ],
)
def test_a_history_before_christ_counts_its_years_backwards(
    lang: str, text: str, expected: dict[str, str]
) -> None:
    """A narrative in years before Christ resolves its relative dates, months and seasons in them
    (the following year of 490 BC is 489 BC), never against the publication date."""
    found = {e.text: e.value for e in tag(text, lang, "2009-12-19")}
    assert {k: v for k, v in found.items() if k in expected} == expected


def test_before_christ_stand_in_years_are_written_back() -> None:
    from timeline.temporal.resolve import before_christ, parse_point

    assert before_christ("8519-04") == "BC0480-04"
    assert before_christ("851") == "BC048" and before_christ("85") == "BC04"
    assert before_christ("2009-04") == "2009-04" and before_christ("199") == "199"
    point = parse_point("BC0480-04")
    assert point is not None and before_christ(f"{point[0].year}-04") == "BC0480-04"
