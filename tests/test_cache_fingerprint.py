"""The mention cache is keyed by the extraction code only; the snapshot shortcut by everything
after it too."""

from __future__ import annotations

from timeline.events.mention_cache import (
    AFTER_THE_CACHE,
    PACKAGE,
    extractor_fingerprint,
    machine_fingerprint,
    without_comments,
)


def test_merge_and_salience_code_is_outside_the_mention_cache_key() -> None:
    assert extractor_fingerprint() != machine_fingerprint()
    for rel in AFTER_THE_CACHE:
        source = (PACKAGE / rel).read_text(encoding="utf-8")
        # what the cache stores (mentions and their content words) must not be computed in these
        # files
        assert "def content_words" not in source and "def extract_events" not in source, rel


def test_the_excluded_files_exist() -> None:
    assert all((PACKAGE / rel).is_file() for rel in AFTER_THE_CACHE)


def test_comments_and_blank_lines_do_not_change_what_the_fingerprint_reads() -> None:
    code = 'WORDS = ["a", "b"]\n\ndef f(x):\n    return x + 1\n'
    commented = (
        '# the words\nWORDS = ["a", "b"]  # two of them\n\n\ndef f(x):\n    # why\n    return x + '
        "1  # one more\n"
    )
    assert without_comments(code) == without_comments(commented)
    yaml_data = "months:\n  - Mai   # May\n  - Juni\n"
    assert without_comments(yaml_data) == without_comments("# German\nmonths:\n  - Mai\n  - Juni\n")


def test_code_and_strings_still_change_it() -> None:
    assert without_comments("x = 1\n") != without_comments("x = 2\n")
    assert without_comments('s = "a # b"\n') != without_comments('s = "a # c"\n')
    assert without_comments("months:\n  - Mai\n") != without_comments(
        "months:\n  - Mai\n  - Juni\n"
    )
