"""Run the coverage-guided fuzz target for a bounded time (TIMELINE_FUZZ_SECONDS, default 60; 0
skips)."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
SECONDS = int(os.environ.get("TIMELINE_FUZZ_SECONDS", "60"))


@pytest.mark.slow
def test_fuzz_ingest_and_tagging_finds_no_crash(tmp_path: Path) -> None:
    pytest.importorskip("atheris", reason="atheris is installed by the `test` extra")
    if SECONDS <= 0:
        pytest.skip("TIMELINE_FUZZ_SECONDS=0")
    corpus = tmp_path / "corpus"
    shutil.copytree(HERE / "corpus", corpus)
    args = [
        sys.executable,
        str(HERE / "fuzz_ingest.py"),
        f"-max_total_time={SECONDS}",
        "-rss_limit_mb=1536",
        "-timeout=20",
        f"-artifact_prefix={tmp_path}/",
        str(corpus),
    ]
    result = subprocess.run(
        args, capture_output=True, text=True, timeout=SECONDS + 120, cwd=tmp_path
    )
    done = re.search(r"Done (\d+) runs in (\d+) second", result.stderr)
    crashes = sorted(
        p.name
        for p in tmp_path.iterdir()
        if p.name.startswith(("crash-", "timeout-", "oom-", "leak-"))
    )
    print(
        f"\nfuzzing: {done.group(1) if done else '?'} executions in "
        f"{done.group(2) if done else '?'} s, {len(crashes)} crashes"
    )
    assert result.returncode == 0 and not crashes, result.stderr[-3000:]
    assert done and int(done.group(1)) > 0
