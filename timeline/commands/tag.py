"""`timeline tag`: the tagger alone on files, as JSON lines or TimeML."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from .. import temporal
from ..ingest import READERS, read_markdown
from ..ingest.dateline import find_dateline
from ..ingest.decode import decode
from ..ingest.frontmatter import front_matter_type, split_front_matter
from ..ingest.language import detect_language


def tag_file_jsonl(
    file: Path,
    dct: str | None,
    lang: str | None,
    doc_type: str | None = None,
    default: str = "auto",
) -> dict[str, Any]:
    """One JSON object for a file; offsets index the file's decoded text. ``doc_type`` None: a
    Markdown file's front matter ``type:``, else ``default`` (the config's ``doc_type:``)."""
    if file.suffix.lower() == ".tml":
        from ..temporal.timeml import read_tml

        doc = read_tml(file)
        text, dct = doc.text, dct or doc.dct
    else:
        text = decode(file.read_bytes(), str(file))
        if dct is None:
            found = find_dateline(text)
            dct = found.value if found else None
    lang = lang or detect_language(text)
    timexes = temporal.tag(text, lang, dct, doc_type or _file_doc_type(file, text, default))
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


def tag_file_timeml(
    file: Path,
    dct: str | None,
    lang: str | None,
    doc_type: str | None = None,
    default: str = "auto",
) -> str:
    from ..temporal.timeml import read_tml, to_timeml

    if file.suffix.lower() == ".tml":
        doc = read_tml(file)
        text, dct = doc.text, doc.dct or dct
    else:
        text = decode(file.read_bytes(), str(file))
    kind = doc_type or _file_doc_type(file, text, default)
    timexes = temporal.tag(text, lang or detect_language(text), dct, kind)
    return to_timeml(text, dct, timexes)


def _file_doc_type(file: Path, text: str, default: str) -> str:
    """The front matter's ``type:`` of a Markdown file, else the default (as in ``timeline
    build``)."""
    if READERS.get(file.suffix.lower()) is not read_markdown:
        return default
    meta, _ = split_front_matter(text, str(file))
    return front_matter_type(meta.get("type"), str(file)) or default
