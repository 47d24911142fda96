"""Documentation kept true by tests: every command has help and is in the README; the README's
YAML schema names exactly the fields the store writes."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from timeline.cli import main
from timeline.config import Config
from timeline.store.yaml_store import EVENT_KEYS, SOURCE_KEYS

README = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
COMMANDS = sorted(main.commands)


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_help(command: str) -> None:
    result = CliRunner().invoke(main, [command, "--help"])
    assert result.exit_code == 0
    assert "Usage:" in result.output


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_is_in_the_readme(command: str) -> None:
    assert f"`timeline {command}" in README


def _schema_example() -> dict:
    block = re.search(r"## The events YAML\n.*?```yaml\n(.*?)```", README, re.S)
    assert block, "README has no events YAML example"
    return yaml.safe_load(block.group(1))


def test_readme_schema_matches_the_store() -> None:
    event = _schema_example()["events"][0]
    assert tuple(event) == EVENT_KEYS
    assert tuple(event["sources"][0]) == SOURCE_KEYS


def test_readme_config_keys_exist() -> None:
    block = re.search(r"### Configuration: `timeline.yaml`\n+```yaml\n(.*?)```", README, re.S)
    assert block
    known = set(Config.__dataclass_fields__)
    assert set(yaml.safe_load(block.group(1))) <= known


def test_readme_keeps_exactly_two_setup_commands() -> None:
    block = re.search(r"## Two commands on a fresh machine\n+```sh\n(.*?)```", README, re.S)
    assert block
    commands = [line.split("#")[0].strip() for line in block.group(1).splitlines() if line.strip()]
    assert commands == ["make site", "make test"]
