"""Spanish, French and Italian are read with their own data (timeline/events/data/<lang>/), not
with the English lexicon: statements get a named speaker, a person's title is no part of the
actor, page furniture gives no event, place names map to the English canonical names, and a
text in the language leaves no English-only junk. The sentences are made up for these tests."""

from __future__ import annotations

import re

import pytest
from test_events import events_of  # tests/test_events.py

from timeline.events.clean import paragraphs
from timeline.events.lexicon import FALLBACK, lexicon
from timeline.events.quality import is_furniture
from timeline.models import Article

LANGS = ("es", "fr", "it")

# (sentence, speaker, the title word that must not be part of the speaker's name)
STATEMENTS = {
    "es": [
        (
            "El presidente Ramón Ortega dijo el martes que el Gobierno enviará ayuda humanitaria "
            "a los refugiados.",
            "Ramón Ortega",
            "presidente",
        ),
        (
            "«No aceptaremos ningún ultimátum», afirmó la ministra Lucía Ferrer.",
            "Lucía Ferrer",
            "ministra",
        ),
    ],
    "fr": [
        (
            "Le ministre Paul Durand a déclaré mardi que la France enverra une aide humanitaire "
            "aux réfugiés.",
            "Paul Durand",
            "ministre",
        ),
        (
            "« Nous n'accepterons aucun ultimatum », a affirmé la ministre Claire Moreau.",
            "Claire Moreau",
            "ministre",
        ),
    ],
    "it": [
        (
            "Il premier Marco Bellini ha detto martedì che il governo invierà aiuti umanitari ai "
            "profughi.",
            "Marco Bellini",
            "premier",
        ),
        (
            "«Non accetteremo alcun ultimatum», ha affermato il ministro Giulia Conti.",
            "Giulia Conti",
            "ministro",
        ),
    ],
}


@pytest.mark.parametrize(
    ("lang", "sentence", "speaker", "title_word"),
    [(lang, *case) for lang, cases in STATEMENTS.items() for case in cases],
)
def test_a_statement_names_its_speaker_without_the_title(
    lang: str, sentence: str, speaker: str, title_word: str
) -> None:
    (event,) = events_of(sentence, lang)
    # "Speaker: clause" or "Speaker verb …": the headline says who
    assert event.title.startswith((f"{speaker}: ", f"{speaker} ")), event.title
    assert speaker in event.actors
    assert not any(title_word in actor.lower() for actor in event.actors), event.actors
    # the reported clause is there, not only "X said"
    assert len(event.title.split()) >= 5


# the statement's clause, not the reporting verb: "X: Y will send aid", a statement with its verb
@pytest.mark.parametrize(
    ("lang", "sentence", "title"),
    [
        (
            "es",
            "Ginebra, 6 may (EFE).- Rusia y Turquía firmaron el lunes un acuerdo de alto el fuego.",
            "Rusia y Turquía firmaron el lunes un acuerdo de alto el fuego",
        ),
        (
            "fr",
            "GENÈVE (AFP) - La Russie et la Turquie ont signé lundi un accord de cessez-le-feu.",
            "La Russie et la Turquie ont signé lundi un accord de cessez-le-feu",
        ),
        (
            "it",
            "(ANSA) - GINEVRA, 6 MAG - La Russia e la Turchia hanno firmato lunedì un accordo di "
            "tregua.",
            "La Russia e la Turchia hanno firmato lunedì un accordo di tregua",
        ),
    ],
)
def test_an_agency_dateline_is_no_part_of_the_event(lang: str, sentence: str, title: str) -> None:
    (event,) = events_of(sentence, lang)
    assert event.title == title
    assert not {"EFE", "AFP", "ANSA"} & set(event.actors)
    assert {"Russia", "Turkey"} <= set(event.places)


