"""The mention cache is keyed by the extraction code only; the snapshot shortcut by everything after it too."""

from __future__ import annotations

from timeline.cache import AFTER_THE_CACHE, PACKAGE, extractor_fingerprint, machine_fingerprint


def test_merge_and_salience_code_is_outside_the_mention_cache_key() -> None:
    assert extractor_fingerprint() != machine_fingerprint()
    for rel in AFTER_THE_CACHE:
        source = (PACKAGE / rel).read_text(encoding="utf-8")
        # what the cache stores (mentions and their content words) must not be computed in these files
        assert "def content_words" not in source and "def extract_events" not in source, rel


def test_the_excluded_files_exist() -> None:
    assert all((PACKAGE / rel).is_file() for rel in AFTER_THE_CACHE)
