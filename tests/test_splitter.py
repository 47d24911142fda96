"""The rule-based sentence splitter: the boundaries news prose needs, in English and German."""

from __future__ import annotations

import pytest

from timeline.events.splitter import split_spans


def sentences(text: str, lang: str = "en") -> list[str]:
    return [text[s:e] for s, e in split_spans(text, lang)]


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        ("Scholz spoke. Pistorius agreed.", "en", ["Scholz spoke.", "Pistorius agreed."]),
        (
            "Mr. Smith met Gen. Grynkewich in Wiesbaden. They talked.",
            "en",
            ["Mr. Smith met Gen. Grynkewich in Wiesbaden.", "They talked."],
        ),
        ("The U.S. Army agreed. It was late.", "en", ["The U.S. Army agreed.", "It was late."]),
        (
            "John F. Kennedy spoke on Jan. 5 in Berlin.",
            "en",
            ["John F. Kennedy spoke on Jan. 5 in Berlin."],
        ),
        (
            "“It is serious.” Scholz said so!  Really? Yes.",
            "en",
            ["“It is serious.”", "Scholz said so!", "Really?", "Yes."],
        ),
        (
            "Prices rose 3.5 percent. Then they fell.",
            "en",
            ["Prices rose 3.5 percent.", "Then they fell."],
        ),
        ("He left at 5 p.m. and came back.", "en", ["He left at 5 p.m. and came back."]),
        ("It ended in 2024. Then 2025 began.", "en", ["It ended in 2024.", "Then 2025 began."]),
        (
            "Am 3. März 2024 sprach Scholz. Danach schwieg er.",
            "de",
            ["Am 3. März 2024 sprach Scholz.", "Danach schwieg er."],
        ),
        (
            "Das gilt z.B. für Polen. Es ist klar.",
            "de",
            ["Das gilt z.B. für Polen.", "Es ist klar."],
        ),
        (
            "Die Zahl stieg auf 3. Danach sank sie.",
            "de",
            ["Die Zahl stieg auf 3.", "Danach sank sie."],
        ),
        (
            "Prof. Dr. Müller sprach im 2. Weltkrieg-Museum.",
            "de",
            ["Prof. Dr. Müller sprach im 2. Weltkrieg-Museum."],
        ),
        (
            "lower case. after a period stays together",
            "en",
            ["lower case. after a period stays together"],
        ),
    ],
)
def test_boundaries(text: str, lang: str, expected: list[str]) -> None:
    assert sentences(text, lang) == expected


def test_unknown_language_uses_the_fallback_rules() -> None:
    assert sentences("Dr. Dupont est venu. Il a parlé.", "fr") == [
        "Dr. Dupont est venu.",
        "Il a parlé.",
    ]


def test_spans_cover_the_text_in_order_and_linear_on_long_input() -> None:
    text = "Word. " * 50_000 + "x" * 100_000
    spans = list(split_spans(text, "en"))
    assert spans[0] == (0, 5) and spans[-1][1] == len(text)
    assert all(a[1] <= b[0] for a, b in zip(spans, spans[1:], strict=False))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a caption run into the sentence after it, the opener before a name
        (
            "The UN building collapsed in the earthquake The UN has launched an appeal.",
            "The UN has launched an appeal.",
        ),
        (
            "Bill Clinton appeals for Haiti earthquake aid The United Nations envoy spoke.",
            "The United Nations envoy spoke.",
        ),
        # a conjunction or preposition in capitals after a lower-case word
        (
            "Aid groups say supplies are stuck at the port While the airport is open, it is full",
            "While the airport is open, it is full",
        ),
        ("Many are still needy In some parts the houses touch.", "In some parts the houses touch."),
        # after a name that ends the heading
        (
            "The US says it will speed aid to Haiti The US is sending 4,000 marines.",
            "The US is sending 4,000 marines.",
        ),
    ],
)
def test_a_heading_run_into_a_sentence_is_left_out(text: str, expected: str) -> None:
    assert sentences(text) == [expected]


@pytest.mark.parametrize(
    "text",
    [
        "The court in The Hague ruled on Monday.",
        "Hayward told The Times that BP would pay.",
        "The newspaper The Age reported the deal.",
        "Cheryl Cole sang On Top Of The World.",
        "He spoke on BBC Radio 4's The World at One.",
        "In The Hague, the court ruled.",
    ],
)
def test_a_title_after_a_word_that_takes_it_stays_in_its_sentence(text: str) -> None:
    assert sentences(text) == [text]


def test_the_rule_for_names_is_english_data() -> None:
    # German capitalises every noun: an article before one is no run-in there
    assert sentences("Er sagte die Regierung Die Zeit berichtet.", "de") == [
        "Er sagte die Regierung Die Zeit berichtet."
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "US troops land at Haiti's presidential palace US troops are stepping up aid.",
            "US troops are stepping up aid.",
        ),
        (
            "UK charities prepare to deliver Haiti earthquake aid UK aid efforts are underway.",
            "UK aid efforts are underway.",
        ),
        (
            "Obama visits Gulf coast Obama promised on Friday to stop the leak.",
            "Obama promised on Friday to stop the leak.",
        ),
    ],
)
def test_a_heading_that_opens_with_the_sentence_s_name_is_left_out(
    text: str, expected: str
) -> None:
    """No article or comma before the name comes again: a heading, not a clause."""
    assert sentences(text) == [expected]


@pytest.mark.parametrize(
    "text",
    [
        "US President Barack Obama said some US rescuers were already on the ground.",
        "UN Ban Ki-Moon has given an update on the number of UN casualties.",
        "German Chancellor Friedrich Merz emphasized that deploying German troops is premature.",
        "Mr Ban plans to visit Haiti soon and asked Mr Obama to pass on a message.",
        "BP said the leak had slowed but investors feared BP would cut its dividend.",
    ],
)
def test_a_name_that_comes_again_inside_its_clause_stays(text: str) -> None:
    assert sentences(text) == [text]


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        (
            "BP oil spill report as it happened BP released its report on Wednesday.",
            "en",
            ["BP released its report on Wednesday."],
        ),
        (
            "Congress tells Hayward BP ignored dangers During the hearing, Hayward said little.",
            "en",
            ["During the hearing, Hayward said little."],
        ),
        (
            "It went as it happened the day before.",
            "en",
            ["It went as it happened the day before."],
        ),
        (
            "Terremoto en Haití en directo Los rescatistas siguen.",
            "es",
            ["Los rescatistas siguen."],
        ),
    ],
)
def test_a_headings_own_last_words_end_it(text: str, lang: str, expected: list[str]) -> None:
    assert sentences(text, lang) == expected
