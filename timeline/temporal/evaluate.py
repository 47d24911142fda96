"""TempEval-3 scoring of the tagger on TimeML files.

Definitions (TempEval-3, UzZaman et al. 2013):
  strict match   identical character span;   relaxed match   overlapping spans (one-to-one pairing)
  P = matched system timexes / system timexes;  R = matched gold timexes / gold timexes
  attribute accuracy = share of relaxed-matched pairs whose attribute (type, value) agrees
  attribute F1       = attribute accuracy x relaxed F1
Run ``python -m timeline.temporal.evaluate [PATH...]`` (directories are searched for ``*.tml``).
"""

from __future__ import annotations

import argparse
import functools
import json
import re
import sys
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

from timeline.models import TemporalExpression
from timeline.temporal.timeml import TimemlDoc, read_tml
from timeline.temporal.timex import precision_of

DEFAULT_CORPUS = Path(__file__).resolve().parents[3] / "shared" / "data" / "te3-tbaq-cleaned"
Tagger = Callable[[str, str | None], list[TemporalExpression]]


def tml_files(paths: Iterable[str | Path]) -> list[Path]:
    out: list[Path] = []
    for p in map(Path, paths):
        out.extend(sorted(p.rglob("*.tml")) if p.is_dir() else [p])
    return out


def _our_tagger(text: str, dct: str | None) -> list[TemporalExpression]:
    from timeline.temporal import tag

    return tag(text, "en", dct)


def evaluate(
    paths: Iterable[str | Path] | None = None, tagger: Tagger | None = None
) -> dict[str, Any]:
    """Scores over all documents; ``tagger(text, dct)`` defaults to ``tag(text, "en", dct)``."""
    files = tml_files(paths or [DEFAULT_CORPUS])
    return evaluate_docs(((p.name, read_tml(p)) for p in files), tagger)


def evaluate_docs(
    docs: Iterable[tuple[str, TimemlDoc]], tagger: Tagger | None = None, n_examples: int = 0
) -> dict[str, Any]:
    """Scores, and the errors by kind (``errors``: counts; ``examples``: the first
    ``n_examples`` of each, ``_EXAMPLES`` when 0, for the report)."""
    n_examples = n_examples or _EXAMPLES
    tagger = tagger or _our_tagger
    c = dict.fromkeys(["gold", "system", "strict", "relaxed", "type", "value"], 0)
    errors: dict[str, int] = {}
    examples: dict[str, list[str]] = {}
    n = 0
    for name, doc in docs:
        n += 1
        system = tagger(doc.text, doc.dct)
        _count(doc.timexes, system, c)
        for kind, note in error_kinds(doc.timexes, system, doc.dct):
            errors[kind] = errors.get(kind, 0) + 1
            if len(examples.setdefault(kind, [])) < n_examples:
                examples[kind].append(f"{name}: {note}")
    return {**_figures(c, n), "errors": dict(sorted(errors.items())), "examples": examples}


_EXAMPLES = 5


def _count(
    gold: list[TemporalExpression], system: list[TemporalExpression], c: dict[str, int]
) -> None:
    c["gold"] += len(gold)
    c["system"] += len(system)
    strict = {(g.start, g.end) for g in gold}
    c["strict"] += sum((s.start, s.end) in strict for s in system)
    for g, s in _pairs(gold, system):
        c["relaxed"] += 1
        c["type"] += g.type == s.type
        c["value"] += g.value == s.value


def error_kinds(
    gold: list[TemporalExpression], system: list[TemporalExpression], dct: str | None
) -> Iterator[tuple[str, str]]:
    """(kind, note) for every error: missed, false, extent, type, and value:<cause> (see
    ``value_cause``)."""
    pairs = _pairs(gold, system)
    paired_g, paired_s = {id(g) for g, _ in pairs}, {id(s) for _, s in pairs}
    for g in gold:
        if id(g) not in paired_g:
            yield "missed", repr(g.text)
    for s in system:
        if id(s) not in paired_s:
            yield "false", f"{s.text!r} -> {s.value}"
    for g, s in pairs:
        if (g.start, g.end) != (s.start, s.end):
            yield "extent", f"{s.text!r} for {g.text!r}"
        if g.type != s.type:
            yield "type", f"{s.text!r} {s.type} for {g.type}"
        if g.value != s.value:
            yield (
                "value:" + value_cause(g.value, s.value, dct),
                f"{s.text!r} {s.value} for {g.value}",
            )


