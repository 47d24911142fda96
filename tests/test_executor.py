"""The executor: same results, in input order, serial, on a process pool, and on a Dask
LocalCluster."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from timeline.errors import TimelineError
from timeline.infra.executor import map_articles, resolve_jobs


def square(x: int) -> int:
    return x * x


def pid_of(_: int) -> int:
    return os.getpid()


def fail_on_seven(x: int) -> int:
    if x == 7:
        raise ValueError("seven")
    return x


def counting(n: int, seen: list[int]):
    for i in range(n):
        seen.append(i)
        yield i


def test_serial_and_pool_agree_in_input_order() -> None:
    items = list(range(200))
    expected = [x * x for x in items]
    assert list(map_articles(square, items, 1)) == expected
    assert list(map_articles(square, items, 2, chunksize=3)) == expected
    assert list(map_articles(square, iter(items), 2, executor="serial")) == expected


def test_pool_really_uses_other_processes() -> None:
    pids = set(map_articles(pid_of, range(64), 2, chunksize=2))
    assert os.getpid() not in pids


def test_small_inputs_skip_the_pool() -> None:
    assert set(map_articles(pid_of, range(3), 2)) == {os.getpid()}


def test_input_is_streamed_not_materialized() -> None:
    seen: list[int] = []
    results = map_articles(square, counting(10_000, seen), 2, chunksize=4)
    first = [next(results) for _ in range(5)]
    assert first == [0, 1, 4, 9, 16]
    assert len(seen) <= 4 * 2 * 3 + 4 * 2  # window of chunks in flight, not the whole input
    results.close()


def test_errors_propagate() -> None:
    with pytest.raises(ValueError, match="seven"):
        list(map_articles(fail_on_seven, range(50), 2, chunksize=2))


def test_unknown_executor_is_a_clear_error() -> None:
    with pytest.raises(TimelineError, match="unknown executor"):
        list(map_articles(square, [1], executor="spark"))


def test_jobs_zero_means_every_core() -> None:
    assert resolve_jobs(0) >= 1
    assert resolve_jobs(3) == 3


def test_dask_local_cluster_same_code_path() -> None:
    distributed = pytest.importorskip("distributed")
    with distributed.LocalCluster(
        n_workers=1, threads_per_worker=1, processes=True, dashboard_address=None
    ) as cluster:
        results = list(
            map_articles(
                square,
                range(40),
                1,
                executor="dask",
                scheduler=cluster.scheduler_address,
                chunksize=5,
            )
        )
    assert results == [x * x for x in range(40)]


def test_dask_unreachable_scheduler_is_a_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    pytest.importorskip("distributed")
    monkeypatch.setattr("timeline.infra.executor.CONNECT_TIMEOUT", "1s")
    with pytest.raises(TimelineError, match="cannot reach the Dask scheduler"):
        list(map_articles(square, range(4), 1, executor="dask", scheduler="tcp://127.0.0.1:9"))


def _running(pid: str) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().split()[2] != "Z"
    except OSError:
        return False


@pytest.mark.skipif(not Path("/proc/self/task").is_dir(), reason="needs Linux /proc")
def test_workers_die_with_a_killed_build(tmp_path: Path) -> None:
    import signal
    import subprocess
    import sys
    import time

    script = tmp_path / "victim.py"
    script.write_text(
        "import os, time\n"
        "from timeline.infra.executor import map_articles\n"
        "def slow(x):\n    time.sleep(30)\n    return x\n"
        "if __name__ == '__main__':\n"
        "    for _ in map_articles(slow, range(64), 2, chunksize=1):\n        pass\n"
    )
    proc = subprocess.Popen([sys.executable, str(script)])
    deadline = time.time() + 10
    children: list[str] = []
    while time.time() < deadline and len(children) < 2:
        time.sleep(0.2)
        children = Path(f"/proc/{proc.pid}/task/{proc.pid}/children").read_text().split()
    assert len(children) >= 2
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    time.sleep(1.0)
    alive = [pid for pid in children if _running(pid)]
    assert alive == []
