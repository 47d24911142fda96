"""What can be checked about published events without a person reading them (docs/judging.md):
junk names, cut titles, page furniture, events per article, and the T17 gold-day recall on real
articles nobody wrote for these tests. The patterns here are written independently of the
extractor's own data, so a rule that stops working there fails here."""

from __future__ import annotations

import random
import re
from pathlib import Path

import pytest

from timeline import temporal
from timeline.events import extract_events
from timeline.events.happenings import is_weak
from timeline.events.lexicon import lexicon
from timeline.events.merge import merge_mentions
from timeline.models import Article, Event
from timeline.tls.corpus import load_topic
from timeline.tls.recall import gold_day_recall

T17 = Path(__file__).resolve().parents[2] / "shared" / "tls" / "t17"
TOPICS = ("haiti_bbc", "bpoil_guardian")

CALENDAR = re.compile(
    r"\b(?:Mon|Tue|Tues|Wed|Thu|Thur|Thurs|Fri|Sat|Sun|Monday|Tuesday|Wednesday|Thursday|Friday|"
    r"Saturday|Sunday|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|January|February|June|July|"
    r"August|September|October|November|December)\b"
)
MEDIA = {
    "AFP",
    "Reuters",
    "Associated Press",
    "BBC",
    "CNN",
    "The Guardian",
    "Guardian",
    "BBC News",
    "World Service",
}
FURNITURE = re.compile(
    r"photograph\s*:|\b\d{1,2}\.\d{2} (?:BST|GMT)\b|reporting by|sign up|newsletter|"
    r"all rights reserved|click here|share this|live coverage",
    re.IGNORECASE,
)
PRONOUNS = {"he", "she", "it", "they", "we", "i", "you", "there", "this", "these"}
ENDINGS = {
    "the",
    "a",
    "an",
    "of",
    "to",
    "in",
    "on",
    "at",
    "for",
    "with",
    "by",
    "from",
    "and",
    "or",
    "but",
    "its",
    "their",
    "his",
    "that",
    "said",
    "says",
    "told",
}
LEADING_TIME = re.compile(
    r"^(?:on (?:mon|tues|wednes|thurs|fri|satur|sun)day|on \d|last (?:week|month|night|year)|"
    r"yesterday|today|earlier (?:this|on|today)|late on|early on|in the (?:morning|evening))\b",
    re.IGNORECASE,
)


COUNTRIES = {canonical for canonical, kind in lexicon("en").names.values() if kind == "country"}


def build(topic: str, count: int = 40, seed: int = 13) -> tuple[list[Article], list[Event]]:
    folder = T17 / topic
    if not folder.is_dir():
        pytest.skip(f"{folder} not here (the shared Timeline17 data)")
    articles = sorted(load_topic(folder).articles(lang="en"), key=lambda a: a.path)
    chosen = random.Random(seed).sample(articles, min(count, len(articles)))
    mentions = [
        m for a in chosen for m in extract_events(a, temporal.tag(a.text, a.lang, a.published))
    ]
    return chosen, merge_mentions(mentions).events


@pytest.fixture(scope="module", params=TOPICS)
def topic_events(request: pytest.FixtureRequest) -> tuple[str, list[Article], list[Event]]:
    articles, events = build(request.param)
    return request.param, articles, events


def test_names_hold_no_junk(topic_events: tuple[str, list[Article], list[Event]]) -> None:
    _, _, events = topic_events
    for e in events:
        assert not [a for a in e.actors if CALENDAR.search(a)], (e.actors, e.text)
        assert not set(e.actors) & MEDIA, (e.actors, e.text)
        assert not [p for p in e.places if CALENDAR.search(p)], (e.places, e.text)
        # a country that acts ("Russia has demanded …") is an actor and a place; a city or a region
        # never acts
        assert not [a for a in e.actors if a in e.places and a not in COUNTRIES], (
            e.actors,
            e.places,
            e.text,
        )