_DURATION = re.compile(r"^PT?[\dX.]")
_DATE = re.compile(r"^(?P<y>\d{4})(?:-(?P<m>\d\d)(?:-(?P<d>\d\d))?)?")


def value_cause(gold: str, system: str, dct: str | None) -> str:
    """Why a value is wrong: unresolved (still UNDEF/X), granularity (another precision),
    direction (the other side of the DCT), year, month, day, or other (durations, sets, times of
    day, REF values)."""
    if system.startswith("UNDEF") or ("X" in system and "X" not in gold):
        return "unresolved"
    g, s = _DATE.match(gold), _DATE.match(system)
    if g is None or s is None:
        same_kind = bool(_DURATION.match(gold) and _DURATION.match(system))
        return "granularity" if same_kind and _unit(gold) != _unit(system) else "other"
    if precision_of(gold) != precision_of(system):
        return "granularity"
    if g["y"] != s["y"]:
        day = (dct or "")[:10]
        if day and (gold < day) != (system < day):
            return "direction"
        return "year"
    if g["m"] != s["m"]:
        return "month"
    if g["d"] != s["d"]:
        return "day"
    return "other"


def _unit(duration: str) -> str:
    return re.sub(r"[\d.]", "", duration)


def _pairs(
    gold: list[TemporalExpression], system: list[TemporalExpression]
) -> list[tuple[Any, Any]]:
    """One-to-one relaxed pairing: both lists are sorted and non-overlapping, so a merge walk
    suffices."""
    pairs, i, j = [], 0, 0
    gold, system = sorted(gold, key=lambda t: t.start), sorted(system, key=lambda t: t.start)
    while i < len(gold) and j < len(system):
        g, s = gold[i], system[j]
        if g.end <= s.start:
            i += 1
        elif s.end <= g.start:
            j += 1
        else:
            pairs.append((g, s))
            i += 1
            j += 1
    return pairs


def _prf(tp: int, system: int, gold: int) -> dict[str, float]:
    p = tp / system if system else 0.0
    r = tp / gold if gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": 100 * p, "recall": 100 * r, "f1": 100 * f}


def _figures(c: dict[str, int], n_docs: int) -> dict[str, Any]:
    strict = _prf(c["strict"], c["system"], c["gold"])
    relaxed = _prf(c["relaxed"], c["system"], c["gold"])
    type_acc = 100 * c["type"] / c["relaxed"] if c["relaxed"] else 0.0
    value_acc = 100 * c["value"] / c["relaxed"] if c["relaxed"] else 0.0
    return {
        "documents": n_docs, "gold": c["gold"], "system": c["system"],
        "strict": strict, "relaxed": relaxed,
        "type": {"accuracy": type_acc, "f1": type_acc * relaxed["f1"] / 100},
        "value": {"accuracy": value_acc, "f1": value_acc * relaxed["f1"] / 100},
    }  # fmt: skip


def format_report(r: dict[str, Any]) -> str:
    lines = [f"{r['documents']} documents, {r['gold']} gold TIMEX3, {r['system']} system TIMEX3",
             f"{'':10}{'P':>8}{'R':>8}{'F1':>8}"]  # fmt: skip
    for name in ("strict", "relaxed"):
        s = r[name]
        lines.append(f"{name:10}{s['precision']:8.2f}{s['recall']:8.2f}{s['f1']:8.2f}")
    for name in ("type", "value"):
        lines.append(f"{name:10}accuracy {r[name]['accuracy']:6.2f}   F1 {r[name]['f1']:6.2f}")
    if "baseline" in r:
        b = r["baseline"]
        lines.append(f"baseline ({b['name']}): strict F1 {b['strict']['f1']:.2f}, relaxed F1 "
                     f"{b['relaxed']['f1']:.2f}, value F1 {b['value']['f1']:.2f}")  # fmt: skip
    return "\n".join(lines)


