"""The executor: same results, in input order, serial, on a process pool, and on a Dask LocalCluster."""

from __future__ import annotations

import os

import pytest

from timeline.errors import TimelineError
from timeline.executor import map_articles, resolve_jobs


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
    with distributed.LocalCluster(n_workers=1, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        results = list(map_articles(square, range(40), 1, executor="dask", scheduler=cluster.scheduler_address, chunksize=5))
    assert results == [x * x for x in range(40)]


def test_dask_unreachable_scheduler_is_a_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    pytest.importorskip("distributed")
    monkeypatch.setattr("timeline.executor.CONNECT_TIMEOUT", "1s")
    with pytest.raises(TimelineError, match="cannot reach the Dask scheduler"):
        list(map_articles(square, range(4), 1, executor="dask", scheduler="tcp://127.0.0.1:9"))
