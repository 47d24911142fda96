"""`timeline tag`: the tagger alone on files, as JSON lines or TimeML."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from . import temporal
from .ingest.dateline import find_dateline
from .ingest.decode import decode
from .ingest.language import detect_language


def tag_file_jsonl(
    file: Path, dct: str | None, lang: str | None, doc_type: str = "auto"
) -> dict[str, Any]:
    """One JSON object for a file; offsets index the file's decoded text."""
    if file.suffix.lower() == ".tml":
        from .temporal.timeml import read_tml

        doc = read_tml(file)
        text, dct = doc.text, dct or doc.dct
    else:
        text = decode(file.read_bytes(), str(file))
        if dct is None:
            found = find_dateline(text)
            dct = found.value if found else None
    lang = lang or detect_language(text)
    timexes = temporal.tag(text, lang, dct, doc_type)
    return {
        "file": str(file),
        "dct": dct,
        "lang": lang,
        "timexes": [
            {
                "start": t.start,
                "end": t.end,
                "text": t.text,
                "type": t.type,
                "value": t.value,
                **({"mod": t.mod} if t.mod else {}),
            }
            for t in timexes
        ],
    }


def tag_file_timeml(file: Path, dct: str | None, lang: str | None, doc_type: str = "auto") -> str:
    from .temporal.timeml import read_tml, to_timeml

    if file.suffix.lower() == ".tml":
        doc = read_tml(file)
        text, dct = doc.text, doc.dct or dct
    else:
        text = decode(file.read_bytes(), str(file))
    timexes = temporal.tag(text, lang or detect_language(text), dct, doc_type)
    return to_timeml(text, dct, timexes)