def dateparser_tagger(text: str, dct: str | None, lang: str = "en") -> list[TemporalExpression]:
    """Baseline: dateparser.search.search_dates, spans located by searching the returned
    substrings."""
    import datetime as dt

    from dateparser.search import search_dates

    settings: dict[str, Any] = {"RETURN_AS_TIMEZONE_AWARE": False}
    if dct:
        settings["RELATIVE_BASE"] = dt.datetime.fromisoformat(dct[:10])
    found = search_dates(text, languages=[lang], settings=settings) or []
    out, pos = [], 0
    for sub, when in found:
        start = text.find(sub, pos)
        if start < 0:
            continue
        pos = start + len(sub)
        out.append(
            TemporalExpression(sub, start, pos, "DATE", when.date().isoformat(), rule="dateparser")
        )
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("paths", nargs="*", default=[str(DEFAULT_CORPUS)])
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--baseline", action="store_true", help="also score dateparser.search_dates")
    args = ap.parse_args(argv)
    report = evaluate(args.paths)
    if args.baseline:
        report["baseline"] = {
            "name": "dateparser.search_dates",
            **evaluate(args.paths, dateparser_tagger),
        }
    print(json.dumps(report, indent=2) if args.json else format_report(report))
    return 0


if __name__ == "__main__":
    sys.exit(main())


def evaluate_set(s: Any, baseline: bool = False, n_examples: int = 0) -> dict[str, Any]:
    """One ``corpora.EvalSet``: our figures, errors by kind (``n_examples`` of each kept, see
    ``evaluate_docs``), and beside them dateparser's and the published."""
    from timeline.temporal import tag

    report = evaluate_docs(s.documents(), lambda text, dct: tag(text, s.lang, dct), n_examples)
    report.update(
        name=s.name, lang=s.lang, own=s.own, published=s.published, published_note=s.published_note
    )
    if baseline:
        tagger = functools.partial(dateparser_tagger, lang=s.lang)
        report["baseline"] = {
            "name": "dateparser.search_dates",
            **evaluate_docs(s.documents(), tagger),
        }
    return report


def format_sets(reports: list[dict[str, Any]], show_examples: bool = False) -> str:
    """A row per set (and per baseline and published row), then each set's errors by kind, and
    with ``show_examples`` the examples kept of each kind."""
    head = (
        f"{'set':34}{'docs':>5}{'gold':>6}  "
        f"{'strict P/R/F1':>20}{'relaxed F1':>11}{'type F1':>8}{'value F1':>9}"
    )
    lines = [head]
    for r in reports:
        mark = " (own: upper bound)" if r.get("own") else ""
        lines.append(_row(r["name"] + mark, r))
        if "baseline" in r:
            lines.append(_row("  dateparser", r["baseline"]))
        if r.get("published"):
            p = r["published"]
            cells = "".join(
                f"{p.get(k, ''):>{w}}"
                for k, w in (("strict", 20), ("relaxed", 11), ("type", 8), ("value", 9))
            )
            lines.append(f"{'  HeidelTime (published)':45}  {cells}   {r['published_note']}")
    lines.append("")
    for r in reports:
        kinds = ", ".join(f"{k} {v}" for k, v in r["errors"].items())
        lines.append(f"{r['name']}: {kinds}")
    if show_examples:
        for r in reports:
            for kind, notes in r["examples"].items():
                lines.append(f"\n{r['name']} {kind} ({r['errors'][kind]}):")
                lines.extend(f"  {note}" for note in notes)
    return "\n".join(lines)


def _row(name: str, r: dict[str, Any]) -> str:
    s = r["strict"]
    prf = f"{s['precision']:.1f}/{s['recall']:.1f}/{s['f1']:.2f}"
    return (f"{name[:34]:34}{r['documents']:>5}{r['gold']:>6}  {prf:>20}{r['relaxed']['f1']:>11.2f}"
            f"{r['type']['f1']:>8.2f}{r['value']['f1']:>9.2f}")  # fmt: skip
