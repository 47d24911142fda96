"""The ratchet on a language's hand-annotated TimeML set (tests/data/<lang>/), shared by the
tagger's tests."""

from __future__ import annotations

from pathlib import Path

from timeline.temporal import tag
from timeline.temporal.evaluate import evaluate


def assert_ratchet(
    files: list[Path], lang: str, ratchet: dict[str, float], min_files: int, min_gold: int
) -> None:
    """Tag ``files`` as ``lang``; every figure must stay at or above its ratchet (the set must
    not shrink)."""
    r = evaluate(files, tagger=lambda text, dct: tag(text, lang, dct))
    assert len(files) >= min_files and r["gold"] >= min_gold
    got = {"strict_f1": r["strict"]["f1"], "relaxed_f1": r["relaxed"]["f1"],
           "type_accuracy": r["type"]["accuracy"], "value_f1": r["value"]["f1"]}  # fmt: skip
    assert all(got[k] >= v for k, v in ratchet.items()), got
