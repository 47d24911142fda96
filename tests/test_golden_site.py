"""The site built from the five seed articles is the committed one, file for file and byte for byte.

As Pelican's tests/output/basic: a change to what the site says or how it looks shows up here as a
diff of tests/golden/site/, reviewed and committed on purpose with `make golden` (which rebuilds
it).
"""

from __future__ import annotations

import difflib
import shutil
from pathlib import Path

from timeline.config import load_config
from timeline.pipeline import build
from timeline.report import BufferReporter

GOLDEN = Path(__file__).parent / "golden" / "site"


def build_seed_site(content: Path, out: Path) -> Path:
    """The five seeds' site, as `make golden` writes it."""
    cfg = load_config(
        None,
        content=content,
        data=out / "data" / "events.yaml",
        site=out / "site",
        quiet=True,
        executor="serial",
    )
    build(cfg, BufferReporter())
    return out / "site"


def _files(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def test_the_seed_site_is_the_committed_golden_site(sample_content: Path, tmp_path: Path) -> None:
    got, want = _files(build_seed_site(sample_content, tmp_path)), _files(GOLDEN)
    assert sorted(got) == sorted(want), (
        "files differ: run `make golden` and review the diff if this is intended"
    )
    for name in sorted(want):
        if got[name] != want[name]:
            diff = difflib.unified_diff(
                want[name].decode("utf-8", "replace").splitlines(),
                got[name].decode("utf-8", "replace").splitlines(),
                lineterm="",
                n=1,
            )
            shown = "\n".join(list(diff)[:30])
            raise AssertionError(f"{name} differs (run `make golden` if intended):\n{shown}")


if __name__ == "__main__":  # `make golden`
    import tempfile

    with tempfile.TemporaryDirectory() as scratch:
        content = Path(scratch) / "content"
        shutil.copytree(Path(__file__).resolve().parents[1] / "content", content)
        site = build_seed_site(content, Path(scratch))
        shutil.rmtree(GOLDEN, ignore_errors=True)
        shutil.copytree(site, GOLDEN)
    print(f"wrote {GOLDEN}")