def test_titles_are_headlines(topic_events: tuple[str, list[Article], list[Event]]) -> None:
    _, _, events = topic_events
    for e in events:
        body = e.title.split(": ", 1)[1] if re.match(r"^[^:“\"]{2,60}: ", e.title) else e.title
        words = re.findall(r"[\w’'\-]+", body)
        assert e.title[0] not in '“"«', e.title  # a quote with no speaker
        # "X: “I know …”" and "X: It would take a decade …" are fine, "X: He had been …" is not
        pronouns = {"he", "she", "they"} if body != e.title else PRONOUNS
        assert words and (body[0] in '“"«' or words[0].lower() not in pronouns), e.title
        assert words[-1].lower() not in ENDINGS, e.title
        assert not LEADING_TIME.match(body), e.title
        assert not re.search(r"\d$", e.title) or not re.search(
            re.escape(words[-1]) + r",\d{3}", e.text
        ), e.title


def test_no_furniture(topic_events: tuple[str, list[Article], list[Event]]) -> None:
    _, _, events = topic_events
    assert not [e.text for e in events if FURNITURE.search(e.text)]


def test_a_few_events_per_article(topic_events: tuple[str, list[Article], list[Event]]) -> None:
    """About 15 a article before issue #13; an editor wants the few happenings in each."""
    _, articles, events = topic_events
    assert len(events) / len(articles) <= 8


# Measured on these 40 articles (seed 13) when the check was written; a change that loses the gold
# days' happenings fails it. The full-topic figures are in docs/judging.md.
RECALL_FLOOR = {"haiti_bbc": 0.7, "bpoil_guardian": 0.12}


def test_t17_gold_day_recall(topic_events: tuple[str, list[Article], list[Event]]) -> None:
    topic, _, events = topic_events
    rows = [{"date": e.date, "text": e.text} for e in events]
    recall = gold_day_recall(rows, load_topic(T17 / topic).gold)
    assert min(recall.values()) >= RECALL_FLOOR[topic], recall


def test_gold_day_recall_needs_key_words() -> None:
    from datetime import date

    gold = {"t": {date(2010, 1, 12): ["A magnitude 7 earthquake hit Haiti near Port-au-Prince ."]}}
    other = [{"date": "2010-01-12", "text": "Share prices fell in London."}] * 30
    found = [
        {"date": "2010-01-12", "text": "The magnitude 7 earthquake struck near Port-au-Prince."}
    ]
    assert gold_day_recall(other, gold) == {"t": 0.0}
    assert gold_day_recall(other + found, gold) == {"t": 1.0}
    assert gold_day_recall([{"date": "2010-01-13", "text": found[0]["text"]}], gold) == {"t": 0.0}


# ── bad input: no events or a clear note, never junk, never a crash
# ─────────────────────────────────


def _events(text: str, lang: str = "en") -> list[Event]:
    article = Article(
        path="x.txt",
        title="Headline",
        text="Headline\n" + text,
        lang=lang,
        published="2024-05-06",
        body_start=9,
    )
    known = lang in temporal.available_languages()
    return [
        e
        for e in extract_events(
            article, temporal.tag(article.text, lang, article.published) if known else []
        )
        if not is_weak(e)
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Photograph: Joe Raedle/Getty Images\nSign up to our daily newsletter.\nShare this "
        "article on Facebook.\n"
        "Reporting by Jane Doe; Editing by John Smith\nAll rights reserved.\n",
        "Sunday 30 May 2010 19.56 BST Fire boat crews battle the blazing remnants of the rig. "
        "Photograph: Gerald Herbert/AP\n",
        "“We will not give up.”\n“It is a nightmare,” he said.\n“They need to know,” she added.\n",
        "10,000. 2,500; 3.5 %\n1,234,567 - 89\n12 34 56 78.\n",
    ],
)
def test_all_furniture_quotes_or_numbers_give_nothing(text: str) -> None:
    assert _events(text) == []


def test_a_language_without_resources_gives_no_junk() -> None:
    events = _events(
        "Президент подписал указ в понедельник. Правительство объявило о новых мерах.", lang="ru"
    )
    for e in events:
        assert e.title and e.title[0] not in '“"', e.title


