"""Runs the per-article work (tagging and event extraction) over many articles.

One function, :func:`map_articles`, whatever runs the work:

* ``serial``  - in this process (``jobs=1``, or inputs too small to be worth a pool);
* ``process`` - a local process pool over ``jobs`` cores (default: every core);
* ``dask``    - a Dask distributed cluster (``scheduler="tcp://host:port"``), or a LocalCluster
  started for the run when no scheduler is given.

Every engine goes through the same loop (:func:`_ordered`): the items are cut into chunks, at most
``window`` chunks are in flight at once, and results come back in input order as soon as the oldest
chunk is done. So memory stays bounded by ``window * chunksize`` items whatever the corpus size, and
the caller can stream results straight into the next stage.
"""

from __future__ import annotations

import ctypes
import multiprocessing
import os
import signal
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Executor, ProcessPoolExecutor
from contextlib import AbstractContextManager, contextmanager
from itertools import islice
from typing import Any, Literal, Protocol, TypeVar

from ..errors import TimelineError

T = TypeVar("T")
R = TypeVar("R")

EngineName = Literal["process", "dask", "serial"]
ENGINES: tuple[str, ...] = ("process", "dask", "serial")
DEFAULT_CHUNKSIZE = {"process": 8, "dask": 64, "serial": 1}
PR_SET_PDEATHSIG = 1
CONNECT_TIMEOUT = "10s"  # how long to wait for a remote Dask scheduler


class _Submitter(Protocol):
    """What both concurrent.futures executors and distributed.Client offer."""

    def submit(self, fn: Callable[..., Any], /, *args: Any, **kwargs: Any) -> Any: ...


def cpu_count() -> int:
    """Cores this process may run on (respects CPU affinity / container limits)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not Linux
        return max(1, os.cpu_count() or 1)


def resolve_jobs(jobs: int) -> int:
    """``0`` (or less) means every core."""
    return jobs if jobs > 0 else cpu_count()


def map_articles(
    func: Callable[[T], R],
    items: Iterable[T],
    jobs: int = 0,
    *,
    executor: str = "process",
    scheduler: str | None = None,
    chunksize: int | None = None,
) -> Iterator[R]:
    """Apply ``func`` to every item, yielding results in input order.

    ``func`` must be a module-level function (it is pickled to the workers). Items are read from
    ``items`` lazily, a window at a time, so an iterator over a huge corpus is never materialized.
    An exception raised by ``func`` is re-raised here, for the first failing item in input order.
    """
    if executor not in ENGINES:
        raise TimelineError(f"unknown executor {executor!r} (choose from {', '.join(ENGINES)})")
    workers = resolve_jobs(jobs)
    size = max(1, chunksize or DEFAULT_CHUNKSIZE[executor])
    iterator = iter(items)
    if executor == "process":
        head = list(islice(iterator, size * 2))
        if workers == 1 or len(head) < size * 2:  # too small to pay for starting a pool
            yield from map(func, head)
            yield from map(func, iterator)
            return
        iterator = _chain(head, iterator)
    elif executor == "serial":
        yield from map(func, iterator)
        return
    with _engine(executor, workers, scheduler) as submitter:
        yield from _ordered(submitter, func, iterator, size, window=workers * 3)


def _chain(head: list[T], rest: Iterator[T]) -> Iterator[T]:
    yield from head
    yield from rest


def _run_chunk(func: Callable[[T], R], chunk: list[T]) -> list[R]:
    return [func(item) for item in chunk]


def _ordered(
    submitter: _Submitter, func: Callable[[T], R], items: Iterator[T], size: int, window: int
) -> Iterator[R]:
    """Keep ``window`` chunks in flight; yield results oldest chunk first (input order)."""
    pending: deque[Any] = deque()
    chunks = iter(lambda: list(islice(items, size)), [])
    for chunk in islice(chunks, window):
        pending.append(submitter.submit(_run_chunk, func, chunk))
    while pending:
        done = pending.popleft().result()
        for chunk in islice(chunks, 1):
            pending.append(submitter.submit(_run_chunk, func, chunk))
        yield from done


def _engine(name: str, workers: int, scheduler: str | None) -> AbstractContextManager[_Submitter]:
    if name == "dask":
        return _dask_client(workers, scheduler)
    return process_pool(workers)


@contextmanager
def process_pool(workers: int) -> Iterator[Executor]:
    """A local pool of forked workers that die with this process (the engine of map_articles,
    also used by render)."""
    # fork shares the already-imported package (tagger resources included) with the workers at no
    # cost
    method = "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"
    pool = ProcessPoolExecutor(
        max_workers=workers,
        mp_context=multiprocessing.get_context(method),
        initializer=_die_with_parent,
    )
    try:
        yield pool
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def _die_with_parent() -> None:
    """A worker whose build is killed exits with it instead of waiting for work forever (Linux
    prctl)."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(PR_SET_PDEATHSIG, signal.SIGTERM)
    except (OSError, AttributeError):  # pragma: no cover - not Linux
        pass


@contextmanager
def _dask_client(workers: int, scheduler: str | None) -> Iterator[_Submitter]:
    try:
        from distributed import Client, LocalCluster
    except ImportError as exc:  # pragma: no cover - depends on the install
        raise TimelineError(
            'the dask executor needs: pip install "timeline[scale]" (dask[distributed])'
        ) from exc
    if scheduler:
        try:
            client = Client(scheduler, timeout=CONNECT_TIMEOUT, set_as_default=False)
        except OSError as exc:
            raise TimelineError(f"cannot reach the Dask scheduler at {scheduler}: {exc}") from exc
        with client:
            yield client
        return
    with LocalCluster(
        n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None
    ) as cluster:
        with Client(cluster, set_as_default=False) as client:
            yield client
