"""HTML → sanitized HTML (nh3) and HTML → plain text with one paragraph per line."""

from __future__ import annotations

import nh3
from lxml import html as lxml_html

ALLOWED_TAGS = {
    "a",
    "abbr",
    "b",
    "blockquote",
    "br",
    "code",
    "em",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "hr",
    "i",
    "li",
    "ol",
    "p",
    "pre",
    "q",
    "s",
    "strong",
    "sub",
    "sup",
    "table",
    "tbody",
    "td",
    "th",
    "thead",
    "tr",
    "ul",
    "dl",
    "dt",
    "dd",
    "figure",
    "figcaption",
    "cite",
    "time",
    "mark",
    "small",
    "del",
    "ins",
}
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "abbr": {"title"},
    "time": {"datetime"},
    "td": {"colspan", "rowspan"},
    "th": {"colspan", "rowspan"},
}
BLOCK_TAGS = {
    "p",
    "div",
    "li",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "blockquote",
    "pre",
    "tr",
    "br",
    "hr",
    "dt",
    "dd",
    "figcaption",
    "section",
    "article",
    "header",
    "footer",
    "table",
    "ul",
    "ol",
}


def sanitize_html(html: str) -> str:
    """Only harmless tags; only http, https and mailto links, which open without a referrer."""
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer nofollow",
    )


def html_to_text(html: str) -> str:
    """Visible text, a newline after each block element, runs of blank lines collapsed."""
    if not html.strip():
        return ""
    root = lxml_html.fragment_fromstring(html, create_parent="div")
    parts: list[str] = []
    _walk(root, parts)
    lines = [" ".join(line.split()) for line in "".join(parts).split("\n")]
    return "\n".join(line for line in lines if line)


def _walk(root, parts: list[str]) -> None:  # type: ignore[no-untyped-def]
    """Depth-first text collection without recursion (nesting depth cannot overflow the stack)."""
    stack: list[tuple[object, bool]] = [(root, False)]
    while stack:
        node, closing = stack.pop()
        tag = node.tag if isinstance(node.tag, str) else ""  # type: ignore[attr-defined]
        if closing:
            if tag in BLOCK_TAGS:
                parts.append("\n")
            if node.tail and node is not root:  # type: ignore[attr-defined]
                parts.append(node.tail)  # type: ignore[attr-defined]
            continue
        if tag in {"script", "style", "template", "noscript"}:
            if node.tail and node is not root:  # type: ignore[attr-defined]
                parts.append(node.tail)  # type: ignore[attr-defined]
            continue
        if node.text:  # type: ignore[attr-defined]
            parts.append(node.text)  # type: ignore[attr-defined]
        stack.append((node, True))
        stack.extend((child, False) for child in reversed(list(node)))  # type: ignore[call-overload]
