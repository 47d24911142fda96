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
