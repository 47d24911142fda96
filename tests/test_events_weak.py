"""Weak mentions: a paragraph repeated (and cut off) from another article becomes a source, never
an event."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from click.testing import CliRunner

from timeline.cli import main
from timeline.events.happenings import MIN_CONFIDENCE, is_weak
from timeline.events.merge import merge_mentions
from timeline.models import Event, Source
from timeline.store import load_events

TAURUS_000 = "000_5e8b86d4eec14e4f.txt"
PATRIOT_003 = "003_09682512032707ef.txt"


def _lead_of_000(content: Path) -> str:
    return (content / TAURUS_000).read_text(encoding="utf-8").split("\n")[0]


def _cut_after_sentence(lead: str) -> str:
    return lead[:180]  # "… the alliance’s posture. A"


def _cut_mid_word(lead: str) -> str:
    return lead[: lead.index("Taurus long-ran") + len("Taurus long-ran")]


@pytest.mark.parametrize("cut", [_cut_after_sentence, _cut_mid_word])
def test_repeated_cut_off_paragraph_is_a_source(sample_content: Path, tmp_path: Path, cut) -> None:  # type: ignore[no-untyped-def]
    target = sample_content / PATRIOT_003
    text = target.read_text(encoding="utf-8")
    target.write_text(
        text.rstrip("\n") + "\n" + cut(_lead_of_000(sample_content)) + "\n", encoding="utf-8"
    )
    data = tmp_path / "events.yaml"
    paths = ["--content", str(sample_content), "--data", str(data)]
    assert CliRunner().invoke(main, ["extract", "-q", *paths]).exit_code == 0
    events = load_events(data)
    taurus = [e for e in events if "preparing a formal announcement" in e.text]
    assert len(taurus) == 1
    assert {s.article for s in taurus[0].sources} == {TAURUS_000, PATRIOT_003}
    assert taurus[0].title.startswith("The German government")
    # no weak-only event
    assert not [e for e in events if e.confidence < MIN_CONFIDENCE and e.date_source != "explicit"]
    # as many events as the five seeds give (the committed data/ is what this code makes of them):
    # the copy added a source, no event
    assert len(events) == len(
        load_events(Path(__file__).resolve().parents[1] / "data" / "events.yaml")
    )
    result = CliRunner().invoke(main, ["explain", taurus[0].id, *paths])
    assert result.exit_code == 0 and "merged: " in result.output


# ── the merge rule, on mentions of our own ───────────────────────────────────────────────────────

FULL = (
    "The German government appears to be preparing a formal announcement about delivering Taurus "
    "long-range missiles to Ukraine, signaling a potential shift in the alliance’s posture."
)


def mention(
    article: str,
    text: str,
    confidence: float,
    actors: tuple[str, ...] = ("Germany",),
    date: str = "2024-03-04",
) -> Event:
    places = ("Ukraine",) if "Ukraine" in text else ()
    return Event(
        id=f"m-{article}",
        date=date,
        precision="day",
        title=text[:60],
        text=text,
        sources=(Source(article, text, 0, len(text), None, date),),
        date_source="publication",
        actors=actors,
        places=places,
        confidence=confidence,
        lang="en",
    )


def test_weak_cut_off_copy_joins_by_containment_and_never_leads() -> None:
    cut = FULL[: FULL.index("Taurus long-ran") + len("Taurus long-ran")]
    strong, weak = mention("a.txt", FULL, 0.6), mention("b.txt", cut, 0.35)
    assert is_weak(weak) and not is_weak(strong)
    result = merge_mentions([weak, strong])
    [event] = result.events
    assert {s.article for s in event.sources} == {"a.txt", "b.txt"} and event.text == FULL
    [decision] = result.decisions
    assert decision.merged and "cut-off copy" in decision.reason and decision.similarity < 0.6


def test_weak_mention_never_joins_by_paraphrase_and_alone_is_no_event() -> None:
    paraphrase = (
        "Berlin is getting ready to announce that it will deliver Taurus missiles to Ukraine, "
        "insiders in the German coalition said."
    )
    strong, weak = mention("a.txt", FULL, 0.6), mention("b.txt", paraphrase, 0.4)
    # strong: merged
    assert (
        merge_mentions([strong, replace(weak, confidence=0.5)]).events[0].sources != strong.sources
    )
    result = merge_mentions([strong, weak])
    # weak: kept apart, and no event of its own
    assert [e.sources for e in result.events] == [strong.sources]
    assert "kept apart: weak mention" in result.decisions[0].reason
    # only weak mentions: none
    assert merge_mentions([weak, mention("c.txt", paraphrase, 0.3)]).events == []


def test_weak_mention_never_bridges_two_events() -> None:
    first = mention("a.txt", FULL, 0.6)
    other = (
        "The German government appears to be preparing a formal announcement about delivering "
        "Taurus "
        "long-range missiles, while Poland doubts the plan and Paris keeps its own counsel."
    )
    second = mention("c.txt", other, 0.6, actors=("Poland",))
    weak = mention("b.txt", FULL[: FULL.index("Taurus long-ran") + len("Taurus long-ran")], 0.4)
    result = merge_mentions([first, second, weak])
    assert len(result.events) == 2 and sum(len(e.sources) for e in result.events) == 3
