"""English news values (issue #14): rules a reader of English news resolves the same way, each
case failing without its rule."""

from __future__ import annotations

import pytest

from timeline.temporal import tag


def _values(text: str, dct: str) -> dict[str, str]:
    return {e.text: e.value for e in tag(text, "en", dct)}


@pytest.mark.parametrize(
    ("text", "dct", "expected"),
    [
        # "this September" is this year's, whether still ahead (in a past-tense clause too) or past
        ("The party hoped to win seats in the elections this September.", "1998-06-26",
         {"this September": "1998-09"}),
        ("With the general election due this September, figures matter.", "1998-02-05",
         {"this September": "1998-09"}),
        ("Prices fell sharply this September.", "1998-11-20", {"this September": "1998-09"}),
        ("Prices fell sharply last September.", "1998-06-26", {"last September": "1997-09"}),
        # "year-ago" counts from the moment of writing, as "ago" does, not from the last date told
        ("Last year losses totaled $5 million. The year-ago results were restated.", "1989-10-30",
         {"Last year": "1988", "The year-ago": "1988"}),
        ("Profit rose in the third quarter of 1989. The year-ago period had a charge.",
         "1989-11-01", {"The year-ago period": "1988-Q3"}),
        # a clock time is on the day that follows it, not on the day last told about
        ("It extended its offer until 5 p.m. EST Nov. 9.", "1989-11-02",
         {"5 p.m.": "1989-11-09T17:00", "Nov. 9": "1989-11-09"}),
        ("On Friday it set a deadline of 5 p.m., Nov. 6.", "1989-10-30",
         {"5 p.m.": "1989-11-06T17:00"}),
        ("On Friday it closed at 5 p.m. as usual.", "1989-10-30", {"5 p.m.": "1989-10-27T17:00"}),
        # "this year's third quarter" is one expression: that year's quarter
        ("Net sales for this year's third quarter were $14 million.", "1989-11-01",
         {"this year's third quarter": "1989-Q3"}),
        ("It could be effective as early as next year's first quarter.", "1989-10-31",
         {"next year's first quarter": "1990-Q1"}),
        ("Sales fell in the third quarter of 1989. Sales for last year's quarter were flat.",
         "1989-11-01", {"last year's quarter": "1988-Q3"}),
    ],
)  # fmt: skip
def test_english_news_values(text: str, dct: str, expected: dict[str, str]) -> None:
    values = _values(text, dct)
    assert {k: values.get(k) for k in expected} == expected
