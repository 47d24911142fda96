"""Bytes → text, refusing what is not text with a message that says why."""

from __future__ import annotations

import codecs

from ..errors import ContentError


def decode(raw: bytes, name: str) -> str:
    """UTF-8 (a BOM allowed, UTF-16 with a BOM accepted); binary and other encodings are refused."""
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return _normalize_newlines(raw.decode("utf-16"))
        except UnicodeDecodeError as exc:
            raise ContentError(f"damaged UTF-16 at byte {exc.start}", name) from exc
    if b"\x00" in raw[:8192]:
        raise ContentError("binary file (contains NUL bytes), not text", name)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise ContentError(f"not UTF-8 (invalid byte 0x{raw[exc.start]:02x} at byte {exc.start}); save it as UTF-8", name, line) from exc
    if not text.strip():
        raise ContentError("empty file", name)
    return _normalize_newlines(text)


def _normalize_newlines(text: str) -> str:
    # Offsets are character offsets into this decoded text; \r\n would make them differ by platform.
    return text.replace("\r\n", "\n").replace("\r", "\n")
