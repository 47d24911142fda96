"""The `timeline` command: parses options, calls the library, turns TimelineError into one line
and an exit status."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import wraps
from pathlib import Path
from typing import Any

import click

from . import __version__, pipeline
from .config import Config, load_config
from .errors import TimelineError
from .report import ConsoleReporter


def path_options(func: Callable[..., Any]) -> Callable[..., Any]:
    """--content/--data/--site/--config/-q/--keep-going, shared by the commands that run the
    pipeline."""
    options = [
        click.option(
            "--config",
            "config_file",
            type=click.Path(path_type=Path),
            help="Config file (default: ./timeline.yaml if present).",
        ),
        click.option(
            "--content",
            type=click.Path(path_type=Path),
            help="Folder of articles (default: content/).",
        ),
        click.option(
            "--data",
            type=click.Path(path_type=Path),
            help="Events YAML file (default: data/events.yaml).",
        ),
        click.option(
            "--site", type=click.Path(path_type=Path), help="Output folder (default: site/)."
        ),
        click.option(
            "--templates", type=click.Path(path_type=Path), help="Jinja2 templates folder."
        ),
        click.option(
            "--keep-going",
            is_flag=True,
            default=None,
            help="Exit 0 even when some articles could not be read.",
        ),
        click.option("-q", "--quiet", is_flag=True, default=None, help="No progress output."),
    ]
    for option in reversed(options):
        func = option(func)
    return func


def scale_options(func: Callable[..., Any]) -> Callable[..., Any]:
    """--jobs/--executor/--scheduler/--top for the commands that extract events (see
    docs/scale.md)."""
    options = [
        click.option(
            "-j",
            "--jobs",
            type=click.IntRange(min=0),
            default=None,
            help="Worker processes (default: 0 = every core).",
        ),
        click.option(
            "--executor",
            type=click.Choice(["process", "dask", "serial"]),
            default=None,
            help="What runs the per-article extraction (default: process).",
        ),
        click.option(
            "--scheduler",
            metavar="tcp://HOST:PORT",
            default=None,
            help="Dask scheduler address (default: a local cluster).",
        ),
        click.option(
            "--top",
            type=click.IntRange(min=0),
            default=None,
            help="Publish a summary timeline of the N most important dates (0: all).",
        ),
    ]
    for option in reversed(options):
        func = option(func)
    return func


def with_config(func: Callable[..., Any]) -> Callable[..., Any]:
    @wraps(func)
    def wrapper(config_file: Path | None, **kwargs: Any) -> Any:
        names = {
            "content",
            "data",
            "site",
            "templates",
            "keep_going",
            "quiet",
            "jobs",
            "executor",
            "scheduler",
            "top",
            "clean_site",
        }
        overrides = {k: kwargs.pop(k) for k in list(kwargs) if k in names}
        try:
            cfg = load_config(config_file, **overrides)
            return func(cfg, **kwargs)
        except TimelineError as exc:
            raise click.ClickException(str(exc)) from exc

    return wrapper


def lock_options(func: Callable[..., Any]) -> Callable[..., Any]:
    """--wait/--wait-timeout/--force for the commands that write data/ or site/ (they run one at
    a time)."""
    func = click.option(
        "--force",
        "clean_site",
        is_flag=True,
        default=None,
        help="Replace a site folder that holds files no build wrote.",
    )(func)
    func = click.option(
        "--wait-timeout",
        type=float,
        default=None,
        metavar="SECONDS",
        help="With --wait: give up after this many seconds.",
    )(func)
    return click.option(
        "--wait/--no-wait",
        default=False,
        show_default=True,
        help="When another build is running: wait for it instead of stopping.",
    )(func)


def explain_option(func: Callable[..., Any]) -> Callable[..., Any]:
    """-v/--explain-rebuild for the commands that build: why each stage was redone or reused."""
    return click.option(
        "-v",
        "--explain-rebuild",
        "explain",
        is_flag=True,
        help="Say why each stage was redone or reused (what changed since the last build).",
    )(func)


@contextmanager
def locked(cfg: Config, wait: bool, wait_timeout: float | None) -> Iterator[None]:
    """Serialize builds with the lock beside the events file; clear what killed builds left behind.
    Refuses, before touching anything, output paths that are not the build's (infra/outputs.py)."""
    from .infra.atomic import clean_leftovers
    from .infra.lock import build_lock
    from .infra.outputs import check_outputs

    check_outputs(cfg)
    with build_lock(cfg.data, wait=wait, timeout=wait_timeout):
        clean_leftovers(cfg.data, cfg.site)
        yield