def test_undated_past_happening_gets_a_span_before_publication() -> None:
    [event] = _events("Hundreds of buildings collapsed in Port-au-Prince after the earthquake.")
    assert (event.date, event.date_end, event.date_source) == (
        "2024-04-30",
        "2024-05-06",
        "publication",
    )
    [now] = _events("The UN says 130,000 people have now moved out of Port-au-Prince.")
    assert (now.date, now.date_end) == ("2024-05-06", None)
    [dated] = _events(
        "On Friday, rescuers pulled a man from the ruins of the Napoli Inn Hotel in Port-au-Prince."
    )
    assert (dated.date, dated.date_end, dated.date_source) == ("2024-05-03", None, "explicit")


def test_cut_titles_are_completed_or_dropped() -> None:
    [event] = _events(
        "Chancellor Olaf Scholz described the call leak as “very serious,” pledging an "
        "investigation."
    )
    assert event.title == "Olaf Scholz described the call leak as “very serious”"
    [number] = _events(
        "Officials at the UN say between 100 and 150 people from its 9,000-strong mission are "
        "missing."
    )
    assert "9,000" in number.title or not number.title.endswith("9")


def test_different_figures_stay_apart() -> None:
    def mention(path: str, text: str) -> Event:
        article = Article(
            path=path, title="T", text="T\n" + text, lang="en", published="2010-01-20", body_start=2
        )
        [m] = extract_events(article, temporal.tag(article.text, "en", "2010-01-20"))
        return m

    a = mention(
        "a.txt", "Haitian officials said the death toll from the earthquake had risen to 75,000."
    )
    b = mention(
        "b.txt", "Haitian officials said the death toll from the earthquake had risen to 150,000."
    )
    c = mention(
        "c.txt",
        "Haitian officials said the death toll from the earthquake had risen to 75,000 people.",
    )
    events = merge_mentions([a, b, c]).events
    assert len(events) == 2
    assert sorted(len(e.sources) for e in events) == [1, 2]


def test_a_report_repeated_in_later_articles_is_one_event() -> None:
    def mention(path: str, published: str) -> Event:
        text = "T\nOfficials at the UN say 150 people from its 9,000-strong mission are missing.\n"
        article = Article(
            path=path, title="T", text=text, lang="en", published=published, body_start=2
        )
        [m] = extract_events(article, temporal.tag(article.text, "en", published))
        return m

    first, repeat, much_later = (
        mention("a.txt", "2010-01-14"),
        mention("b.txt", "2010-01-24"),
        mention("c.txt", "2010-03-01"),
    )
    events = merge_mentions([first, repeat, much_later]).events
    assert sorted(len(e.sources) for e in events) == [1, 2]
    merged = next(e for e in events if len(e.sources) == 2)
    assert merged.date == first.date  # the first report dates it: the repeat is later copy


