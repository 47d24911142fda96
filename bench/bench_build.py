"""Build benchmark: full build, +1 article rebuild, peak memory, throughput, on synthetic or real
text.

    python bench/bench_build.py                    # 1,000 and 10,000 articles
    python bench/bench_build.py --sizes 100000     # the big one (slow)
    python bench/bench_build.py --corpus real      # real news text (make_real_corpus.py)
    python bench/bench_build.py --baseline ../old  # another checkout's code, in turn, same run

Each size also gets a reference row: Pelican rendering the same Markdown in the same run
(bench/pelican_reference.py; `make bench` installs it): it renders pages, it extracts nothing.

For each size: generate the corpus once (bench/make_corpus.py, cached in --workdir), run
``timeline build`` as a subprocess from scratch, then add one article and build again (the
per-article cache makes this incremental), and report wall time, CPU time, peak memory of the whole
process tree (main process + workers, proportional set sizes, sampled), and articles per second per
core. Results are printed as a Markdown table and written as JSON (--out).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import time
from pathlib import Path

import psutil

sys.path.insert(0, str(Path(__file__).resolve().parent))
import pelican_reference  # noqa: E402
from make_corpus import make_corpus  # noqa: E402
from make_real_corpus import make_real_corpus  # noqa: E402

CORPORA = {"synthetic": make_corpus, "real": make_real_corpus}

SAMPLE_EVERY = 0.05  # seconds between two memory samples at least
# ... and at least 50 times as long as the last sample took (the sampler's share <= 2 %)
SAMPLE_SHARE_INVERSE = 50


def tree_rss(process: psutil.Process) -> int:
    """Memory of the build process and its children: the sum of their proportional set sizes
    (PSS: a page shared by n processes counts 1/n in each), so the pages forked render workers
    share with the build process count once, as they take memory once. Where PSS cannot be read,
    the sum of resident sizes (which counts a shared page once per process: at 100,000 articles,
    three forked render workers made 3 GB look like 12)."""
    total = 0
    try:
        for p in [process, *process.children(recursive=True)]:
            try:
                total += _proportional(p)
            except psutil.NoSuchProcess:
                pass
    except psutil.NoSuchProcess:
        pass
    return total


def _proportional(p: psutil.Process) -> int:
    try:
        return int(p.memory_full_info().pss)
    except (AttributeError, psutil.AccessDenied):
        return int(p.memory_info().rss)


def timed_build(
    content: Path,
    work: Path,
    jobs: int,
    extra: list[str],
    max_mb: float = 0,
    code: Path | None = None,
) -> dict[str, float]:
    """One `timeline build` run: wall seconds, CPU seconds (all processes), peak RSS of the tree
    (MB)."""
    cmd = [
        sys.executable,
        "-m",
        "timeline",
        "build",
        "--content",
        str(content.resolve()),
        "--data",
        str(work.resolve() / "data" / "events.yaml"),
        "--site",
        str(work.resolve() / "site"),
        "--jobs",
        str(jobs),
        "-q",
        "--keep-going",
        *extra,
    ]
    if code is None:
        return timed_command(cmd, None, max_mb)
    # another checkout: run from inside it, since `python -m` puts the working directory before
    # PYTHONPATH (run from this checkout, the main process would import this code and the
    # workers the other's)
    env = {**os.environ, "PYTHONPATH": str(code.resolve())}
    return timed_command(cmd, env, max_mb, cwd=code.resolve())


def timed_command(
    cmd: list[str], env: dict[str, str] | None, max_mb: float = 0, cwd: Path | None = None
) -> dict[str, float]:
    """Run ``cmd``: wall seconds, CPU seconds (all processes), peak memory of the tree (MB)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    proc = subprocess.Popen(
        cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, env=env, cwd=cwd
    )
    watched = psutil.Process(proc.pid)
    peak = 0
    while proc.poll() is None:
        sampled = time.perf_counter()
        peak = max(peak, tree_rss(watched))
        # Reading PSS walks every page table of the tree: ~9 ms at 10,000 articles. Every 50 ms that
        # stole a fifth of a core from the build measured (about 4 s of a 55 s build on two cores);
        # keep it under 2 %.
        time.sleep(max(SAMPLE_EVERY, SAMPLE_SHARE_INVERSE * (time.perf_counter() - sampled)))
        if max_mb and peak > max_mb * 2**20:  # a shared machine: stop before it starves the others
            for child in watched.children(recursive=True):
                child.kill()
            proc.kill()
            proc.wait()
            return {
                "seconds": round(time.perf_counter() - started, 2),
                "cpu_seconds": 0.0,
                "peak_mb": round(peak / 2**20, 1),
                "stopped_over_mb": max_mb,
            }
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    stderr = proc.stderr.read() if proc.stderr else ""
    if proc.returncode != 0:
        raise SystemExit(f"build failed ({proc.returncode}): {stderr[-2000:]}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return {
        "seconds": round(wall, 2),
        "cpu_seconds": round(cpu, 2),
        "peak_mb": round(peak / 2**20, 1),
    }


