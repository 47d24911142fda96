"""Build one Timeline17 topic into a scratch folder and write a sample of its events as a TSV to
judge by hand.

    python bench/judge_sample.py ../shared/tls/t17/haiti_bbc /tmp/judge/haiti [--articles 80]
    [--events 60] [--seed 13]

The protocol (the four questions and what each means) is docs/judging.md. The script:

1. picks ``--articles`` articles of the topic with a fixed seed and writes each to ``OUT/content/``
   as Markdown with its publication date in front matter (as a newsroom would drop them in);
2. runs ``timeline extract`` there (the whole events stage: extraction, merging, salience), never in
   the repo;
3. samples ``--events`` events with the same seed and writes ``OUT/sample.tsv``: the event as
   published (date, precision, title, actors, places, number of sources) beside the sentence it was
   made from, with four empty columns to fill in (y/n) and a note;
4. prints events per article and the T17 gold-day recall of the built events
   (timeline/tls/recall.py).

A filled-in TSV is scored with ``--score OUT/sample.tsv``.
"""

from __future__ import annotations

import argparse
import csv
import random
import subprocess
import sys
import time
from pathlib import Path

import yaml

from timeline.tls.corpus import find_topics, load_topic
from timeline.tls.recall import gold_day_recall

QUESTIONS = ("q_happening", "q_date", "q_title", "q_names")  # y or n, see docs/judging.md
COLUMNS = (
    "n",
    "id",
    "date",
    "date_end",
    "precision",
    "date_source",
    "date_text",
    "published",
    "title",
    "actors",
    "places",
    "sources",
    "article",
    "sentence",
    *QUESTIONS,
    "note",
)


# The outlet a Timeline17 topic folder is named after ("bpoil_guardian"): what a newsroom would put
# in `source:` (a file path there would be shown to readers as the source's name).
OUTLETS = {
    "bbc": "BBC",
    "guardian": "The Guardian",
    "reuters": "Reuters",
    "foxnews": "Fox News",
    "washingtonpost": "The Washington Post",
    "cnn": "CNN",
    "nytimes": "The New York Times",
}


def write_articles(topic_dir: Path, content: Path, count: int, seed: int) -> int:
    topic = load_topic(topic_dir)
    key = topic_dir.name.rsplit("_", 1)[-1]
    outlet = OUTLETS.get(key.lower(), key)
    articles = sorted(topic.articles(lang="en"), key=lambda a: a.path)
    chosen = random.Random(seed).sample(articles, min(count, len(articles)))
    content.mkdir(parents=True, exist_ok=True)
    for i, article in enumerate(sorted(chosen, key=lambda a: a.path)):
        front = yaml.safe_dump(
            {"date": article.published, "source": outlet, "lang": "en"}, sort_keys=True
        )
        (content / f"{i:03d}.md").write_text(
            f"---\n{front}---\n\n{article.text}\n", encoding="utf-8"
        )
    return len(chosen)


def sample(events_file: Path, out: Path, n: int, seed: int) -> list[dict[str, object]]:
    events = [
        e
        for e in yaml.safe_load(events_file.read_text(encoding="utf-8"))["events"]
        if not e.get("deleted")
    ]
    picked = random.Random(seed).sample(events, min(n, len(events)))
    with out.open("w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, delimiter="\t", lineterminator="\n")
        w.writerow(COLUMNS)
        for i, e in enumerate(picked, 1):
            src = e["sources"][0]
            w.writerow(
                [
                    i,
                    e["id"],
                    e["date"],
                    e.get("date_end") or "",
                    e["precision"],
                    e["date_source"],
                    e.get("date_text") or "",
                    src.get("published") or "",
                    e["title"],
                    "; ".join(e["actors"]),
                    "; ".join(e["places"]),
                    len(e["sources"]),
                    src["article"],
                    " ".join(src["quote"].split()),
                    "",
                    "",
                    "",
                    "",
                    "",
                ]
            )
    return events


def score(tsv: Path) -> None:
    rows = list(csv.DictReader(tsv.open(encoding="utf-8"), delimiter="\t"))
    judged = [r for r in rows if all(r[q].strip() for q in QUESTIONS)]
    if not judged:
        sys.exit(f"{tsv}: no row has all four answers yet")
    yes = {q: sum(r[q].strip().lower().startswith("y") for r in judged) for q in QUESTIONS}
    all_four = sum(all(r[q].strip().lower().startswith("y") for q in QUESTIONS) for r in judged)
    cells = [f"{q[2:]} {100 * yes[q] / len(judged):.0f} %" for q in QUESTIONS]
    print(
        f"{tsv}: {len(judged)} judged; "
        + ", ".join(cells)
        + f"; all four {100 * all_four / len(judged):.0f} %"
    )


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("topic", type=Path, nargs="?")
    parser.add_argument("out", type=Path, nargs="?")
    parser.add_argument("--articles", type=int, default=80)
    parser.add_argument("--events", type=int, default=60)
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--timeline", default=str(Path(sys.executable).with_name("timeline")))
    parser.add_argument("--score", type=Path, help="score a filled-in sample TSV and stop")
    args = parser.parse_args()
    if args.score:
        score(args.score)
        return
    if args.topic is None or args.out is None:
        parser.error("TOPIC and OUT are required")
    topic_dir = find_topics(args.topic)[0]
    out = args.out.resolve()
    if (out / "content").exists():
        sys.exit(f"{out}/content exists: use a fresh scratch folder")
    count = write_articles(topic_dir, out / "content", args.articles, args.seed)
    t0 = time.perf_counter()
    subprocess.run(
        [
            args.timeline,
            "extract",
            "-q",
            "-j",
            "1",
            "--content",
            "content",
            "--data",
            "data/events.yaml",
        ],
        cwd=out,
        check=True,
    )
    seconds = time.perf_counter() - t0
    events = sample(out / "data" / "events.yaml", out / "sample.tsv", args.events, args.seed)
    recall = gold_day_recall(events, load_topic(topic_dir).gold)
    print(
        f"{topic_dir.name}: {count} articles, {len(events)} events ({len(events) / count:.1f} "
        f"per article), "
        f"extract {seconds:.1f} s; gold-day recall "
        + ", ".join(f"{k} {v:.3f}" for k, v in recall.items())
    )
    print(f"wrote {out / 'sample.tsv'}")


if __name__ == "__main__":
    main()