@pytest.mark.parametrize(
    ("sentence", "title"),
    [
        # a title never stops where its phrase waits for what follows: "to" and an infinitive,
        # "that" and a clause, an adverb such as "also", "as many as" and its number
        (
            "Officials said Thursday was the first day they had failed to pull anyone out alive "
            "and the operation had turned into a relief rather than a rescue mission.",
            "Officials said Thursday was the first day they had failed to pull anyone out alive",
        ),
        (
            "Haitian officials said the death toll from the quake was likely to be between "
            "100,000 and 200,000, and that 75,000 bodies had already been buried.",
            "Haitian officials said the death toll from the quake was likely to be between "
            "100,000 and 200,000",
        ),
        (
            "The earthquake in Haiti has left as many as 50,000-100,000 people dead.",
            "The earthquake in Haiti has left as many as 50,000-100,000 people dead",
        ),
        (
            "A Red Cross spokesman said it was also including advice leaflets on how to minimize "
            "risks while cooking.",
            "A Red Cross spokesman said it was also including advice leaflets on how to minimize "
            "risks",
        ),
        (
            "Simon Cowell wants as many artists as possible to take part in the single for Haiti.",
            "Simon Cowell wants as many artists as possible to take part in the single for Haiti",
        ),
        # a list of names goes on through its commas
        (
            "Politicians in Mississippi had invited BP, Transocean and Halliburton to appear at a "
            "hearing at the state capital this week, but the three companies declined.",
            "Politicians in Mississippi had invited BP, Transocean and Halliburton to appear at a "
            "hearing at the state capital this week",
        ),
        # a verb that is part of the news stays before its clause
        (
            "The company hopes that President Obama's statement, following the meeting with BP, "
            "will draw back from the demand.",
            "The company hopes President Obama's statement will draw back from the demand",
        ),
        # a quotation's speaker is who is named after it, never a medium told it; a quotation
        # opening with "If …," is headed by its main clause
        (
            '"I can just tell you that the Halliburton hands were scratching their heads," said '
            "Tony Buzbee, whose clients include one of the Halliburton crew members.",
            "Tony Buzbee: “I can just tell you that the Halliburton hands were scratching their "
            "heads”",
        ),
        (
            '"We have to reflect about a better instrument," European Council President Herman '
            "Van Rompuy said.",
            "Herman Van Rompuy: “We have to reflect about a better instrument”",
        ),
        (
            '"If the citizens of Haiti will just remain in place and remain calm, help is on the '
            'way," Gen Douglas Fraser pledges.',
            "Douglas Fraser: “Help is on the way”",
        ),
        # capitalised words are names, not verbs: the subject runs to the verb
        (
            "Red Cross and ActionAid have begun talks on how they can work together.",
            "Red Cross and ActionAid have begun talks on how they can work together",
        ),
        (
            "UN Secretary General Ban Ki-moon is due to arrive in Haiti on Sunday.",
            "Ban Ki-moon is due to arrive in Haiti on Sunday",
        ),
    ],
)
def test_titles_end_where_their_phrase_ends(sentence: str, title: str) -> None:
    [event] = _events(sentence)
    assert event.title == title


@pytest.mark.parametrize(
    "sentence",
    [
        '"We were forced to buy a saw," a resident of Cite Soleil told Reuters.',
        "Emergency teams say the city is still.",
    ],
)
def test_no_speaker_and_no_end_give_no_event(sentence: str) -> None:
    assert [e.title for e in _events(sentence)] == []


def test_a_live_page_stamp_is_no_year() -> None:
    text = (
        "1150 The UN says the main prison in Port-au-Prince has collapsed.\n\n"
        'Mr Ban plans to visit Haiti "very soon" 1612 President Rene Preval asked Barack Obama '
        "to pass on a message to the American people.\n\n"
        "Haiti's Prime Minister says more than 100,000 people may have been killed 2050 Haiti's "
        "President, Rene Preval, tells CNN he has heard that 30,000 people were killed.\n\n"
        "In 2004 Brazil took charge of the Minustah operation.\n"
    )
    dates = {e.date for e in _events(text)}
    assert "2004" in dates and not dates - {"2004"} - {d for d in dates if d.startswith("2024")}


@pytest.mark.parametrize(
    "sentence",
    [
        "Haiti is very small so everybody knows everybody else, I hope this will help "
        "Port-au-Prince.",
        "My brother Mark did manage to travel from Leogane to Port-au-Prince in search of food.",
        "Has the White House had an advance look at the BP report?",
        # the end of a quotation begun in the sentence before: whose words?
        'Lots of people go to Haiti anxious to show solidarity," he said on Sunday.',
    ],
)
def test_comments_diaries_and_questions_are_no_events(sentence: str) -> None:
    assert [e.title for e in _events(sentence)] == []


def test_a_numeral_after_a_name_is_no_first_person() -> None:
    [event] = _events("Keir Starmer on Monday opened a museum of World War I in London.")
    assert event.title.startswith("Keir Starmer")


HISTORY = {
    "en": (
        "On 1 September 1939 Germany invaded Poland from the west.\n\n"
        "Britain and France declared war on Germany on 3 September 1939.\n\n"
        "The Soviet Union invaded Poland from the east on 17 September 1939.\n\n"
        "Warsaw surrendered to the German army after a long siege.\n\n"
        "In April 1940 Germany invaded Denmark and Norway.\n\n"
        "The British army left Dunkirk in June 1940.\n\n"
        "Italy declared war on France and Britain soon after.\n"
    ),
    "de": (
        "Am 1. September 1939 überfiel die Wehrmacht Polen.\n\n"
        "Großbritannien und Frankreich erklärten Deutschland am 3. September 1939 den Krieg.\n\n"
        "Am 17. September 1939 marschierte die Rote Armee in Ostpolen ein.\n\n"
        "Warschau kapitulierte nach schweren Luftangriffen vor der Wehrmacht.\n\n"
        "Im April 1940 besetzte die Wehrmacht Dänemark und Norwegen.\n\n"
        "Im Juni 1940 zog die britische Armee bei Dünkirchen ab.\n\n"
        "Italien erklärte Frankreich und Großbritannien daraufhin den Krieg.\n"
    ),
}


