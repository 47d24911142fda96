"""CPU time of the events stage per article, one core (CPU, not wall time: the machine is shared):
tagging done first, then only ``extract_events`` timed.

    python bench/bench_events.py [TOPIC ...] [--articles 120]

Side by side with another version of the code: run it again with that version first on PYTHONPATH
(``git archive REV | tar -x -C /tmp/rev; PYTHONPATH=/tmp/rev python bench/bench_events.py``).
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

import timeline
from timeline import temporal
from timeline.events import extract_events
from timeline.tls.corpus import load_topic

DEFAULT = [
    Path(__file__).resolve().parents[2] / "shared" / "tls" / "t17" / t
    for t in ("haiti_bbc", "bpoil_guardian")
]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("topics", type=Path, nargs="*", default=DEFAULT)
    parser.add_argument("--articles", type=int, default=120)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    print(f"code: {Path(timeline.__file__).parent}")
    for folder in args.topics:
        articles = list(load_topic(folder).articles(args.articles, lang="en"))
        tagged = [(a, temporal.tag(a.text, a.lang, a.published)) for a in articles]
        best, count = float("inf"), 0
        for _ in range(args.repeat):
            t0 = time.process_time()
            count = sum(len(extract_events(a, t)) for a, t in tagged)
            best = min(best, time.process_time() - t0)
        chars = sum(len(a.text) for a in articles)
        print(
            f"{folder.name}: {len(articles)} articles ({chars / len(articles):.0f} chars each), "
            f"{1000 * best / len(articles):.2f} ms per article (best of {args.repeat}, CPU "
            f"time), {count / len(articles):.1f} mentions per article"
        )


if __name__ == "__main__":
    main()