def bench(
    size: int,
    workdir: Path,
    jobs: int,
    extra: list[str],
    max_mb: float = 0,
    rebuild: bool = True,
    corpus: str = "synthetic",
    code: Path | None = None,
) -> dict[str, object]:
    """``code``: run that checkout's timeline instead of this one (a baseline)."""
    make = CORPORA[corpus]
    content = corpus_folder(size, workdir, corpus)
    work = workdir / (
        f"out-{size}"
        if code is None and corpus == "synthetic"
        else f"out-{corpus}-{size}-{_label(code)}"
    )
    shutil.rmtree(work, ignore_errors=True)
    cores = jobs or len(os.sched_getaffinity(0))
    full = timed_build(content, work, jobs, extra, max_mb, code)
    again: dict[str, float] = {"seconds": 0.0, "cpu_seconds": 0.0, "peak_mb": 0.0}
    if rebuild and "stopped_over_mb" not in full:
        added = make(1, content, seed=2, first=size)  # one new article
        try:
            again = timed_build(content, work, jobs, extra, max_mb, code)
        finally:
            for path in added:
                path.unlink()
    return {
        "code": _label(code),
        "corpus": corpus,
        "articles": size,
        "cores": cores,
        "full": full,
        "rebuild_plus_one": again,
        "articles_per_second_per_core": None
        if "stopped_over_mb" in full
        else round(size / full["seconds"] / cores, 1),
        "cpu_ms_per_article": None
        if "stopped_over_mb" in full
        else round(1000 * full["cpu_seconds"] / size, 2),
    }


def corpus_folder(size: int, workdir: Path, corpus: str) -> Path:
    """The corpus of ``size`` articles, made once in ``workdir``."""
    content = workdir / (f"corpus-{size}" if corpus == "synthetic" else f"corpus-{corpus}-{size}")
    if not (content / ".complete").exists():
        shutil.rmtree(content, ignore_errors=True)
        CORPORA[corpus](size, content)
        (content / ".complete").write_text("")
    return content


def bench_pelican(size: int, workdir: Path, corpus: str, max_mb: float = 0) -> dict[str, object]:
    """Pelican rendering the same Markdown (bench/pelican_reference.py): the reference row."""
    copy = pelican_reference.pelican_corpus(
        corpus_folder(size, workdir, corpus), workdir / f"pelican-{corpus}-{size}"
    )
    work = workdir / f"out-pelican-{corpus}-{size}"
    full = timed_command(pelican_reference.pelican_command(copy, work), None, max_mb)
    rendered = pelican_reference.articles_rendered(work)
    if rendered < size:
        raise SystemExit(f"Pelican rendered {rendered} of {size} articles (see {work})")
    cores = len(os.sched_getaffinity(0))
    return {
        "code": "Pelican (render only)",
        "corpus": corpus,
        "articles": size,
        "cores": cores,
        "full": full,
        "rebuild_plus_one": {"seconds": "-", "cpu_seconds": "-", "peak_mb": "-"},
        "articles_per_second_per_core": round(size / full["seconds"] / cores, 1),
        "cpu_ms_per_article": round(1000 * full["cpu_seconds"] / size, 2),
    }


def _label(code: Path | None) -> str:
    return "this" if code is None else code.name


def table(results: list[dict[str, object]]) -> str:
    lines = [
        "| code | corpus | articles | full build (s) | CPU (s) | peak memory (MB) | +1 "
        "article rebuild (s) "
        "| rebuild peak (MB) | articles/s/core | CPU ms/article |",
        "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in results:
        full, again = r["full"], r["rebuild_plus_one"]
        lines.append(
            f"| {r['code']} | {r['corpus']} | {r['articles']:,} | {full['seconds']} | "  # type: ignore[index]
            f"{full['cpu_seconds']} | {full['peak_mb']} | {again['seconds']} | "  # type: ignore[index]
            f"{again['peak_mb']} | {r['articles_per_second_per_core']} | "
            f"{r['cpu_ms_per_article']} |"
        )  # type: ignore[index]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--jobs", type=int, default=0, help="worker processes (0: every core)")
    parser.add_argument(
        "--workdir", type=Path, default=Path(os.environ.get("TMPDIR", "/tmp")) / "timeline-bench"
    )
    parser.add_argument("--out", type=Path, default=None, help="write the results as JSON here")
    parser.add_argument(
        "--max-mb",
        type=float,
        default=0,
        help="stop a build whose process tree goes over this many MB",
    )
    parser.add_argument("--no-rebuild", action="store_true", help="skip the +1 article rebuild")
    parser.add_argument(
        "--corpus",
        choices=sorted(CORPORA),
        default="synthetic",
        help="synthetic sentences (make_corpus.py) or real news text (make_real_corpus.py)",
    )
    parser.add_argument(
        "--baseline",
        type=Path,
        default=None,
        help="a checkout of other code (a git worktree) to run side by side with this one",
    )
    parser.add_argument("--repeat", type=int, default=1, help="runs of each code, in turn")
    parser.add_argument(
        "--no-pelican",
        action="store_true",
        help="skip the reference row: Pelican rendering the same Markdown (when installed)",
    )
    parser.add_argument("extra", nargs="*", help="more `timeline build` options, after --")
    args = parser.parse_args()
    args.workdir.mkdir(parents=True, exist_ok=True)
    results = []
    for size in args.sizes:
        for _ in range(args.repeat):
            # in turn: the same minutes
            for code in ([args.baseline] if args.baseline else []) + [None]:
                result = bench(
                    size,
                    args.workdir,
                    args.jobs,
                    args.extra,
                    args.max_mb,
                    not args.no_rebuild,
                    args.corpus,
                    code,
                )
                print(json.dumps(result), flush=True)
                results.append(result)
            if not args.no_pelican and pelican_reference.available():
                result = bench_pelican(size, args.workdir, args.corpus, args.max_mb)
                print(json.dumps(result), flush=True)
                results.append(result)
    print(table(results))
    if args.out:
        args.out.write_text(json.dumps(results, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