@pytest.mark.parametrize("lang", ["en", "de"])
def test_a_history_dates_its_events_in_its_own_time(lang: str) -> None:
    article = Article(
        path=f"history.{lang}.md",
        title="History",
        text="History\n" + HISTORY[lang],
        lang=lang,
        published="2010-05-06",  # the day a Wikipedia history was downloaded: no date of it
        body_start=8,
    )
    events = extract_events(article, temporal.tag(article.text, lang, article.published))
    assert len(events) >= 5
    assert all(e.date and e.date[:4] in ("1939", "1940") for e in events), [
        (e.date, e.title) for e in events
    ]
    undated = [e for e in events if "Warsaw" in e.text or "Warschau" in e.text]
    assert [e.date_source for e in undated] == ["inferred"]


def test_an_expert_quoted_in_a_feature_looking_back_speaks_on_the_day_of_publication() -> None:
    article = Article(
        path="feature.md",
        title="Feature",
        text="Feature\n"
        + HISTORY["en"]
        + "\nMilo Nordyke says the extra depth makes no difference.\n",
        lang="en",
        published="2010-06-10",
        body_start=8,
    )
    events = extract_events(article, temporal.tag(article.text, "en", article.published))
    [said] = [e for e in events if "Nordyke" in e.text]
    assert (said.date, said.date_source) == ("2010-06-10", "publication")
    assert all(e.date[:4] in ("1939", "1940") for e in events if e is not said)


def test_background_years_leave_a_news_story_in_news_time() -> None:
    events = _events(
        "The company was founded in 1985 and listed in 1999.\n\n"
        "The minister resigned from the government of France on Monday.\n\n"
        "Opposition leader Marine Le Pen says new elections are needed in France.\n"
    )
    assert [e.date_source for e in events if "Le Pen" in e.text] == ["publication"]


def test_a_date_inside_a_noun_phrase_dates_nothing() -> None:
    # "BP's 2005 … explosion" names another happening: the investigation is today's news
    [cited] = _events(
        "The Chemical Safety Board published its report on BP's 2005 Texas City refinery explosion."
    )
    assert cited.date_source == "publication"
    # after a preposition of time the date is the clause's, and so it is when the phrase is the
    # sentence's subject
    [dated] = _events("In 2005, 15 workers died in an explosion at BP's Texas refinery.")
    assert dated.date == "2005"
    [subject] = _events("The 20 April explosion killed eleven workers on the BP rig.")
    assert subject.date == "2024-04-20"


def test_a_long_subject_is_shortened_to_its_head_not_to_its_tail() -> None:
    titles = [
        e.title
        for e in _events(
            "The foreign ministers of Germany and France and the head of the European Commission "
            "met in Warsaw on Friday."
        )
    ]
    assert titles == ["The foreign ministers met in Warsaw on Friday"], titles


def test_an_organisation_keeps_the_rest_of_its_name() -> None:
    [event] = _events(
        "The International Organisation for Migration warned on Monday that more permanent "
        "shelter would soon be needed."
    )
    assert event.actors == ("International Organisation for Migration",)


@pytest.mark.parametrize(
    ("sentence", "actor"),
    [
        (
            "The Libyan Investment Authority was advised on Monday to invest in BP shares.",
            "Libyan Investment Authority",
        ),
        (
            "The US Army Corps of Engineers said on Monday the levee held.",
            "US Army Corps of Engineers",
        ),
        ("The Haitian National Police arrested three men on Monday.", "Haitian National Police"),
    ],
)
def test_a_place_before_an_organisation_is_part_of_its_name(sentence: str, actor: str) -> None:
    [event] = _events(sentence)
    assert actor in event.actors and not event.places, (event.actors, event.places)


