"""Salience: evidence → a 0..1 score; date-reference counting; the summary timeline of N dates."""

from __future__ import annotations

from timeline.events.salience import Reference, date_scores, score_salience, top_dates
from timeline.models import Event, Source


def event(
    eid: str,
    date: str | None,
    sources: list[tuple[str, int, str | None, str | None]],
    precision: str = "day",
) -> Event:
    srcs = tuple(
        Source(article, "quote", start, start + 5, date_text, published)
        for article, start, date_text, published in sources
    )
    return Event(
        id=eid,
        date=date,
        precision=precision if date else None,
        title=eid,
        text="quote",
        sources=srcs,
        date_source="explicit" if any(s.date_text for s in srcs) else "publication",
    )


def test_later_references_count_more_than_publication_volume() -> None:
    refs = [
        Reference("a", "2010-04-25", "2010-04-20"),
        Reference("b", "2010-05-01", "2010-04-20"),
        Reference("c", "2010-04-22", None),
        Reference("d", "2010-04-22", None),
        Reference("e", "2010-04-22", None),
    ]
    scores = date_scores(refs)
    assert scores["2010-04-20"] > scores["2010-04-22"] > 0
    # two later articles, more than one each since made days later
    assert scores["2010-04-20"] > 2.0


def test_repeated_references_from_one_article_count_once() -> None:
    one = Reference("a", "2010-04-25", "2010-04-20")
    assert date_scores([one] * 5)["2010-04-20"] == date_scores([one])["2010-04-20"]


def test_a_reference_made_later_weighs_more() -> None:
    soon = date_scores([Reference("a", "2010-04-21", "2010-04-20")])["2010-04-20"]
    weeks = date_scores([Reference("a", "2010-05-20", "2010-04-20")])["2010-04-20"]
    same_day = date_scores([Reference("a", "2010-04-20", "2010-04-20")])["2010-04-20"]
    assert weeks > soon > same_day


def test_score_salience_ranks_well_supported_precise_events_first() -> None:
    big = event(
        "big",
        "2010-04-20",
        [
            ("a", 0, "April 20", "2010-04-21"),
            ("b", 100, "April 20", "2010-04-22"),
            ("c", 50, "20 April", "2010-05-01"),
        ],
    )
    small = event("small", "2010-04-22", [("d", 4000, None, "2010-04-22")])
    vague = event("vague", "2010", [("e", 0, "2010", "2010-06-01")], precision="year")
    undated = event("undated", None, [("f", 0, None, None)])
    scored = score_salience([small, big, vague, undated])
    assert [e.id for e in scored] == ["small", "big", "vague", "undated"]  # order kept
    by_id = {e.id: e.salience for e in scored}
    assert all(0.0 <= s <= 1.0 for s in by_id.values())
    assert by_id["big"] > by_id["small"] and by_id["big"] > by_id["vague"] > by_id["undated"]


def test_score_salience_counts_distinct_outlets() -> None:
    two = event(
        "two",
        "2010-04-20",
        [("a", 0, "April 20", "2010-04-21"), ("b", 0, "April 20", "2010-04-21")],
    )
    same = score_salience([two], outlets={"a": "BBC", "b": "BBC"})[0].salience
    different = score_salience([two], outlets={"a": "BBC", "b": "Reuters"})[0].salience
    assert different >= same


def test_empty_input() -> None:
    assert score_salience([]) == []


def test_top_dates_keeps_events_of_the_n_best_dates() -> None:
    events = score_salience(
        [
            event(
                "a1",
                "2010-04-20",
                [("a", 0, "April 20", "2010-04-21"), ("b", 0, "April 20", "2010-04-25")],
            ),
            event("a2", "2010-04-20", [("c", 0, "April 20", "2010-04-30")]),
            event("b1", "2010-04-22", [("d", 3000, None, "2010-04-22")]),
            event("u", None, [("e", 0, None, None)]),
        ]
    )
    assert [e.id for e in top_dates(events, 1)] == ["a1", "a2"]
    # undated events are not in a summary
    assert {e.id for e in top_dates(events, 5)} == {"a1", "a2", "b1"}
    assert top_dates(events, 0) == events