# what the pages around the news say: subscription and newsletter prompts, related-link teasers,
# photo captions with their credit, comment and account notices
FURNITURE = {
    "es": [
        "Suscríbete a nuestro boletín para recibir cada mañana las noticias de Siria.",
        "Lea también: El Gobierno de España aprueba un nuevo plan de ayuda a los refugiados.",
        "Manifestantes contra el Gobierno en la plaza central de Damasco. | EFE",
        "Por Marta Gil Romero | Beirut",
        "Foto de Ana Gil Romero, CC BY-SA.",
        "Usamos cookies para mejorar la experiencia de los lectores en Siria y en España.",
    ],
    "fr": [
        "Abonnez-vous à notre newsletter pour recevoir chaque matin l'actualité de la Syrie.",
        "Lire aussi : Le gouvernement français adopte un nouveau plan d'aide aux réfugiés.",
        "Des manifestants hostiles au régime sur la place centrale de Damas. (AFP)",
        "Par Julien Marchand (avec AFP)",
        "Photo de Paul Roy, CC BY-NC.",
        "Cet article a été ajouté dans vos favoris : la Syrie reste au cœur de l'actualité.",
    ],
    "it": [
        "Iscriviti alla newsletter per ricevere ogni mattina le notizie dalla Siria.",
        "Leggi anche: Il governo italiano approva un nuovo piano di aiuti ai profughi.",
        "Manifestanti contro il regime nella piazza centrale di Damasco (Ansa)",
        "di Luca Ferraris | Beirut",
        "Foto di Luca Neri, CC BY-SA.",
        "Diventa utente sostenitore: la Siria e il Libano hanno bisogno del nostro racconto.",
    ],
}


@pytest.mark.parametrize(
    ("lang", "line"), [(lang, line) for lang, lines in FURNITURE.items() for line in lines]
)
def test_page_furniture_gives_no_event(lang: str, line: str) -> None:
    assert events_of(line, lang) == []
    # it is dropped as furniture, not by chance: the paragraph is boilerplate or the sentence
    # furniture in the language's data
    lex = lexicon(lang)
    text = f"Titular\n{line}\n"
    article = Article(path="f.txt", title="Titular", text=text, lang=lang, body_start=8)
    (paragraph,) = paragraphs(article, lex)
    assert paragraph.kind == "boilerplate" or is_furniture(line, lex), paragraph.kind


@pytest.mark.parametrize(
    ("lang", "sentence", "places"),
    [
        (
            "es",
            "El Ejército de Siria bombardeó el jueves varios barrios de Alepo, cerca de la "
            "frontera con Turquía, y Estados Unidos condenó el ataque.",
            {"Syria", "Aleppo", "Turkey", "United States"},
        ),
        (
            "fr",
            "L'armée de la Syrie a bombardé jeudi plusieurs quartiers d'Alep, près de la "
            "frontière avec la Turquie, et les États-Unis ont condamné l'attaque.",
            {"Syria", "Aleppo", "Turkey", "United States"},
        ),
        (
            "it",
            "L'esercito della Siria ha bombardato giovedì diversi quartieri di Aleppo, vicino al "
            "confine con la Turchia, e gli Stati Uniti hanno condannato l'attacco.",
            {"Syria", "Aleppo", "Turkey", "United States"},
        ),
    ],
)
def test_place_names_map_to_english_canonical_names(
    lang: str, sentence: str, places: set[str]
) -> None:
    events = events_of(sentence, lang)
    assert events
    assert places <= {p for e in events for p in e.places}
    # the same name from each language merges: nothing left in the language's spelling
    assert not {"Siria", "Syrie", "Alepo", "Alep", "Turquía", "Turquie", "Turchia"} & {
        p for e in events for p in e.places
    }


# A short report in the language: capitalised words that open sentences, weekdays and the
# language's function words must not turn into names, titles must not end on a function word, and
# each sentence that reports something gives its event.
REPORTS = {
    "es": (
        "Las fuerzas del régimen sirio recuperaron el domingo el control de la ciudad de Homs. "
        "Miles de personas huyeron hacia la frontera con el Líbano. "
        "La Liga Árabe condenó el ataque contra el hospital de la ciudad. "
        "Según el Observatorio Sirio de Derechos Humanos, al menos 40 civiles murieron en los "
        "bombardeos."
    ),
    "fr": (
        "Les forces du régime syrien ont repris dimanche le contrôle de la ville de Homs. "
        "Des milliers de personnes ont fui vers la frontière avec le Liban. "
        "La Ligue arabe a condamné l'attaque contre l'hôpital de la ville. "
        "Selon l'Observatoire syrien des droits de l'homme, au moins 40 civils ont été tués dans "
        "les bombardements."
    ),
    "it": (
        "Le forze del regime siriano hanno ripreso domenica il controllo della città di Homs. "
        "Migliaia di persone sono fuggite verso il confine con il Libano. "
        "La Lega Araba ha condannato l'attacco contro l'ospedale della città. "
        "Secondo l'Osservatorio siriano per i diritti umani, almeno 40 civili sono stati uccisi "
        "nei bombardamenti."
    ),
}
KNOWN = {
    "Syria",
    "Homs",
    "Lebanon",
    "Arab League",
    "Syrian Observatory for Human Rights",
}