@pytest.mark.parametrize(
    ("sentence", "places"),
    [
        # whose troops they are is no place of the happening when the sentence names one
        ("A British rescue team with dogs reached Port-au-Prince on Monday.", ("Port-au-Prince",)),
        ("Haitian officials said 15,000 bodies had been collected in Haiti on Monday.", ("Haiti",)),
        # the only country named: the place when it names the state's own organs, else none
        ("The UK government trebled its funding for the response on Monday.", ("United Kingdom",)),
        ("The US Army has been deployed in vast numbers in Haiti on Monday.", ("Haiti",)),
        ("A Brazilian rescue team tried to reach survivors in the rubble on Monday.", ()),
        ("The Americans were held by police in the US illegally on Monday.", ("United States",)),
    ],
)
def test_a_country_as_a_modifier_is_no_place(sentence: str, places: tuple[str, ...]) -> None:
    [event] = _events(sentence)
    assert event.places == places


@pytest.mark.parametrize(
    "sentence",
    [
        "Brazil's leadership of the UN mission has been difficult, amid continuing gang violence.",
        "The BP spill has become an embarrassment, possibly damaging the business community.",
    ],
)
def test_a_state_told_with_an_auxiliary_and_a_copula_is_no_event(sentence: str) -> None:
    """ "has been difficult", "has become an embarrassment": a description, as "is happy" is."""
    assert _events(sentence) == []


def test_a_happening_told_with_an_auxiliary_and_a_copula_stays() -> None:
    (event,) = _events("Hedi Annabi has been killed in the collapse of the UN headquarters.")
    assert event.title.startswith("Hedi Annabi has been killed")


@pytest.mark.parametrize(
    "sentence",
    [
        "But BP was not the only company at risk from such an event, he added.",
        "Another such decision was BP's use of fewer-than-advised centralizers, devices that help.",
        "BP and the companies working for it are among the best in the business.",
        "Paris Hilton, Ben Stiller and Lindsay Lohan are among the celebrities urging support.",
    ],
)
def test_a_description_past_an_adverb_a_possessive_or_a_participle_is_no_event(
    sentence: str,
) -> None:
    """ "was not the only …", "was BP's use of …", "the companies working for it are …": the main
    verb is a copula with a noun phrase after it, a description."""
    assert _events(sentence) == []


@pytest.mark.parametrize(
    "sentence",
    [
        "The president may lack authority to enforce some of the measures aimed at BP.",
        "BP could be fined either $5.4bn or $21bn.",
        "The leak might be capped and the environment safer.",
    ],
)
def test_speculation_with_no_one_quoted_is_no_event(sentence: str) -> None:
    assert _events(sentence) == []


@pytest.mark.parametrize(
    ("sentence", "title"),
    [
        ("Rescuers could not reach the village on Tuesday.", "Rescuers could not reach"),
        ("Thad Allen said engineers might reopen the seal.", "Thad Allen said engineers might"),
        ("Ships carrying aid are due to arrive in Port-au-Prince on Friday.", "Ships carrying"),
        (
            "Hundreds of people are still trapped, the UN said on Friday.",
            "Hundreds of people are still",
        ),
        ("Before BP could test it the government intervened on Friday.", "Before BP could"),
    ],
)
def test_a_negated_quoted_or_subordinate_modal_and_a_state_of_affairs_stay(
    sentence: str, title: str
) -> None:
    (event,) = _events(sentence)
    assert event.title.startswith(title)


def test_a_title_cut_after_a_dropped_apposition_is_completed() -> None:
    (event,) = _events(
        "President Barack Obama, whose approval ratings were hurt by the spill, welcomed an "
        '"important milestone" on Friday.'
    )
    assert event.title.startswith('Barack Obama welcomed an "important milestone"')


def test_a_reported_clause_cut_before_its_verb_is_no_title() -> None:
    events = _events(
        "The White House's energy tsar, Carol Browner, warned that the giant, rapidly expanding "
        'oil slick was "probably the biggest environmental disaster we have ever faced".'
    )
    assert all(not e.title.endswith("the giant") for e in events)


