"""Deterministic made-up events and articles for the page's tests and benchmark (never used by a
real build)."""

from __future__ import annotations

import random

from timeline.models import Article, Event, Source

ACTORS = [
    "Olaf Scholz",
    "Emmanuel Macron",
    "NATO",
    "European Union",
    "Volodymyr Zelensky",
    "Bundestag",
    "Pentagon",
    "Kremlin",
    "Ursula von der Leyen",
    "Mark Rutte",
    "Annalena Baerbock",
    "Boris Pistorius",
]
PLACES = [
    "Berlin",
    "Paris",
    "Kyiv",
    "Brussels",
    "Washington",
    "Moscow",
    "Wiesbaden",
    "Ramstein",
    "Warsaw",
    "Rome",
]
TAGS = [
    "air defence",
    "missiles",
    "diplomacy",
    "sanctions",
    "intelligence",
    "training",
    "budget",
    "elections",
]
WORDS = (
    "missile delivery coalition talks resolution parliament leak investigation summit aid "
    "package tank drone "
    "ceasefire negotiation sanctions energy grain corridor refugees reconstruction treaty "
    "ministers vote"
).split()


def synthetic(n: int, articles: int = 50, seed: int = 7) -> tuple[list[Event], list[Article]]:
    """`n` events over 1990–2025 with every precision, ranges, undated ones and facets;
    `articles` articles."""
    rng = random.Random(seed)
    arts = [
        Article(
            path=f"synthetic/{i:04d}.txt",
            title=f"Synthetic article {i}",
            text=_article_text(rng, i),
            lang="de" if i % 5 == 0 else "en",
            source=f"Outlet {i % 7}",
        )
        for i in range(articles)
    ]
    events = []
    for i in range(n):
        art = arts[i % articles]
        date, end, precision = _date(rng)
        quote = " ".join(rng.choice(WORDS) for _ in range(12)).capitalize() + "."
        title = " ".join(rng.choice(WORDS) for _ in range(rng.randint(3, 7))).capitalize()
        events.append(
            Event(
                id=f"ev-{i:06d}",
                date=date,
                date_end=end,
                precision=precision,
                title=title,
                text=quote + " " + " ".join(rng.choice(WORDS) for _ in range(20)) + ".",
                sources=(Source(article=art.path, quote=quote, start=0, end=10, date_text=date),),
                date_text=date,
                actors=tuple(sorted(set(rng.sample(ACTORS, rng.randint(0, 3))))),
                places=tuple(sorted(set(rng.sample(PLACES, rng.randint(0, 2))))),
                tags=tuple(sorted(set(rng.sample(TAGS, rng.randint(0, 2))))),
                salience=round(rng.random(), 3),
                confidence=0.5,
                lang=art.lang,
            )
        )
    return events, arts


def _date(rng: random.Random) -> tuple[str | None, str | None, str | None]:
    year, month, day = rng.randint(1990, 2025), rng.randint(1, 12), rng.randint(1, 28)
    kind = rng.random()
    if kind < 0.02:
        return None, None, None
    if kind < 0.70:
        return f"{year}-{month:02d}-{day:02d}", None, "day"
    if kind < 0.80:
        return f"{year}-{month:02d}", None, "month"
    if kind < 0.86:
        return f"{year}-W{rng.randint(1, 52):02d}", None, "week"
    if kind < 0.92:
        return f"{year}", None, "year"
    end_day = min(28, day + rng.randint(1, 20))
    return f"{year}-{month:02d}-{day:02d}", f"{year}-{month:02d}-{end_day:02d}", "day"


def _article_text(rng: random.Random, i: int) -> str:
    return f"Synthetic article {i}\n" + "\n".join(
        " ".join(rng.choice(WORDS) for _ in range(30)) for _ in range(5)
    )


