"""timeline.yaml: the site's document type (``doc_type:``, or ``type:`` as front matter names it)
is the default of every article whose front matter gives none, in `timeline build` and `timeline
tag`, and a change to it re-tags the articles the caches hold."""

from __future__ import annotations

import json
import os
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from timeline.cli import main
from timeline.config import load_config
from timeline.errors import ConfigError
from timeline.pipeline import build
from timeline.report import BufferReporter
from timeline.store import load_events

# "5 April" counts from the publication (2024) in news time, from "3 March 2023" in narrative time;
# ``auto`` reads this article as news (one date of the year before is no narrative)
BODY = "On 3 March 2023 the talks began.\n\nOn 5 April an agreement was signed.\n"
NEWS, NARRATIVE = "2024-04-05", "2023-04-05"
PAST = time.time() - 3600  # older than the article cache's racy window


def _site(root: Path, config: str) -> Path:
    """A project folder: timeline.yaml, an article without a type and one that says it is news."""
    content = root / "content"
    content.mkdir(parents=True, exist_ok=True)
    for name, front in (("plain.md", ""), ("typed.md", "type: news\n")):
        path = content / name
        head = f"---\ntitle: {name}\ndate: 2024-01-10\nlang: en\n{front}---\n"
        path.write_text(head + BODY, encoding="utf-8")
        os.utime(path, (PAST, PAST))
    file = root / "timeline.yaml"
    file.write_text(config, encoding="utf-8")
    return file


def _dates(file: Path) -> dict[str, set[str]]:
    """Article → the dates of its events, after a build with this config file."""
    root = file.parent
    cfg = load_config(
        file,
        content=root / "content",
        data=root / "data" / "events.yaml",
        site=root / "site",
        quiet=True,
        jobs=1,
        executor="serial",
    )
    reporter = BufferReporter()
    build(cfg, reporter)
    assert reporter.errors == []
    out: dict[str, set[str]] = {}
    for event in load_events(cfg.data):
        for source in event.sources:
            out.setdefault(source.article, set()).add(str(event.date))
    return out


@pytest.mark.parametrize("key", ["doc_type", "type", "doc-type"])
def test_the_config_names_the_document_type(tmp_path: Path, key: str) -> None:
    assert load_config(_site(tmp_path, f"{key}: Narrative\n")).doc_type == "narrative"
    assert load_config(_site(tmp_path, "title: T\n")).doc_type == "auto"


@pytest.mark.parametrize("value", ["story", "[news]", "1"])
def test_a_bad_document_type_is_one_line_naming_the_file(tmp_path: Path, value: str) -> None:
    file = _site(tmp_path, f"doc_type: {value}\n")
    message = "doc_type must be one of auto, news, narrative"
    with pytest.raises(ConfigError, match=message) as caught:
        load_config(file)
    assert str(caught.value).startswith(f"{file}: ") and "\n" not in str(caught.value)
    result = CliRunner().invoke(main, ["build", "--config", str(file), "-q"])
    assert result.exit_code != 0
    assert result.output.strip().splitlines() == [f"Error: {caught.value}"]
    with pytest.raises(ConfigError, match="once"):
        load_config(_site(tmp_path, "doc_type: news\ntype: news\n"))


def test_the_build_takes_the_config_type_and_the_front_matter_overrides_it(tmp_path: Path) -> None:
    dates = _dates(_site(tmp_path, "doc_type: narrative\n"))
    assert NARRATIVE in dates["plain.md"] and NEWS not in dates["plain.md"]
    assert NEWS in dates["typed.md"] and NARRATIVE not in dates["typed.md"]


def test_changing_the_config_type_tags_the_articles_again(tmp_path: Path) -> None:
    file = _site(tmp_path, "title: T\n")
    assert NEWS in _dates(file)["plain.md"]
    file.write_text("title: T\ndoc_type: narrative\n", encoding="utf-8")
    dates = _dates(file)  # same articles, same cache folder: only the config changed
    assert NARRATIVE in dates["plain.md"] and NEWS not in dates["plain.md"]
    assert NEWS in dates["typed.md"]
    file.write_text("title: T\ndoc_type: auto\n", encoding="utf-8")
    assert NEWS in _dates(file)["plain.md"]


def test_the_tag_command_reads_the_config_unless_told(tmp_path: Path) -> None:
    file = _site(tmp_path, "doc_type: narrative\n")
    plain, typed = tmp_path / "content" / "plain.md", tmp_path / "content" / "typed.md"
    text = tmp_path / "plain.txt"
    text.write_text(BODY, encoding="utf-8")

    def value(path: Path, *options: str) -> str:
        args = [
            "tag",
            str(path),
            "--dct",
            "2024-01-10",
            "--lang",
            "en",
            "--config",
            str(file),
            *options,
        ]
        result = CliRunner().invoke(main, args)
        assert result.exit_code == 0, result.output
        found = {t["text"]: t["value"] for t in json.loads(result.output)["timexes"]}
        return str(found["5 April"])

    assert value(text) == value(plain) == NARRATIVE  # the config's
    assert value(typed) == NEWS  # the front matter's
    assert value(plain, "--doc-type", "news") == NEWS  # the command line's
    assert value(typed, "--doc-type", "narrative") == NARRATIVE
    bad = _site(tmp_path / "bad", "doc_type: story\n")
    result = CliRunner().invoke(main, ["tag", str(text), "--config", str(bad)])
    assert result.exit_code != 0 and f"{bad}: doc_type must be one of" in result.output
