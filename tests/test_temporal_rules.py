"""Every example written next to a rule in timeline/temporal/data/<lang>/rules/*.yaml runs here."""

from __future__ import annotations

import pytest

from timeline.temporal import tag
from timeline.temporal.resources import FALLBACK, available_languages, load_language


def _examples() -> list[tuple[str, str, str, str, str | None]]:
    out = []
    for lang in [*available_languages(), FALLBACK]:
        language = load_language(lang)
        for rule in language.rules:
            for text, value in rule.examples:
                out.append((lang, rule.name, text, language.settings.get("example_dct"), value))
    return out


EXAMPLES = _examples()


def test_every_positive_rule_has_examples() -> None:
    for lang in [*available_languages(), FALLBACK]:
        for rule in load_language(lang).rules:
            if not rule.negative and rule.name != "bare_plural_unit":
                assert rule.examples, f"{lang}: rule {rule.name} has no examples"


@pytest.mark.parametrize(
    ("lang", "rule", "text", "dct", "value"),
    EXAMPLES,
    ids=[f"{e[0]}-{e[1]}-{e[2]}" for e in EXAMPLES],
)
def test_rule_example(lang: str, rule: str, text: str, dct: str, value: str | None) -> None:
    bracketed = "[" in text
    if bracketed:  # "bis [heute]": context around the expression, which is the bracketed part
        text, (expected, *_) = text.replace("[", "").replace("]", ""), text.split("[")[1].split("]")
    else:
        expected = text
    found = tag(text, lang, dct)
    if value is None:  # negative example: nothing at all is tagged
        assert found == [], found
        return
    if bracketed:  # the context may hold expressions of its own ("am [25.] und 26. August")
        start = text.index(expected)
        found = [e for e in found if e.start < start + len(expected) and start < e.end] or found
    assert len(found) == 1, found
    expr = found[0]
    assert (expr.text, expr.value) == (expected, value), (expr.rule, expr)