def test_a_date_inside_a_named_noun_phrase_dates_nothing() -> None:
    """ "the Indian Ocean 2004 tsunami": the year names another happening, as in "the 2004
    tsunami"."""
    events = _events(
        "The University of Ulster expert led the analysis of the quake that started the Indian "
        "Ocean 2004 tsunami."
    )
    assert events and all(not (e.date or "").startswith("2004") for e in events)


def test_a_date_inside_a_quotation_does_not_date_the_statement() -> None:
    """ "here today, tomorrow": what is said, not when it was said (published 2024-05-06)."""
    (event,) = _events(
        'Hillary Clinton told Haitians that the US would be "here today, tomorrow and for the '
        'time ahead".'
    )
    assert event.date == "2024-05-06"


def test_a_statement_is_never_dated_after_its_report() -> None:
    text = (
        "European Union ministers will hold talks in Brussels on Thursday. "
        "UN Secretary General Ban Ki-moon says the UN has lost many staff in Haiti.\n"
    )
    statements = [e for e in _events(text) if "Ban" in e.title]
    assert statements and all((e.date or "")[:10] <= "2024-05-06" for e in statements)


@pytest.mark.parametrize(
    "sentence",
    [
        "BP had been making monthly payouts to the fishermen of Louisiana.",
        "Hillary Clinton had been scheduled to visit Papua New Guinea and Australia.",
        "The company had provided $15m to encourage tourism in Louisiana.",
    ],
)
def test_the_past_before_the_story_with_no_date_is_background(sentence: str) -> None:
    assert _events(sentence) == []


@pytest.mark.parametrize(
    ("sentence", "title"),
    [
        # its own date: a happening of the story's past, on the timeline
        ("By 20 April BP had drilled the well to 18,000 feet.", "BP had drilled the well"),
        # a statement made now about the past
        (
            "Defence minister Boris Pistorius said the company had failed to act.",
            "Boris Pistorius said the company had failed to act",
        ),
        (
            "Boris Pistorius said that Rheinmetall had failed to deliver the tanks.",
            "Boris Pistorius: Rheinmetall had failed",
        ),
        # "had" as a verb of its own, no past perfect
        ("BP had a record profit in the first quarter of 2010.", "BP had a record profit"),
    ],
)
def test_a_past_perfect_is_kept_when_dated_or_reported(sentence: str, title: str) -> None:
    assert any(title in e.title for e in _events(sentence)), [e.title for e in _events(sentence)]


@pytest.mark.parametrize(
    ("lang", "sentence"),
    [
        (
            "en",
            "Our US environment correspondent, Suzanne Goldenberg, has been speaking to Alfred "
            "Sunsen, the owner of an oyster company in New Orleans, on Monday.",
        ),
        (
            "de",
            "Unser Korrespondent in Kiew, Max Mustermann, hat am Montag mit Soldaten gesprochen.",
        ),
        (
            "es",
            "Nuestro corresponsal en Kiev, Juan Pérez, habló el lunes con soldados en el frente.",
        ),
        ("fr", "Notre correspondant à Kiev, Jean Dupont, a parlé lundi avec des soldats au front."),
        ("it", "Il nostro corrispondente a Kiev, Mario Rossi, ha parlato lunedì con i soldati."),
    ],
)
def test_the_outlets_own_staff_at_work_is_no_event(lang: str, sentence: str) -> None:
    assert _events(sentence, lang) == []


def test_the_title_of_a_work_names_no_one() -> None:
    [event] = _events(
        "On Monday Barack Obama released a report entitled “Ending the Spill Now”, drafted by "
        "Ken Salazar, and a study titled Oil Highlights Research and Technology Needs."
    )
    assert event.actors == ("Barack Obama", "Ken Salazar"), event.actors


def test_a_name_in_page_furniture_stands_for_no_later_pronoun() -> None:
    events = _events(
        "BP slows the flow into the Mexican Gulf Small tube is capturing oil Monday 17 May 2010 "
        "22.40 BST Oil barrels stacked up in a yard.\n"
        "He said on Monday that the tube could divert 1,000 barrels a day."
    )
    assert not any("Gulf Small" in e.title or "Gulf Small" in e.actors for e in events), events
