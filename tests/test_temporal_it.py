"""The Italian temporal tagger (timeline/temporal/data/it/): sentences, anaphoric days, and a
ratchet on a set of Italian texts about real events annotated by hand before tagging
(tests/data/it/)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from gold_sets import assert_ratchet  # tests/gold_sets.py (pytest puts tests/ on sys.path)

from timeline.temporal import tag


def _values(text: str, dct: str = "2024-03-03") -> dict[str, str]:
    return {e.text: e.value for e in tag(text, "it", dct)}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Il Parlamento ha votato giovedì.", {"giovedì": "2024-02-29"}),
        ("Il Parlamento ha votato giovedi.", {"giovedi": "2024-02-29"}),
        ("I colloqui riprenderanno la settimana prossima.", {"la settimana prossima": "2024-W10"}),
        ("I colloqui riprenderanno la prossima settimana.", {"la prossima settimana": "2024-W10"}),
        ("Tre giorni fa è arrivata la notizia.", {"Tre giorni fa": "2024-02-29"}),
        ("L'offensiva è cominciata il 24 febbraio 2022.", {"24 febbraio 2022": "2022-02-24"}),
        ("Il vertice si terrà il 1° marzo 2025.", {"1° marzo 2025": "2025-03-01"}),
        ("Il vertice si terrà il 1 marzo 2025.", {"1 marzo 2025": "2025-03-01"}),
        ("Il vertice si terrà il 12/07/2024.", {"12/07/2024": "2024-07-12"}),
        ("Il vertice di martedì 12 marzo è rinviato.", {"martedì 12 marzo": "2024-03-12"}),
        ("La festa dell'8 marzo e quella dell’8 marzo.", {"8 marzo": "2024-03-08"}),
        ("Lo scandalo è esploso a gennaio 2011.", {"gennaio 2011": "2011-01"}),
        (
            "Le proteste erano cominciate lo scorso 12 gennaio.",
            {"lo scorso 12 gennaio": "2024-01-12"},
        ),
        ("L'anno scorso le vendite sono calate.", {"L'anno scorso": "2023"}),
        ("L’anno prossimo e quest’anno.", {"L’anno prossimo": "2025", "quest’anno": "2024"}),
        ("Quest'anno il mese prossimo.", {"Quest'anno": "2024", "il mese prossimo": "2024-04"}),
        (
            "Oggi e domani piove, ieri no.",
            {"Oggi": "2024-03-03", "domani": "2024-03-04", "ieri": "2024-03-02"},
        ),
        ("L'altro ieri e dopodomani.", {"L'altro ieri": "2024-03-01", "dopodomani": "2024-03-05"}),
        ("Ieri l'altro è partito.", {"Ieri l'altro": "2024-03-01"}),
        ("Ieri sera e stamattina.", {"Ieri sera": "2024-03-02TEV", "stamattina": "2024-03-03TMO"}),
        ("Sabato pomeriggio c'era il sole.", {"Sabato pomeriggio": "2024-03-02TAF"}),
        ("È durato due settimane.", {"due settimane": "P2W"}),
        ("È al potere da dieci anni.", {"dieci anni": "P10Y"}),
        ("Ha governato per tre anni.", {"tre anni": "P3Y"}),
        ("È al potere da trent’anni.", {"trent’anni": "P30Y"}),
        ("Gli aiuti aumenteranno ogni anno.", {"ogni anno": "P1Y"}),
        ("Il mercato si tiene tutti i lunedì.", {"tutti i lunedì": "XXXX-WXX-1"}),
        ("I prezzi scenderanno tra due settimane.", {"tra due settimane": "2024-W11"}),
        ("I prezzi scenderanno fra due settimane.", {"fra due settimane": "2024-W11"}),
        ("Era diverso nel XX secolo.", {"XX secolo": "19"}),
        ("Il Novecento fu il secolo delle guerre.", {"Il Novecento": "19"}),
        ("Negli anni Novanta la città è cresciuta.", {"anni Novanta": "199"}),
        ("Gli anni Novanta furono difficili.", {"Gli anni Novanta": "199"}),
        (
            "In primavera, d'estate, in autunno e d’inverno.",
            {
                "primavera": "2024-SP",
                "estate": "2024-SU",
                "autunno": "2024-FA",
                "inverno": "2024-WI",
            },
        ),
        (
            "Il giorno dopo e la vigilia.",
            {"Il giorno dopo": "2024-03-04", "la vigilia": "2024-03-02"},
        ),
        ("La risoluzione 1973 è stata approvata a marzo.", {"marzo": "2024-03"}),
        ("Duemila soldati e 500 manifestanti sono arrivati il 3 marzo.", {"3 marzo": "2024-03-03"}),
        ("Il ministro annuncerà la decisione venerdì.", {"venerdì": "2024-03-08"}),
        ("Il ministro ha annunciato la decisione venerdì.", {"venerdì": "2024-03-01"}),
        ("Il ministro annunciò la decisione venerdì.", {"venerdì": "2024-03-01"}),
        ("Il ministro annunciava la decisione venerdì.", {"venerdì": "2024-03-01"}),
        (
            "Recentemente, attualmente, presto, in futuro.",
            {
                "Recentemente": "PAST_REF",
                "attualmente": "PRESENT_REF",
                "presto": "FUTURE_REF",
                "in futuro": "FUTURE_REF",
            },
        ),
        ("Nella sua città natale la Primavera araba non è arrivata.", {}),
        ("A Natale torna a casa.", {"Natale": "2023-12-25"}),
    ],
)
def test_italian_sentences(text: str, expected: dict[str, str]) -> None:
    assert _values(text) == expected


def test_italian_anaphoric_days() -> None:
    text = (
        "Le truppe sono entrate in città il 12 gennaio 2011. La vigilia il governo era fuggito; "
        "il giorno dopo fu tolto il coprifuoco."
    )
    assert [(e.text, e.value) for e in tag(text, "it", "2024-03-03")] == [
        ("12 gennaio 2011", "2011-01-12"),
        ("La vigilia", "2011-01-11"),
        ("il giorno dopo", "2011-01-13"),
    ]


def test_italian_is_case_insensitive() -> None:
    assert _values("GIOVEDÌ 12 MARZO 2020 e L'ANNO SCORSO") == {
        "GIOVEDÌ 12 MARZO 2020": "2020-03-12",
        "L'ANNO SCORSO": "2023",
    }


# Italian: texts in news and encyclopedic style about real events (Arab spring 2011, Italian
# politics, sport, science, history), written for this project and annotated by hand before tagging
# (tests/data/it/).
ITALIAN_REAL = sorted((Path(__file__).parent / "data" / "it").glob("real_*.tml"))
ITALIAN_REAL_RATCHET = {
    "strict_f1": 99.0,
    "relaxed_f1": 99.0,
    "type_accuracy": 99.0,
    "value_f1": 93.0,
}


def test_italian_real_text_set() -> None:
    assert_ratchet(ITALIAN_REAL, "it", ITALIAN_REAL_RATCHET, min_files=12, min_gold=100)


_PATHOLOGICAL_IT = (
    r"'1' * 100_000",
    r"'12.' * 30_000",
    r"'1° ' * 30_000",
    r"'alle ' * 50_000 + '18'",
    r"'alle 18 ' * 30_000",
    r'"l\'il lo la i gli le in nel di a al all\' " * 30_000',  # Italian weak triggers in a row
    r"'lo scorso ' * 30_000 + 'il prossimo ' * 30_000",
    r"'tre giorni ' * 30_000 + 'fra tra ' * 30_000",
    r"'quasi circa oltre più di ' * 10_000",  # stacked modifiers
    r"'ogni tutti i ' * 30_000",
    r"'a' * 200_000",
    r"' ' * 500_000 + '2024' + '\t' * 500_000 + '\n' * 200_000",
    r"'\ud800x\x00\ufffd' * 50_000",
)


def test_italian_linear_on_pathological_input() -> None:
    """As test_temporal.test_linear_on_pathological_input, for the Italian rules: backtracking
    would hang."""
    code = (
        f"from timeline.temporal import tag\nfor t in [{', '.join(_PATHOLOGICAL_IT)}]:\n    "
        f"tag(t, 'it', '2024-03-03')\n"
    )
    subprocess.run(
        [sys.executable, "-c", code],
        check=True,
        timeout=60,
        cwd=Path(__file__).resolve().parents[1],
    )
