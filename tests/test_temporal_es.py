"""The Spanish temporal tagger (timeline/temporal/data/es/): sentences, anaphoric days, tense,
and a ratchet on texts about real events annotated by hand (tests/data/es/)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from gold_sets import assert_ratchet  # tests/gold_sets.py (pytest puts tests/ on sys.path)
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from timeline.temporal import precision_of, tag


def _values(text: str, dct: str = "2024-03-03") -> dict[str, str]:
    return {e.text: e.value for e in tag(text, "es", dct)}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("El Parlamento votó el jueves.", {"el jueves": "2024-02-29"}),
        (
            "Las conversaciones se reanudarán la semana que viene.",
            {"la semana que viene": "2024-W10"},
        ),
        ("Hace tres días llegó la noticia.", {"Hace tres días": "2024-02-29"}),
        (
            "La ofensiva comenzó el 24 de febrero de 2022.",
            {"el 24 de febrero de 2022": "2022-02-24"},
        ),
        ("La cumbre se celebrará el 1 de marzo de 2025.", {"el 1 de marzo de 2025": "2025-03-01"}),
        ("La cumbre se celebrará el 12/07/2024.", {"el 12/07/2024": "2024-07-12"}),
        (
            "El martes 12 de enero de 2010 tembló la tierra en Haití.",
            {"El martes 12 de enero de 2010": "2010-01-12"},
        ),
        ("El acuerdo se firmó el 12 de enero.", {"el 12 de enero": "2024-01-12"}),
        ("El acuerdo se firmó el pasado 12 de enero.", {"el pasado 12 de enero": "2024-01-12"}),
        ("La crisis estalló en enero de 2011.", {"enero de 2011": "2011-01"}),
        ("El contrato vence en sept. de 2025.", {"sept. de 2025": "2025-09"}),
        ("Ganó el tercer set. Luego descansó.", {}),
        (
            "El año pasado las ventas cayeron; este año suben.",
            {"El año pasado": "2023", "este año": "2024"},
        ),
        ("El próximo año habrá elecciones.", {"El próximo año": "2025"}),
        ("El mes que viene se aprobará el presupuesto.", {"El mes que viene": "2024-04"}),
        (
            "Hoy y mañana lloverá; ayer hizo sol.",
            {"Hoy": "2024-03-03", "mañana": "2024-03-04", "ayer": "2024-03-02"},
        ),
        ("Esta mañana se reunió el consejo.", {"Esta mañana": "2024-03-03TMO"}),
        ("Anteayer y pasado mañana.", {"Anteayer": "2024-03-01", "pasado mañana": "2024-03-05"}),
        ("Se reunieron ayer por la tarde.", {"ayer por la tarde": "2024-03-02TAF"}),
        ("Se levantó a las ocho de la mañana.", {}),
        ("Eso duró dos semanas.", {"dos semanas": "P2W"}),
        ("Gobernó durante tres años.", {"tres años": "P3Y"}),
        ("Está en el poder desde hace diez años.", {"hace diez años": "2014"}),
        ("La ayuda aumentará cada año.", {"cada año": "P1Y"}),
        ("El mercado abre todos los lunes.", {"todos los lunes": "XXXX-WXX-1"}),
        ("Los precios bajarán dentro de dos semanas.", {"dentro de dos semanas": "2024-W11"}),
        ("Era distinto en el siglo XX.", {"el siglo XX": "19"}),
        ("Durante los años noventa la ciudad creció.", {"los años noventa": "199"}),
        ("Durante la década de 1990 la ciudad creció.", {"la década de 1990": "199"}),
        (
            "La primavera de 2011 fue agitada; la Primavera Árabe cambió la región.",
            {"La primavera de 2011": "2011-SP"},
        ),
        ("Este verano hará calor.", {"Este verano": "2024-SU"}),
        ("La resolución 1973 fue aprobada en marzo.", {"marzo": "2024-03"}),
        ("Murieron 1500 personas.", {}),
        ("El ministro anunciará su decisión el viernes.", {"el viernes": "2024-03-08"}),
        ("El ministro va a anunciar su decisión el viernes.", {"el viernes": "2024-03-08"}),
        ("El ministro anunció su decisión el viernes.", {"el viernes": "2024-03-01"}),
        ("El ministro ha anunciado su decisión el viernes.", {"el viernes": "2024-03-01"}),
        ("El ministro anunciaba su decisión el viernes.", {"el viernes": "2024-03-01"}),
        (
            "Recientemente, actualmente, pronto, en el futuro.",
            {
                "Recientemente": "PAST_REF",
                "actualmente": "PRESENT_REF",
                "pronto": "FUTURE_REF",
                "el futuro": "FUTURE_REF",
            },
        ),
        # no accents
        (
            "La reunion fue el miercoles y el sabado.",  # no accents
            {"el miercoles": "2024-02-28", "el sabado": "2024-03-02"},
        ),
        ("El proximo año habra elecciones.", {"El proximo año": "2025"}),
        ("Ocurrió a finales de marzo de 2020.", {"finales de marzo de 2020": "2020-03"}),
        (
            "El 23 de febrero de 1981 por la tarde, los guardias civiles entraron en el Congreso.",
            {"El 23 de febrero de 1981 por la tarde": "1981-02-23TAF"},
        ),
        # an "ago" or "later" without its number is a stretch of unsaid length (TimeBank-es)
        (
            "El CNE fue acusado hace unos días; hace tres días dimitió.",
            {"hace unos días": "PXD", "hace tres días": "2024-02-29"},
        ),
        ("Fue liberado pocos días después.", {"pocos días después": "PXD"}),
        ("Hacía muchos años que no venía.", {"Hacía muchos años": "PXY"}),
        ("Hacía mucho frío y hace calor.", {}),  # weather, not time
        ("Los pocos amigos y muchos días de lluvia.", {}),
        # universal time carries its zone
        (
            "Aterrizó a las 8.15 hora local (07.15 gmt).",
            {"las 8.15 hora local": "2024-03-03T08:15", "07.15 gmt": "2024-03-03T07:15Z"},
        ),
        ("El código 13.00 GMTX no es un horario.", {}),
        # the first of a month in words; "uno de los", "primero de todo" are no dates
        ("El Primero de Mayo será festivo.", {"El Primero de Mayo": "2024-05-01"}),
        ("Es uno de los días y el primero de todos.", {}),
    ],
)
def test_spanish_sentences(text: str, expected: dict[str, str]) -> None:
    assert _values(text) == expected


def test_spanish_anaphoric_days() -> None:
    text = (
        "Las tropas entraron en la ciudad el 12 de enero de 2011. La víspera, el gobierno había "
        "huido; al día siguiente se levantó el toque de queda."
    )
    assert [(e.text, e.value) for e in tag(text, "es", "2024-03-03")] == [
        ("el 12 de enero de 2011", "2011-01-12"),
        ("La víspera", "2011-01-11"),
        ("al día siguiente", "2011-01-13"),
    ]


def test_spanish_tomorrow_and_morning() -> None:
    """ "mañana" alone is tomorrow; after "esta", "por la", "de la" it is the morning."""
    assert _values("Mañana por la mañana hablará el presidente.") == {
        "Mañana por la mañana": "2024-03-04TMO"
    }
    assert _values("La reunión será mañana.") == {"mañana": "2024-03-04"}
    assert _values("Cada mañana sale a correr.") == {}


# Spanish: texts in news and encyclopedic style about real events (Arab spring 2011, Spanish
# politics, sport, science, history), written for this project and annotated by hand before tagging
# (tests/data/es/).
SPANISH_REAL = sorted((Path(__file__).parent / "data" / "es").glob("real_*.tml"))
SPANISH_REAL_RATCHET = {
    "strict_f1": 98.0,
    "relaxed_f1": 98.0,
    "type_accuracy": 98.5,
    "value_f1": 97.0,
}


def test_spanish_real_text_set() -> None:
    assert_ratchet(SPANISH_REAL, "es", SPANISH_REAL_RATCHET, min_files=12, min_gold=100)


_WORDS = st.sampled_from(
    "el 12 de enero de 2011 , la semana pasada jueves mañana por la tarde hace tres días "
    "dentro de dos "
    "años la víspera día siguiente el siglo XX los años noventa cada año todos los lunes set. "
    "19:50 "
    "desde hace 1.500 personas primavera árabe 99999 - . \n é 日本 \x00".split(" ")
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(words=st.lists(st.one_of(_WORDS, st.text(max_size=6)), max_size=30),
       dct=st.sampled_from([None, "2024-03-03", "1998-02-28T10:00", "2000-12-31"]))  # fmt: skip
def test_spanish_property_spans_and_values(words: list[str], dct: str | None) -> None:
    text = " ".join(words)
    end = 0
    for e in tag(text, "es", dct):
        assert end <= e.start < e.end <= len(text)
        assert text[e.start : e.end] == e.text
        end = e.end
        if e.resolved:
            assert precision_of(e.value) is not None or e.type in ("SET",), e
        else:
            assert dct is None or e.value.startswith("UNDEF"), e


def test_spanish_linear_on_pathological_input() -> None:
    """Catastrophic backtracking would hang, not slow down: a subprocess with a generous timeout."""
    inputs = [
        "'el la de del en a ' * 30_000",  # determiners and prepositions in a row
        "'hace ' * 30_000 + 'la semana ' * 30_000",
        "'12 de ' * 30_000",  # day dates that never get a month
        "'desde hace casi más de ' * 10_000",
        "'1' * 100_000",
    ]
    code = (
        f"from timeline.temporal import tag\nfor t in [{', '.join(inputs)}]:\n    tag(t, 'es', "
        f"'2024-03-03')\n"
    )
    subprocess.run(
        [sys.executable, "-c", code],
        check=True,
        timeout=60,
        cwd=Path(__file__).resolve().parents[1],
    )


def test_spanish_rule_index_gives_the_matches_of_trying_every_rule(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Only the rules that can begin with a word are tried there (firsts.py): same result as all
    of them."""
    from timeline.temporal.resources import Language

    texts = [p.read_text(encoding="utf-8") for p in SPANISH_REAL]
    texts += [
        "el pasado 12 de enero, a mediados de marzo, en el futuro, a diario, todo el día, las "
        "20.30 horas, "
        "los años 80, finales del siglo XIX, el próximo viernes, hasta hoy, cada tres días, "
        "hace años",
    ]
    indexed = [tag(t, "es", "2024-03-03") for t in texts]
    monkeypatch.setattr(
        Language, "rules_starting", lambda self, word: tuple(range(len(self.rules)))
    )
    assert [tag(t, "es", "2024-03-03") for t in texts] == indexed


