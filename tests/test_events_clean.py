"""Bylines, photo credits and share prompts never become events (patterns in
data/<lang>/clean.yaml)."""

from __future__ import annotations

import pytest

from timeline import temporal
from timeline.events import extract_events
from timeline.events.clean import paragraphs
from timeline.events.lexicon import lexicon
from timeline.models import Article

BOILERPLATE = {
    "en": [
        "By Jane Doe",
        "By Jane Doe and John Smith, Reuters.",
        "By JANE DOE | Berlin",
        "Photo: Reuters/Fabrizio Bensch",
        "Photo credit: AFP via Getty Images.",
        "Image copyright Getty Images",
        "Image caption Chancellor Olaf Scholz met the envoys in Berlin on Monday.",
        "(Photo by Sean Gallup/Getty Images)",
        "German Chancellor Olaf Scholz speaks to the media in Berlin, Germany, March 3, 2024. "
        "REUTERS/Liesa Johannssen",
        "Ukrainian soldiers fire a howitzer near Bakhmut on March 2, 2024. Photo: Anadolu via "
        "Getty Images",
        "Share this article",
        "Share this article on Facebook.",
        "Share on WhatsApp",
        "Click to share on Twitter (Opens in new window)",
        "Follow us on Twitter and Facebook for the latest news from Ukraine.",
        "Follow Jane Doe on X for more reporting from Kyiv.",
        "(Reporting by Andreas Rinke in Berlin; Editing by Toby Chopra and Mark Heinrich)",
        "Additional reporting by Max Hunder in Kyiv; Writing by Matthias Williams; Editing by "
        "Gareth Jones.",
    ],
    "de": [
        "Von Max Mustermann",
        "Von Max Mustermann und Erika Musterfrau, Berlin.",
        "Ein Kommentar von Max Mustermann",
        "Foto: dpa",
        "Foto: picture alliance/dpa | Kay Nietfeld",
        "Bundeskanzler Olaf Scholz spricht am Sonntag im Bundestag in Berlin. Foto: Kay "
        "Nietfeld/dpa",
        "Ukrainische Soldaten feuern am 2. März 2024 bei Bachmut eine Haubitze ab. (Foto: Imago)",
        "Bildquelle: Imago",
        "Artikel teilen",
        "Diesen Artikel teilen:",
        "Auf WhatsApp teilen",
        "Folgen Sie uns auf Twitter und Facebook für die neuesten Nachrichten aus der Ukraine.",
        "Mitarbeit: Erika Musterfrau",
        "Autorin: Erika Musterfrau",
    ],
}

# Sentences that look like the shapes above but report something: they must stay.
NEWS = {
    "en": [
        "By Sunday evening, the Russian army had retreated from two villages near Avdiivka.",
        "Chancellor Olaf Scholz ruled out sending Taurus missiles to Ukraine on Sunday, his "
        "spokesman said.",
        "The Bundestag voted on the aid package for Ukraine on Friday.",
    ],
    "de": [
        "Von Berlin aus koordinierte die Bundesregierung am Montag die Lieferung der "
        "Patriot-Systeme an die Ukraine.",
        "Bundeskanzler Olaf Scholz hat am Sonntag in Berlin eine Lieferung von Taurus-Raketen "
        "an die Ukraine abgelehnt.",
        "Der Bundestag stimmte am Freitag über das Hilfspaket für die Ukraine ab.",
    ],
}


def _article(lang: str, lines: list[str]) -> Article:
    text = "Headline of the report\n" + "\n".join(lines) + "\n"
    return Article(
        path=f"c.{lang}.txt",
        title="Headline of the report",
        text=text,
        lang=lang,
        published="2024-03-04",
        body_start=len("Headline of the report\n"),
    )


@pytest.mark.parametrize("lang", ["en", "de"])
def test_every_boilerplate_line_is_classified_as_such(lang: str) -> None:
    for line in BOILERPLATE[lang]:
        article = _article(lang, [NEWS[lang][1], line, NEWS[lang][2]])
        kinds = [
            (p.kind, article.text[p.start : p.end]) for p in paragraphs(article, lexicon(lang))
        ]
        assert ("boilerplate", line) in kinds, (line, kinds)


@pytest.mark.parametrize("lang", ["en", "de"])
def test_bylines_credits_and_share_prompts_never_become_events(lang: str) -> None:
    lines = [x for pair in zip(NEWS[lang] * 6, BOILERPLATE[lang], strict=False) for x in pair]
    article = _article(lang, lines)
    events = extract_events(article, temporal.tag(article.text, lang, article.published))
    quoted = " ".join(s.quote for e in events for s in e.sources)
    for line in BOILERPLATE[lang]:
        assert line not in quoted
    for marker in (
        "REUTERS/",
        "Getty",
        "/dpa",
        "Foto:",
        "Share",
        "teilen",
        "Follow",
        "Folgen",
        "Reporting by",
        "Mitarbeit",
    ):
        assert marker not in quoted
    for sentence in NEWS[lang]:
        assert any(sentence.startswith(e.text.rstrip(".")) for e in events), sentence


def test_word_lists_hold_no_yaml_booleans() -> None:
    """YAML 1.1 reads a bare on/off/yes/no as a boolean: 'on' was lost from the English intro and
    function words, 'no' from the abbreviations. Every word list of the language data must hold
    strings only."""
    from pathlib import Path

    import yaml

    data = Path(__file__).resolve().parents[1] / "timeline" / "events" / "data"
    for path in sorted(data.glob("*/*.yaml")):
        for key, value in (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).items():
            if isinstance(value, list):
                assert not [w for w in value if isinstance(w, bool)], (path.name, key)


READERS = {
    "en": [
        "Thanks for your comments.",
        "Please read a selection below: the minister was wrong to blame the weather, I think.",
        "Anna Berg, Oslo, Norway The government signed the deal far too late.",
    ],
    "de": [
        "Vielen Dank für Ihre Kommentare.",
        "Die Regierung hat den Vertrag viel zu spät unterschrieben, finde ich.",
    ],
}


@pytest.mark.parametrize("lang", ["en", "de"])
def test_the_readers_comments_after_the_report_are_no_part_of_it(lang: str) -> None:
    """Once the readers' comments begin (a thank-you, "a selection below"), what follows is theirs:
    an opinion in the past tense there would otherwise read as a report."""
    article = _article(lang, [NEWS[lang][1], NEWS[lang][2], *READERS[lang]])
    kinds = [p.kind for p in paragraphs(article, lexicon(lang))]
    assert kinds == ["body", "body"] + ["boilerplate"] * len(READERS[lang]), kinds
    events = extract_events(article, temporal.tag(article.text, lang, article.published))
    quoted = " ".join(s.quote for e in events for s in e.sources)
    assert "zu spät" not in quoted and "too late" not in quoted


def test_reading_a_selection_in_a_report_ends_nothing() -> None:
    article = _article("en", ["The actor read a selection of poems at the funeral.", NEWS["en"][2]])
    assert [p.kind for p in paragraphs(article, lexicon("en"))] == ["body", "body"]


def test_a_blogs_first_reader_comment_begins_the_tail() -> None:
    comments = [
        "At 11:35 am on 18 Jan 2010, Nikolas wrote: The government signed the deal far too late.",
        "The minister resigned on Monday, I am told, and nobody noticed.",
    ]
    article = _article("en", [NEWS["en"][1], NEWS["en"][2], *comments])
    kinds = [p.kind for p in paragraphs(article, lexicon("en"))]
    assert kinds == ["body", "body", "boilerplate", "boilerplate"], kinds