def tricky() -> tuple[list[Event], list[Article]]:
    """A handful of events covering every precision and every escaping hazard, for the page's
    tests."""
    a = Article(
        path="a/001.md",
        title="Leak <probe> & “call”",
        text="The call leaked on 3 March 2024.\nMore text.",
        lang="en",
        published="2024-03-03",
        source="Example Post",
    )
    b = Article(path="b/002.txt", title="Undated piece", text="Allies meet on Thursday.", lang="de")
    q = "</script><script>alert(1)</script> \u2028 & <b>"
    ev = [
        Event(
            id="ev-day",
            date="2024-03-03",
            precision="day",
            title="Investigation launched",
            text="Prosecutors open a probe.",
            sources=(
                Source(
                    "a/001.md",
                    "The call leaked on 3 March 2024.",
                    0,
                    33,
                    "3 March 2024",
                    "2024-03-03",
                ),
            ),
            date_text="3 March 2024",
            actors=("Bundeswehr", "Olaf Scholz"),
            places=("Berlin",),
            tags=("intelligence",),
            salience=0.9,
            lang="en",
        ),
        Event(
            id="ev-month",
            date="2024-02",
            precision="month",
            title="February talks",
            text="Talks through February.",
            sources=(Source("a/001.md", "More text.", 34, 44),),
            date_text="in February",
            places=("Paris",),
            tags=("diplomacy",),
            salience=0.4,
        ),
        Event(
            id="ev-week",
            date="2024-W08",
            precision="week",
            title="A week of votes",
            text="Votes all week.",
            sources=(Source("a/001.md", "More text.", 34, 44),),
            date_text="last week",
            salience=0.2,
        ),
        Event(
            id="ev-range",
            date="2024-03-10",
            date_end="2024-03-20",
            precision="day",
            title="Ten days of exercises",
            text="Exercises ran for ten days.",
            sources=(Source("a/001.md", "More text.", 34, 44),),
            date_text="10 to 20 March",
            tags=("training",),
            salience=0.5,
        ),
        Event(
            id="ev-year",
            date="1998",
            precision="year",
            title="A year long ago",
            text="Back in 1998.",
            sources=(Source("a/001.md", "More text.", 34, 44),),
            date_text="1998",
            salience=0.1,
        ),
        Event(
            id="ev-xss",
            date="2024-12-31",
            precision="day",
            title=q,
            text=q,
            sources=(Source("a/001.md", q, 0, 5),),
            actors=(q,),
            tags=(q,),
            salience=0.3,
        ),
        Event(
            id="ev-undated",
            date=None,
            precision=None,
            title="Allies meet on Thursday",
            text="Kyiv's allies meet.",
            sources=(Source("b/002.txt", "Allies meet on Thursday.", 0, 24, "Thursday"),),
            date_text="Thursday",
            actors=("Germany",),
            places=("Paris",),
            lang="de",
        ),
    ]
    return ev, [a, b]


def story(
    n: int = 400, seed: int = 11, words: tuple[int, int] = (3, 8)
) -> tuple[list[Event], list[Article]]:
    """A news story as the page meets it: ``n`` events in April–September 2010, the salient ones
    early, plus the bad input real articles give: stray dates (a misread "1400", "the 21st
    century", a year 2050, year 1), 300 events on one day, a 500-character title, a right-to-left
    title and a weekend value. Titles have ``words`` words (a real story's headlines: (6, 15),
    25 to 130 characters)."""
    rng = random.Random(seed)
    arts = [
        Article(
            path=f"story/{i:03d}.md",
            title=f"Oil spill report {i}",
            text="Text. " * 20,
            lang="en",
            source=("The Guardian", "BBC News", "Reuters")[i % 3],
            published="2010-05-01",
        )
        for i in range(30)
    ]
    first = 14719  # 20 April 2010 in epoch days
    dated: list[tuple[str, float, str]] = []
    for _ in range(n):
        day = first + int(abs(rng.gauss(0, 45))) % 150
        value = _iso(day)
        dated.append(
            (
                value,
                max(0.05, 0.9 - (day - first) / 200 + rng.uniform(-0.2, 0.2)),
                " ".join(rng.choice(WORDS) for _ in range(rng.randint(*words))).capitalize(),
            )
        )
    dated += [(_iso(first + 30), 0.1, f"Crowded day report {k}") for k in range(300)]
    dated += [
        ("1400", 0.3, "Misread 1400 BST"),
        ("20", 0.3, "The 21st century"),
        ("2050", 0.2, "Targets for 2050"),
        ("0001", 0.1, "Year one"),
        ("2010-W16-WE", 0.5, "Weekend of the explosion"),
        (_iso(first + 3), 0.6, "Long title " + "very " * 96 + "long"),
        (_iso(first + 5), 0.6, "تسرب النفط في خليج المكسيك"),
    ]
    events = []
    for i, (value, salience, title) in enumerate(dated):
        art = arts[i % len(arts)]
        events.append(
            Event(
                id=f"ev-s{i:04d}",
                date=value,
                precision="day",
                title=title,
                text=title + ".",
                sources=(Source(article=art.path, quote=title + ".", start=0, end=5),),
                salience=round(salience, 3),
            )
        )
    return events, arts


def _iso(epoch_day: int) -> str:
    import datetime as dt

    return (dt.date(1970, 1, 1) + dt.timedelta(days=epoch_day)).isoformat()
