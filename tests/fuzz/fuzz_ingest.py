"""Coverage-guided fuzz target (atheris/libFuzzer) for the ingest and tagging path.

    python tests/fuzz/fuzz_ingest.py -max_total_time=60 [corpus_dir]

Bytes → decode → the .txt/.md/.html reader (picked by the first byte) → temporal.tag on the text
with the article's publication date. A ContentError is the expected way to refuse input; any other
exception is a crash, and so is a tag whose offsets do not index the text."""

from __future__ import annotations

import sys

import atheris

with atheris.instrument_imports(include=["timeline"]):
    from timeline import temporal
    from timeline.errors import ContentError
    from timeline.ingest import READERS
    from timeline.ingest.decode import decode

KINDS = (".txt", ".md", ".html")


def TestOneInput(data: bytes) -> None:  # noqa: N802 - the name atheris calls
    if not data:
        return
    kind = KINDS[data[0] % len(KINDS)]
    name = f"fuzz{kind}"
    try:
        text = decode(data[1:], name)
        article = READERS[kind](name, text)
    except ContentError:
        return
    assert 0 <= article.body_start <= len(article.text), (article.body_start, len(article.text))
    for expr in temporal.tag(article.text, article.lang, article.published):
        assert 0 <= expr.start <= expr.end <= len(article.text), expr
        assert article.text[expr.start : expr.end] == expr.text, expr


def main() -> None:
    atheris.Setup(sys.argv, TestOneInput)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