def finish(cfg: Config, reporter: ConsoleReporter) -> None:
    if reporter.errors and not cfg.keep_going:
        click.echo(
            f"{len(reporter.errors)} problem(s); the rest was built (use --keep-going to exit 0)",
            err=True,
        )
        sys.exit(1)


@click.group()
@click.version_option(__version__, prog_name="timeline")
def main() -> None:
    """Turn a folder of news articles into an interactive timeline website."""


@main.command()
@path_options
@scale_options
@lock_options
@explain_option
@with_config
def build(cfg: Config, wait: bool, wait_timeout: float | None, explain: bool) -> None:
    """content/ → data/events.yaml → site/."""
    reporter = ConsoleReporter(cfg.quiet, explain)
    with locked(cfg, wait, wait_timeout):
        pipeline.build(cfg, reporter)
    finish(cfg, reporter)


@main.command()
@path_options
@scale_options
@lock_options
@explain_option
@with_config
def extract(cfg: Config, wait: bool, wait_timeout: float | None, explain: bool) -> None:
    """content/ → data/events.yaml (keeps corrections made in the YAML)."""
    reporter = ConsoleReporter(cfg.quiet, explain)
    with locked(cfg, wait, wait_timeout):
        pipeline.extract(cfg, reporter)
    finish(cfg, reporter)


@main.command()
@path_options
@lock_options
@explain_option
@with_config
def render(cfg: Config, wait: bool, wait_timeout: float | None, explain: bool) -> None:
    """data/events.yaml → site/."""
    reporter = ConsoleReporter(cfg.quiet, explain)
    with locked(cfg, wait, wait_timeout):
        pipeline.render(cfg, reporter)
    finish(cfg, reporter)


@main.command()
@path_options
@click.option(
    "--host",
    default="127.0.0.1",
    show_default=True,
    help="Address to listen on (127.0.0.1: this machine only).",
)
@click.option(
    "--port",
    default=8000,
    show_default=True,
    type=click.IntRange(0, 65535),
    help="Port (0: any free port).",
)
@with_config
def serve(cfg: Config, host: str, port: int) -> None:
    """Build, serve site/ locally, rebuild on changes to content/, data/ and templates/, reload
    the page."""
    import time as _time

    from .commands.serve import Server, pipeline_builder
    from .infra.outputs import check_outputs
    from .render.site import PACKAGE_TEMPLATES

    check_outputs(cfg)
    watched = [cfg.content, cfg.data.parent, cfg.templates or PACKAGE_TEMPLATES]
    try:
        server = Server(
            cfg.site,
            pipeline_builder(cfg),
            watched,
            host=host,
            port=port,
            log=lambda line: click.echo(line, err=True),
        )
    except OSError as exc:
        raise click.ClickException(f"cannot listen on {host}:{port}: {exc.strerror}") from exc
    server.start()
    click.echo(f"serving {cfg.site}/ at {server.url} (Ctrl-C stops)", err=True)
    try:
        while True:
            _time.sleep(3600)
    except KeyboardInterrupt:
        server.stop()


@main.command()
@path_options
@with_config
def check(cfg: Config) -> None:
    """Validate content and the events YAML; list undated articles and unresolved dates."""
    from .commands.check import run_checks

    reporter = ConsoleReporter(cfg.quiet)
    problems = run_checks(cfg, reporter)
    if problems or reporter.errors:
        sys.exit(1)


@main.command()
@click.argument("event_id")
@path_options
@with_config
def explain(cfg: Config, event_id: str) -> None:
    """Why EVENT_ID's mentions were merged, and why its nearest neighbours were kept apart."""
    reporter = ConsoleReporter(True)
    for line in pipeline.explain(cfg, reporter, event_id):
        click.echo(line)


