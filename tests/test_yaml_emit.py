"""The direct YAML writer (store/yaml_emit.py) gives PyYAML's bytes, or declines."""

from __future__ import annotations

from pathlib import Path

import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from timeline.store.yaml_emit import entry_text
from timeline.store.yaml_store import _dump, dump_events, event_to_dict, load_all

ROOT = Path(__file__).resolve().parents[1]


def _entry(**fields: object) -> dict[str, object]:
    base: dict[str, object] = {
        "id": "ev-0123456789",
        "date": "2024-03-03",
        "date_end": None,
        "precision": "day",
        "date_source": "explicit",
        "date_text": "March 3",
        "title": "A title",
        "text": "Some text.",
        "actors": ["Olaf Scholz"],
        "places": [],
        "tags": ["weapons"],
        "confidence": 0.85,
        "salience": 0.1,
        "lang": "en",
        "sources": [
            {
                "article": "a.md",
                "quote": "Some text.",
                "start": 0,
                "end": 10,
                "date_text": None,
                "published": "2024-03-03T22:33",
            }
        ],
    }
    base.update(fields)
    return base


def assert_same_as_pyyaml(entry: dict[str, object]) -> None:
    fast = entry_text(entry)
    if fast is not None:
        assert fast == _dump([entry])
        assert yaml.safe_load(fast) == [entry]


def test_the_sample_events_are_written_as_pyyaml_writes_them() -> None:
    entries = [event_to_dict(e) for e in load_all(ROOT / "data" / "events.yaml")]
    written = [entry_text(e) for e in entries]
    assert sum(w is not None for w in written) >= len(entries) - 3  # nearly all take the fast path
    for entry in entries:
        assert_same_as_pyyaml(entry)


def test_the_whole_file_is_unchanged_by_the_fast_writer() -> None:
    text = (ROOT / "data" / "events.yaml").read_text(encoding="utf-8")
    build = yaml.safe_load(text)["build"]
    assert dump_events(load_all(ROOT / "data" / "events.yaml"), build=build) == text


def test_values_that_need_quotes_or_fold() -> None:
    long = "word " * 40 + "end"
    for value in [
        "2024-03-03",
        "null",
        "yes",
        "1.5",
        "12",
        "- item",
        "? x",
        ": x",
        "a: b",
        "a #b",
        "#x",
        "'q'",
        '"q"',
        "ends:",
        "---x",
        "...x",
        " lead",
        "trail ",
        "it's",
        long,
        long.replace("word", "it's"),
        "Kallas: " + long,
        "x" * 150,
        "a  b " * 30 + "c",
        "“curly” quotes ’",
        "tab\there",
        "emoji 🚀",
        "line\nbreak",
        "nel\x85",
        "ls\u2028",
        "bom\ufeff",
        "",
        "~",
        "<<",
        "=",
        "0x1F",
        "1_000",
        ".inf",
    ]:
        assert_same_as_pyyaml(
            _entry(
                title=value,
                text=value,
                date_text=value or None,
                sources=[
                    {
                        "article": "a.md",
                        "quote": value,
                        "start": 0,
                        "end": 1,
                        "date_text": value or None,
                        "published": None,
                    }
                ],
            )
        )
        assert_same_as_pyyaml(_entry(actors=[value] if value else []))


def test_hand_added_keys_are_left_to_pyyaml() -> None:
    assert entry_text({**_entry(), "origin": "manual"}) is None
    assert entry_text(_entry(confidence=1e-07)) is None
    assert entry_text(_entry(confidence=True)) is None


PRINTABLE = list("ab :#-?'\"’“,[]{}&*!|>%@`.0123") + ["é", "ß", "\xa0"]
TEXT = st.one_of(
    st.text(alphabet=st.sampled_from(PRINTABLE), max_size=260),  # mostly the fast path
    st.text(
        alphabet=st.sampled_from([*PRINTABLE, "\t", "\n", "🚀", "\u2028", "\x85"]), max_size=260
    ),
)


FAST: list[bool] = []


@settings(max_examples=300, deadline=None)
@given(title=TEXT, text=TEXT, quote=TEXT, actor=TEXT)
def test_generated_values(title: str, text: str, quote: str, actor: str) -> None:
    FAST.append(entry_text(_entry(title=title or "t")) is not None)
    assert_same_as_pyyaml(
        _entry(
            title=title or "t",
            text=text,
            actors=[actor],
            sources=[
                {
                    "article": "a.md",
                    "quote": quote,
                    "start": 1,
                    "end": 2,
                    "date_text": None,
                    "published": None,
                }
            ],
        )
    )


def test_generated_values_mostly_took_the_fast_path() -> None:
    if FAST:  # run after test_generated_values (file order)
        assert sum(FAST) > len(FAST) // 4
