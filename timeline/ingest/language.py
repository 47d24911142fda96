"""Language of an article when its front matter does not say: py3langid, restricted to the languages
we have tagger data for when the text is clearly one of them."""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from functools import lru_cache
from pathlib import Path

DEFAULT_LANGUAGE = "en"


_MODEL_CACHE: list[Path] = []  # where the unpacked model is kept (use_model_cache)


def use_model_cache(folder: Path) -> None:
    """Keep py3langid's model unpacked in ``folder``: it ships LZMA-compressed, and unpacking it
    costs 0.4 s in every process, most of a rebuild after one new article. The unpacked arrays
    are mapped from disk instead (NumPy files, no pickles); the classifier is py3langid's own,
    fed the same arrays."""
    if not _MODEL_CACHE:
        _MODEL_CACHE.append(folder)


@lru_cache(maxsize=1)
def _classify():  # type: ignore[no-untyped-def]
    import py3langid

    if _MODEL_CACHE:
        try:
            return _mapped_identifier(_MODEL_CACHE[0]).classify
        except Exception:  # noqa: BLE001  (another py3langid layout, a read-only folder: unpack as usual)
            pass
    return py3langid.classify


MODEL_ARRAYS = ("ptc", "pc", "nextmove", "row", "output")


def _mapped_identifier(folder: Path):  # type: ignore[no-untyped-def]
    import numpy as np
    from py3langid import langid

    model = langid.MODEL_DIR / langid.MODEL_FILE
    # the unpacked copy belongs to this very model file (any upgrade changes size or time)
    st = model.stat()
    target = folder / f"langid-{st.st_size}-{st.st_mtime_ns}"
    if not (target / "classes.json").is_file():
        _unpack_model(target)
    arrays = {
        name: np.load(target / f"{name}.npy", mmap_mode="r", allow_pickle=False)
        for name in MODEL_ARRAYS
    }
    classes = json.loads((target / "classes.json").read_text(encoding="utf-8"))
    return langid.LanguageIdentifier(
        arrays["ptc"],
        np.asarray(arrays["pc"]),
        classes,
        memoryview(arrays["nextmove"]),
        arrays["output"].tolist(),
        tk_row=arrays["row"].tolist(),
    )


def _unpack_model(target: Path) -> None:
    """py3langid's model as NumPy files in ``target`` (written beside it, then renamed into
    place)."""
    import numpy as np
    from py3langid import langid

    ptc, pc, classes, nextmove, row, output = langid._load_model_file(
        langid.MODEL_DIR / langid.MODEL_FILE
    )  # noqa: SLF001
    tmp = Path(
        tempfile.mkdtemp(
            prefix=f".{target.name}.", dir=target.parent if target.parent.is_dir() else None
        )
    )
    try:
        values = {
            "ptc": np.asarray(ptc),
            "pc": np.asarray(pc),
            "nextmove": np.frombuffer(nextmove, dtype=f"u{nextmove.itemsize}"),
            "row": np.frombuffer(row, dtype=f"u{row.itemsize}"),
            "output": np.asarray(output, dtype=np.int64),
        }
        for name, value in values.items():
            np.save(tmp / f"{name}.npy", value, allow_pickle=False)
        (tmp / "classes.json").write_text(json.dumps(list(classes)), encoding="utf-8")
        os.replace(tmp, target)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


@lru_cache(maxsize=1)
def supported_languages() -> frozenset[str]:
    from ..temporal import available_languages

    return frozenset(available_languages())


def detect_language(text: str) -> str:
    """A language the tagger has data for; anything else (a guess of 'pcm' for a list of symbols,
    say) falls back to the default rather than stopping the build at the tagging stage."""
    # ~300 words decide a language; the classifier costs in proportion to the sample
    sample = text[:2000]
    if len(sample.split()) < 3:
        return DEFAULT_LANGUAGE
    lang, _score = _classify()(sample)
    return str(lang) if str(lang) in supported_languages() else DEFAULT_LANGUAGE
