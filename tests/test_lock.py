"""Concurrent builds are serialized by an flock beside the events file, with a message naming the
holder."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from timeline.cli import main
from timeline.errors import LockError
from timeline.infra.lock import build_lock, lock_path


def test_second_holder_is_refused_with_the_pid(tmp_path: Path) -> None:
    data = tmp_path / "data" / "events.yaml"
    with build_lock(data):
        assert lock_path(data).read_text().strip() == str(os.getpid())
        with pytest.raises(
            LockError, match=rf"another build is running \(pid {os.getpid()}\)"
        ) as info:
            with build_lock(data):
                pass
        assert str(lock_path(data)) in str(info.value)
    with build_lock(data):  # released: free again
        pass


def test_wait_blocks_until_released(tmp_path: Path) -> None:
    data = tmp_path / "events.yaml"
    order: list[str] = []

    def second() -> None:
        with build_lock(data, wait=True, timeout=10, poll=0.01):
            order.append("second")

    with build_lock(data):
        thread = threading.Thread(target=second)
        thread.start()
        time.sleep(0.2)
        order.append("first done")
    thread.join(10)
    assert order == ["first done", "second"]


def test_wait_timeout_gives_up(tmp_path: Path) -> None:
    data = tmp_path / "events.yaml"
    with build_lock(data):
        start = time.monotonic()
        with pytest.raises(LockError, match="another build is running"):
            with build_lock(data, wait=True, timeout=0.3, poll=0.05):
                pass
        assert time.monotonic() - start < 5


def test_lock_dies_with_its_process(tmp_path: Path) -> None:
    """kill -9 of the holder frees the lock: a stale lock file never blocks a later build."""
    data = tmp_path / "events.yaml"
    code = (
        "import sys, time; from pathlib import Path; from timeline.infra.lock import build_lock\n"
        "with build_lock(Path(sys.argv[1])):\n    print('held', flush=True); time.sleep(60)\n"
    )
    proc = subprocess.Popen(
        [sys.executable, "-c", code, str(data)], stdout=subprocess.PIPE, text=True
    )
    try:
        assert proc.stdout is not None and proc.stdout.readline().strip() == "held"
        with pytest.raises(LockError, match=rf"pid {proc.pid}\)"):
            with build_lock(data):
                pass
    finally:
        proc.kill()
        proc.communicate()
    with build_lock(data):
        pass


def test_cli_reports_the_running_build(tmp_path: Path, sample_content: Path) -> None:
    data = tmp_path / "data" / "events.yaml"
    args = [
        "--content",
        str(sample_content),
        "--data",
        str(data),
        "--site",
        str(tmp_path / "site"),
        "-q",
    ]
    with build_lock(data):
        for command in ("build", "extract", "render"):
            result = CliRunner().invoke(main, [command, *args])
            assert result.exit_code != 0, command
            assert f"another build is running (pid {os.getpid()})" in result.output, result.output
        result = CliRunner().invoke(main, ["render", "--wait", "--wait-timeout", "0.2", *args])
        assert result.exit_code != 0 and "another build is running" in result.output
    assert not (tmp_path / "site").exists()  # nothing was written while the lock was held
