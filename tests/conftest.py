from __future__ import annotations

import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CONTENT = ROOT / "content"
SHARED = ROOT.parent / "shared"


@pytest.fixture
def sample_content(tmp_path: Path) -> Path:
    """A private copy of the sample articles, so a test may add or change files."""
    target = tmp_path / "content"
    shutil.copytree(CONTENT, target)
    return target


@pytest.fixture(scope="session")
def tricky_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The renderer's hostile sample (tests/synthetic.py: tricky) built once for every test that
    reads it."""
    from synthetic import tricky  # tests/synthetic.py

    from timeline.render import render_site

    site = tmp_path_factory.mktemp("tricky") / "site"
    events, articles = tricky()
    render_site(events, articles, site, title="Tricky <timeline> & co")
    return site
