"""Language of an article when its front matter does not say: py3langid, restricted to the languages
we have tagger data for when the text is clearly one of them."""

from __future__ import annotations

from functools import lru_cache

DEFAULT_LANGUAGE = "en"


@lru_cache(maxsize=1)
def _classify():  # type: ignore[no-untyped-def]
    import py3langid

    return py3langid.classify


@lru_cache(maxsize=1)
def supported_languages() -> frozenset[str]:
    from ..temporal import available_languages

    return frozenset(available_languages())


def detect_language(text: str) -> str:
    """A language the tagger has data for; anything else (a guess of 'pcm' for a list of symbols, say)
    falls back to the default rather than stopping the build at the tagging stage."""
    sample = text[:2000]  # ~300 words decide a language; the classifier costs in proportion to the sample
    if len(sample.split()) < 3:
        return DEFAULT_LANGUAGE
    lang, _score = _classify()(sample)
    return str(lang) if str(lang) in supported_languages() else DEFAULT_LANGUAGE