@main.command()
@click.argument(
    "files", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False, path_type=Path)
)
@click.option("--dct", help="Document creation time (publication date), e.g. 2024-03-03.")
@click.option("--lang", help="Language code (default: detected).")
@click.option(
    "--format", "fmt", type=click.Choice(["jsonl", "timeml"]), default="jsonl", show_default=True
)
@click.option(
    "--doc-type",
    type=click.Choice(["auto", "news", "narrative"]),
    default=None,
    help="News time (the DCT), narrative time (the last date mentioned), or decided per "
    "passage (default: a .md file's front matter type:, else the config's doc_type:, "
    "else auto).",
)
@click.option(
    "--config",
    "config_file",
    type=click.Path(path_type=Path),
    help="Config file whose doc_type: applies (default: ./timeline.yaml if present).",
)
def tag(
    files: tuple[Path, ...],
    dct: str | None,
    lang: str | None,
    fmt: str,
    doc_type: str | None,
    config_file: Path | None,
) -> None:
    """Run the temporal tagger alone on FILES and print the TIMEX3 expressions."""
    from .commands.tag import tag_file_jsonl, tag_file_timeml

    try:
        default = load_config(config_file).doc_type if doc_type is None else None
    except TimelineError as exc:
        raise click.ClickException(str(exc)) from exc
    failed = False
    for file in files:
        try:
            if fmt == "timeml":
                click.echo(tag_file_timeml(file, dct, lang, doc_type, default or "auto"))
            else:
                found = tag_file_jsonl(file, dct, lang, doc_type, default or "auto")
                click.echo(json.dumps(found, ensure_ascii=False))
        except TimelineError as exc:
            click.echo(f"error: {exc}", err=True)
            failed = True
    if failed:
        sys.exit(1)


@main.command(name="eval")
@click.argument("paths", nargs=-1, type=click.Path(exists=True, path_type=Path))
@click.option(
    "--set",
    "sets",
    multiple=True,
    metavar="NAME",
    help="Score one public or own gold set (repeatable; default without PATHS: every set present).",
)
@click.option(
    "--lang", default="en", show_default=True, help="Language of the TimeML files given as PATHS."
)
@click.option("--json", "as_json", is_flag=True, help="Print the figures as JSON.")
@click.option(
    "--baseline", is_flag=True, help="Also score dateparser.search.search_dates on the same files."
)
@click.option(
    "--examples",
    "n_examples",
    type=click.IntRange(min=0),
    default=0,
    metavar="N",
    help="List the first N errors of each kind per set (0: none listed; the JSON keeps 5).",
)
def evaluate(
    paths: tuple[Path, ...],
    sets: tuple[str, ...],
    lang: str,
    as_json: bool,
    baseline: bool,
    n_examples: int,
) -> None:
    """Score the tagger (TempEval-3 measures, errors by kind) on TimeML PATHS, or on the gold sets:
    the public corpora in ../shared/data/ and the team's own hand-annotated ones (an upper
    bound)."""
    from .temporal.corpora import EvalSet, all_sets, find_set
    from .temporal.evaluate import evaluate_set, format_sets

    try:
        chosen = [find_set(name) for name in sets]
    except KeyError as exc:
        raise click.ClickException(
            f"no gold set {exc}; known: {', '.join(s.name for s in all_sets())}"
        ) from exc
    if paths:
        chosen += [EvalSet(str(p), lang, p, "tml", "mixed") for p in paths]
    if not chosen:
        chosen = [s for s in all_sets() if s.present()]
    reports = [evaluate_set(s, baseline, n_examples) for s in chosen]
    click.echo(
        json.dumps({"sets": reports}, indent=1, sort_keys=True)
        if as_json
        else format_sets(reports, show_examples=n_examples > 0)
    )


@main.command(name="eval-tls")
@click.argument("folder", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option(
    "--json", "as_json", is_flag=True, help="Print {timelines: [...], average: {...}} as JSON."
)
@click.option(
    "--max-articles",
    type=click.IntRange(min=1),
    default=None,
    help="Read only the first N articles of each topic (quick runs).",
)
@click.option(
    "-j",
    "--jobs",
    type=click.IntRange(min=0),
    default=0,
    help="Worker processes (default: every core).",
)
@click.option(
    "--executor",
    type=click.Choice(["process", "dask", "serial"]),
    default="process",
    show_default=True,
)
@click.option(
    "--scheduler", metavar="tcp://HOST:PORT", default=None, help="Dask scheduler address."
)
@click.option("-q", "--quiet", is_flag=True, help="No progress output.")
def eval_tls(
    folder: Path,
    as_json: bool,
    max_articles: int | None,
    jobs: int,
    executor: str,
    scheduler: str | None,
    quiet: bool,
) -> None:
    """Build timelines for a Timeline17-style FOLDER (topic folders, or one topic) and score them.

    Prints Date-F1 (top-l and all dates) and alignment ROUGE-1/2 F1 per gold timeline and on
    average."""
    from .tls import evaluate as run_tls
    from .tls import format_table

    def progress(message: str) -> None:
        if not quiet:
            click.echo(message, err=True)

    try:
        result = run_tls(folder, jobs, executor, scheduler, max_articles, progress)
    except TimelineError as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(json.dumps(result, indent=1) if as_json else format_table(result))
