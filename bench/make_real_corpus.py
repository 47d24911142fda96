"""A benchmark corpus of real news text: N Markdown articles assembled from the Timeline17 articles.

    python bench/make_real_corpus.py 10000 /tmp/real-10k [--seed 1] [--tls ../shared/tls/t17]

The synthetic corpus (make_corpus.py) is lighter than real news: its sentences are short and alike.
Here each article takes the paragraphs of one real article of ../shared/tls/t17 (its topic chosen at
random, its publication date in the front matter), shuffled with a few paragraphs of another article
of the same topic, so that sizes follow the real ones (about 6 KB, up to tens of KB) and no two
articles are the same text. Nothing of the text is kept in the repository: it is read from the
shared folder when the corpus is made. Deterministic for a seed.
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
from pathlib import Path

from make_corpus import write_numbered

TLS = Path(__file__).resolve().parents[2] / "shared" / "tls" / "t17"


def load_articles(tls: Path = TLS) -> dict[str, list[tuple[str, list[str]]]]:
    """topic → [(publication date, paragraphs)], in the files' order."""
    topics: dict[str, list[tuple[str, list[str]]]] = {}
    for file in sorted(tls.glob("*/articles.jsonl.gz")):
        with gzip.open(file, "rt", encoding="utf-8") as lines:
            for line in lines:
                item = json.loads(line)
                paragraphs = [p.strip() for p in item["text"].split("\n") if len(p.strip()) > 40]
                if paragraphs and item.get("pubdate"):
                    topics.setdefault(file.parent.name, []).append((item["pubdate"], paragraphs))
    if not topics:
        raise SystemExit(f"no articles under {tls}")
    return topics


def article(number: int, rng: random.Random, topics: dict[str, list[tuple[str, list[str]]]]) -> str:
    topic = rng.choice(sorted(topics))
    published, paragraphs = rng.choice(topics[topic])
    _, other = rng.choice(topics[topic])
    tail = list(paragraphs[1:]) + rng.sample(other, min(len(other), rng.randint(1, 3)))
    rng.shuffle(tail)
    body = [paragraphs[0], *tail]
    title = body[0][:90].rsplit(" ", 1)[0]
    head = (
        f"---\ntitle: {json.dumps(title)}\ndate: {published}\nsource: "
        f"{topic.split('_')[-1]}\n---\n\n"
    )
    return head + "\n\n".join(body) + f"\n\n(bench article {number})\n"


def make_real_corpus(
    count: int, folder: Path, seed: int = 1, first: int = 0, tls: Path = TLS
) -> list[Path]:
    topics = load_articles(tls)
    rng = random.Random(seed * 1_000_003 + first)
    return write_numbered(folder, first, count, lambda number: article(number, rng, topics))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("count", type=int)
    parser.add_argument("folder", type=Path)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--first", type=int, default=0, help="number of the first article")
    parser.add_argument("--tls", type=Path, default=TLS)
    args = parser.parse_args()
    make_real_corpus(args.count, args.folder, args.seed, args.first, args.tls)
    print(f"wrote {args.count} articles to {args.folder}")


if __name__ == "__main__":
    main()
