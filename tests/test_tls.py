"""eval-tls: the tilse measures, the Timeline17 reader, and the command on a tiny topic (and a
slice of a real one)."""

from __future__ import annotations

import gzip
import json
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

from timeline.cli import main
from timeline.tls.corpus import find_topics, load_topic, read_timeline
from timeline.tls.metrics import AlignmentRouge, date_f1

T17 = Path(__file__).resolve().parents[2] / "shared" / "tls" / "t17"


def test_date_f1() -> None:
    scores = date_f1(
        {date(2010, 1, 1), date(2010, 1, 2)}, {date(2010, 1, 2), date(2010, 1, 3), date(2010, 1, 4)}
    )
    assert scores.precision == pytest.approx(0.5)
    assert scores.recall == pytest.approx(1 / 3)
    assert scores.f1 == pytest.approx(0.4)


def test_alignment_rouge_identical_timelines_score_one() -> None:
    gold = {
        date(2010, 1, 1): ["The oil well exploded off the coast ."],
        date(2010, 1, 5): ["Engineers sealed the leaking well ."],
    }
    scores = AlignmentRouge().score(gold, gold)
    assert scores[1].f1 == pytest.approx(1.0)
    assert scores[2].f1 == pytest.approx(1.0)


def test_alignment_rouge_weights_hits_by_date_distance() -> None:
    # worked by hand with tilse's align+ m:1: stop words out, one matching token a day apart (weight
    # 1/2)
    pred = {
        date(2010, 1, 1): ["Just a test .", "Another sentence ."],
        date(2010, 1, 3): ["Some more content .", "Even more !"],
    }
    gold = {date(2010, 1, 2): ["Just a test ."], date(2010, 1, 4): ["This one does not match ."]}
    scores = AlignmentRouge().score(pred, gold)
    assert scores[1].precision == pytest.approx(0.5 / 5)
    assert scores[1].recall == pytest.approx(0.5 / 3)
    assert scores[2].f1 == 0


def test_alignment_rouge_empty_prediction_scores_zero() -> None:
    scores = AlignmentRouge().score({}, {date(2010, 1, 1): ["Something happened ."]})
    assert scores[1].f1 == 0 and scores[1].recall == 0


def test_read_timeline_merges_repeated_dates_and_skips_bad_ones(tmp_path: Path) -> None:
    file = tmp_path / "t.txt"
    file.write_text(
        "2010-04-20\nA rig exploded .\n"
        + "-" * 32
        + "\n2011-04-0\nBroken .\n"
        + "-" * 32
        + "\n2010-04-20\nEleven workers died .\n"
        + "-" * 32
        + "\n",
        encoding="utf-8",
    )
    warnings: list[str] = []
    timeline = read_timeline(file, warnings)
    assert timeline == {date(2010, 4, 20): ["A rig exploded .", "Eleven workers died ."]}
    assert len(warnings) == 1 and "2011-04-0" in warnings[0]


def make_topic(folder: Path) -> Path:
    topic = folder / "rig"
    (topic / "timelines").mkdir(parents=True)
    rows = [
        {
            "id": "1",
            "pubdate": "2010-04-21",
            "text": "The Deepwater Horizon rig exploded on April 20 , 2010 , killing eleven "
            "workers .\n"
            "Officials said the rig sank into the Gulf of Mexico on Thursday .",
        },
        {
            "id": "2",
            "pubdate": "2010-04-23",
            "text": "The rig sank on April 22 , 2010 , two days after the explosion of April 20 .\n"
            "Oil began to leak from the damaged well .",
        },
        {
            "id": "3",
            "pubdate": "2010-05-03",
            "text": "BP said on Monday that engineers would try to seal the well .\n"
            "The April 20 explosion killed eleven workers on the rig .",
        },
    ]
    with gzip.open(topic / "articles.jsonl.gz", "wt", encoding="utf-8") as out:
        for row in rows:
            out.write(json.dumps(row) + "\n")
    (topic / "timelines" / "gold.txt").write_text(
        "2010-04-20\nThe Deepwater Horizon rig explodes , killing eleven workers .\n"
        + "-" * 32
        + "\n2010-04-22\nThe rig sinks into the Gulf of Mexico .\n"
        + "-" * 32
        + "\n",
        encoding="utf-8",
    )
    return topic


def test_eval_tls_json_on_a_tiny_topic(tmp_path: Path) -> None:
    make_topic(tmp_path)
    result = CliRunner().invoke(main, ["eval-tls", str(tmp_path), "--json", "--jobs", "1", "-q"])
    assert result.exit_code == 0, result.output
    figures = json.loads(result.output)
    assert set(figures["average"]) >= {"date_f1", "ar1_f1", "ar2_f1"}
    (row,) = figures["timelines"]
    assert row["topic"] == "rig" and row["gold_dates"] == 2
    assert row["date_f1"] == pytest.approx(1.0)  # April 20 and 22 are the two most referenced days
    assert row["ar1_f1"] > 0.2


def test_eval_tls_table_on_one_topic_folder(tmp_path: Path) -> None:
    topic = make_topic(tmp_path)
    assert find_topics(topic) == [topic]
    result = CliRunner().invoke(main, ["eval-tls", str(topic), "--jobs", "1", "-q"])
    assert result.exit_code == 0, result.output
    assert "Date-F1" in result.output and "average" in result.output


def test_eval_tls_rejects_a_folder_without_topics(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["eval-tls", str(tmp_path), "-q"])
    assert result.exit_code != 0
    assert "no topic folders" in result.output


@pytest.mark.skipif(not (T17 / "H1N1_guardian").is_dir(), reason="Timeline17 data not present")
def test_eval_tls_on_a_slice_of_timeline17() -> None:
    topic = load_topic(T17 / "H1N1_guardian")
    assert len(topic.gold["swine_flu_guardian"]) == 12
    result = CliRunner().invoke(
        main, ["eval-tls", str(T17 / "H1N1_guardian"), "--json", "--max-articles", "12", "-q"]
    )
    assert result.exit_code == 0, result.output
    (row,) = json.loads(result.output)["timelines"]
    assert row["articles"] == 12
    assert 0 <= row["date_f1"] <= 1 and 0 <= row["ar1_f1"] <= 1