def test_a_range_gives_its_start_the_year_through_the_article() -> None:
    """ "del 25 de julio al 3 de agosto de 1943": "al" is in the second expression's extent
    (TimeBank-es), and the range joiner still sees it: the first date takes 1943, not the DCT's
    year."""
    found = tag("La ofensiva duró del 25 de julio al 3 de agosto de 1943.", "es", "2024-03-03")
    assert [(e.text, e.value) for e in found] == [
        ("del 25 de julio", "1943-07-25"),
        ("al 3 de agosto de 1943", "1943-08-03"),
    ]
    found = tag("Se celebrará del 7 al 11 de septiembre de 2001.", "es", "2024-03-03")
    assert [(e.text, e.value) for e in found] == [
        ("del 7", "2001-09-07"),
        ("al 11 de septiembre de 2001", "2001-09-11"),
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the unit of the date told about, not of the DCT
        (
            "El atentado fue el 11 de septiembre de 2001. Ese mismo día cerraron los aeropuertos.",
            {"Ese mismo día": "2001-09-11"},
        ),
        ("La ley se aprobó en 1999. Aquel año hubo elecciones.", {"Aquel año": "1999"}),
        (
            "El 20 de noviembre de 2000 votaron y el mismo día dimitió.",
            {"el mismo día": "2000-11-20"},
        ),
        ("Llegó a las 3 de la tarde.", {"las 3 de la tarde": "2024-03-03T15:00"}),
        ("La reunión duró un par de horas.", {"un par de horas": "PT2H"}),
        ("Lo dijo hace un par de meses.", {"hace un par de meses": "2024-01"}),
        ("Es la crisis de un decenio.", {"un decenio": "P10Y"}),
    ],
)
def test_spanish_anaphoric_units_clock_parts_and_pairs(text: str, expected: dict[str, str]) -> None:
    values = _values(text)
    assert {k: values.get(k) for k in expected} == expected
