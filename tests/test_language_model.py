"""The unpacked, memory-mapped language model (ingest/language.py) classifies exactly as
py3langid's own."""

from __future__ import annotations

from pathlib import Path

import py3langid

from timeline.ingest import language

TEXTS = [
    "German Defense Minister Boris Pistorius announced on 5 March that Germany will send two "
    "more Patriot systems.",
    "Die Biden-Administration führt Gespräche mit verschiedenen Ländern über die Lieferung "
    "von Luftabwehrsystemen.",
    "Le président a annoncé lundi que la France enverra des missiles à longue portée.",
    "12 34 56 -- ** //",
    "Ukraine krieg news heute",
]


def test_the_mapped_model_classifies_as_py3langid(tmp_path: Path) -> None:
    identifier = language._mapped_identifier(tmp_path)  # unpacks the model into tmp_path
    assert [identifier.classify(t) for t in TEXTS] == [py3langid.classify(t) for t in TEXTS]
    unpacked = [p for p in tmp_path.iterdir() if p.name.startswith("langid-")]
    assert len(unpacked) == 1 and (unpacked[0] / "classes.json").is_file()
    again = language._mapped_identifier(tmp_path)  # read back, not unpacked again
    assert [again.classify(t) for t in TEXTS] == [py3langid.classify(t) for t in TEXTS]
    assert [p.name for p in tmp_path.iterdir()] == [unpacked[0].name]


def test_detection_returns_the_languages_with_tagger_data() -> None:
    """A language folder with a vocabulary (timeline/temporal/data/fr/) is all it takes for
    detection to return that language; a language without one still falls back to the default."""
    assert language.detect_language(TEXTS[0]) == "en"
    assert language.detect_language(TEXTS[1]) == "de"
    assert language.detect_language(TEXTS[2]) == "fr"
    assert (
        language.detect_language(
            "El presidente anunció el lunes que España enviará misiles de largo alcance."
        )
        == "es"
    )
    assert (
        language.detect_language(
            "Il presidente ha annunciato lunedì che l'Italia invierà missili a lungo raggio."
        )
        == "it"
    )
    assert (
        language.detect_language(
            "De president kondigde maandag aan dat Nederland raketten zal sturen."
        )
        == "en"
    )