@pytest.mark.parametrize("lang", LANGS)
def test_a_text_in_the_language_gives_no_english_only_junk(lang: str) -> None:
    lex = lexicon(lang)
    assert lex.lang == lang != FALLBACK  # its own data, not the English fallback
    events = events_of(REPORTS[lang], lang)
    assert len(events) >= 3, [e.title for e in events]
    for event in events:
        names = set(event.actors) | set(event.places)
        assert names <= KNOWN, (event.title, names)
        last = re.findall(r"[\w’'\-]+", event.title)[-1].lower()
        assert last not in lex.function_words, event.title
        first = event.title.split()[0].lower()
        assert first not in lex.leading_conjunctions | lex.subject_pronouns, event.title
    assert "Arab League" in {a for e in events for a in e.actors}


@pytest.mark.parametrize("lang", LANGS)
def test_the_languages_have_the_shape_of_english_and_german(lang: str) -> None:
    """Every data file and key English has (German has no irregular verbs list either)."""
    from timeline.events.lexicon import DATA

    for name in ("language.yaml", "clean.yaml", "gazetteer.yaml", "sentences.yaml", "tags.yaml"):
        english = _keys(DATA / "en" / name)
        own = _keys(DATA / lang / name)
        assert english - own - {"irregular_verbs", "demonyms"} <= set(), (name, english - own)
    assert lexicon(lang).verb_second is False
    assert "«" in lexicon(lang).quote_open and "»" in lexicon(lang).quote_close


def _keys(path) -> set[str]:  # type: ignore[no-untyped-def]
    return {
        m.group(1)
        for m in re.finditer(r"^(\w[\w-]*):", path.read_text(encoding="utf-8"), re.MULTILINE)
    }


@pytest.mark.parametrize(
    ("lang", "sentence"),
    [
        ("es", "La Liga Árabe suspendió a Siria de la organización."),
        ("fr", "La Ligue arabe a suspendu la Syrie de l'organisation."),
        ("it", "La Lega Araba ha sospeso la Siria dall'organizzazione."),
    ],
)
def test_an_undated_past_happening_gets_the_days_before_the_report(
    lang: str, sentence: str
) -> None:
    # the preterite, the passé composé and the passato prossimo tell the past: a span ending on the
    # publication day, never the publication day as if known
    (event,) = events_of(sentence, lang, published="2024-05-06")
    assert (event.date, event.date_end) == ("2024-04-30", "2024-05-06")


@pytest.mark.parametrize(
    ("lang", "sentence", "person"),
    [
        (
            "es",
            "El presidente egipcio Abdel Fattah al-Sisi recibió al enviado de la ONU.",
            "Abdel Fattah al-Sisi",
        ),
        ("fr", "Le régime de Bachar el-Assad a réprimé la révolte à Homs.", "Bachar el-Assad"),
        (
            "it",
            "Il presidente Bashar al-Assad ha incontrato l'inviato dell'Onu.",
            "Bashar al-Assad",
        ),
    ],
)
def test_a_name_keeps_its_joined_particle(lang: str, sentence: str, person: str) -> None:
    (event,) = events_of(sentence, lang)
    assert person in event.actors
    assert not any(a != person and a in person for a in event.actors), event.actors


@pytest.mark.parametrize(
    ("lang", "sentence", "title"),
    [
        (
            "es",
            "El ministro anunció la llegada de tres aviones con ayuda humanitaria y el envío de"
            " medicinas para los heridos del terremoto",
            "El ministro anunció la llegada de tres aviones con ayuda humanitaria",
        ),
        (
            "fr",
            "Le ministre a annoncé l'arrivée de trois avions avec l'aide humanitaire et l'envoi de"
            " médicaments pour les blessés du séisme",
            "Le ministre a annoncé l'arrivée de trois avions avec l'aide humanitaire",
        ),
        (
            "it",
            "Il ministro ha annunciato l'arrivo di tre aerei con aiuti umanitari e l'invio di"
            " medicinali per i feriti del terremoto",
            "Il ministro ha annunciato l'arrivo di tre aerei con aiuti umanitari",
        ),
    ],
)
def test_a_cut_title_goes_back_to_the_languages_own_conjunction(
    lang: str, sentence: str, title: str
) -> None:
    """The conjunctions are data of each language (`conjunctions` in language.yaml), not an
    English and German list in the code: a title cut mid-phrase ends before "y", "et", "e"."""
    from timeline.events.titles import _TOKEN, _finish

    tokens = [(m.group(), m.start(), m.end()) for m in _TOKEN.finditer(sentence)]
    assert _finish(tokens, sentence, lexicon(lang), truncated=True, budget=85) == title
