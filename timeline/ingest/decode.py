"""Bytes → text, refusing what is not text with a message that says why.

Accepted: UTF-8 (with or without a BOM), UTF-16 and UTF-32 with a BOM. CRLF and CR become LF.
Control characters that no HTML or XML parser accepts (C0 controls other than tab and newline,
U+FFFE, U+FFFF) are replaced one for one, so offsets into the decoded text stay meaningful."""

from __future__ import annotations

import codecs
import re

from ..errors import ContentError

_BOMS = (  # UTF-32 first: its little-endian BOM starts with UTF-16's
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_CONTROL = re.compile("[\x01-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]")


def decode(raw: bytes, name: str) -> str:
    for bom, encoding in _BOMS:
        if raw.startswith(bom):
            try:
                text = raw.decode(encoding)
            except UnicodeDecodeError as exc:
                raise ContentError(f"damaged {encoding.upper()} at byte {exc.start}", name) from exc
            return _checked(text, name)
    head = raw[:8192]
    if head.count(b"\x00") * 100 > len(head):  # more than 1% NUL in the head: not text
        hint = " (UTF-16 without a byte-order mark? save it as UTF-8)" if _looks_utf16(raw) else ""
        first = raw.find(b"\x00")
        raise ContentError(f"binary file (NUL byte at byte {first}), not text{hint}", name)
    # a stray NUL in text: replaced, as HTML parsers do
    raw = raw.replace(b"\x00", "\ufffd".encode())
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise ContentError(
            f"not UTF-8 (invalid byte 0x{raw[exc.start]:02x} at byte {exc.start}); save it as "
            f"UTF-8",
            name,
            line,
        ) from exc
    return _checked(text, name)


def _checked(text: str, name: str) -> str:
    if text.startswith("\ufeff"):
        text = text[1:]
    text = text.replace("\x00", "\ufffd")
    text = _CONTROL.sub(" ", _normalize_newlines(text))
    if not text.strip():
        raise ContentError(
            "empty file" if not text else "empty file (only white space or control characters)",
            name,
        )
    return text


def _looks_utf16(raw: bytes) -> bool:
    sample = raw[:4096]
    return len(sample) >= 4 and (
        sample[1::2].count(0) > len(sample) // 4 or sample[0::2].count(0) > len(sample) // 4
    )


def _normalize_newlines(text: str) -> str:
    # Offsets are character offsets into this decoded text; \r\n would make them differ by platform.
    return text.replace("\r\n", "\n").replace("\r", "\n")


def display_name(name: str) -> str:
    """A file name safe to print on one line: control characters (a newline in a name) escaped."""
    return name if name.isprintable() else name.encode("unicode_escape").decode("ascii")
