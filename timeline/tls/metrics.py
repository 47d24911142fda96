"""Timeline-summarization measures as defined by tilse (Martschat & Markert 2017, 2018).

* Date-F1: precision and recall of the predicted dates against the gold dates.
* Alignment ROUGE-n F1 ("align+ m:1", reported as AR-1 / AR-2 by Gholipour Ghalandari & Ifrim 2020):
  every predicted date is mapped to the gold date of least cost (and, for recall, every gold date to
  a predicted date), the cost being ``date distance factor * (1 - approximate ROUGE-1 F1)``; the
  daily summaries of each mapped pair are compared with ROUGE-n and the n-gram hits are weighted by
  ``1 / (|day difference| + 1)``; hits and totals are summed over dates (micro average).

ROUGE n-gram counting is the ``rouge-score`` package (Porter stemming, its tokenizer). As in tilse's
ROUGE-1.5.5 set-up (``-s``), stop words are removed before n-grams are formed; the list is
``data/stopwords.txt``.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from importlib import resources

from rouge_score import rouge_scorer, tokenizers

from .corpus import Timeline


@dataclass(frozen=True)
class PRF:
    precision: float
    recall: float
    f1: float

    @staticmethod
    def of(hits: float, predicted: float, gold: float) -> PRF:
        p = hits / predicted if predicted else 0.0
        r = hits / gold if gold else 0.0
        return PRF(p, r, 2 * p * r / (p + r) if p + r else 0.0)


def date_f1(predicted: Timeline | set[date], gold: Timeline | set[date]) -> PRF:
    pred, ref = set(predicted), set(gold)
    return PRF.of(len(pred & ref), len(pred), len(ref))


class _StopwordTokenizer(tokenizers.Tokenizer):
    """rouge-score's own tokenizer (lower case, alphanumeric, Porter stems), stop words dropped
    first."""

    def __init__(self, stopwords: frozenset[str]) -> None:
        self._plain = tokenizers.DefaultTokenizer(use_stemmer=False)
        self._stemming = tokenizers.DefaultTokenizer(use_stemmer=True)
        self._stopwords = stopwords

    def tokenize(self, text: str) -> list[str]:
        kept = " ".join(t for t in self._plain.tokenize(text) if t not in self._stopwords)
        return self._stemming.tokenize(kept)


@lru_cache(maxsize=1)
def stopwords() -> frozenset[str]:
    text = resources.files(__package__).joinpath("data/stopwords.txt").read_text(encoding="utf-8")
    return frozenset(w.strip() for w in text.split() if w.strip() and not w.startswith("#"))


class AlignmentRouge:
    """tilse's ``evaluate_align_date_content_costs_many_to_one`` with ROUGE-1 and ROUGE-2."""

    ORDERS = (1, 2)

    def __init__(self) -> None:
        self._tokenizer = _StopwordTokenizer(stopwords())
        self._scorer = rouge_scorer.RougeScorer(
            [f"rouge{n}" for n in self.ORDERS], tokenizer=self._tokenizer
        )
        self._tokens: dict[str, list[str]] = {}

    def score(self, predicted: Timeline, gold: Timeline) -> dict[int, PRF]:
        pred_dates, gold_dates = sorted(predicted), sorted(gold)
        pred_text = {d: "\n".join(predicted[d]) for d in pred_dates}
        gold_text = {d: "\n".join(gold[d]) for d in gold_dates}
        num = {"p": Counter[int](), "r": Counter[int]()}
        den = {"p": Counter[int](), "r": Counter[int]()}
        if pred_dates and gold_dates:
            costs = [
                [self._cost(p, g, pred_text[p], gold_text[g]) for g in gold_dates]
                for p in pred_dates
            ]
            # precision: each predicted date → cheapest gold date
            for i, p in enumerate(pred_dates):
                g = gold_dates[min(range(len(gold_dates)), key=lambda j: costs[i][j])]
                self._add(num["p"], den["p"], "p", pred_text[p], gold_text[g], _weight(p, g))
            for j, g in enumerate(gold_dates):  # recall: each gold date → cheapest predicted date
                p = pred_dates[min(range(len(pred_dates)), key=lambda i: costs[i][j])]
                self._add(num["r"], den["r"], "r", pred_text[p], gold_text[g], _weight(p, g))
        else:  # nothing to align: every n-gram is unmatched
            for d in pred_dates:
                for n in self.ORDERS:
                    den["p"][n] += self._count(pred_text[d], n)
            for d in gold_dates:
                for n in self.ORDERS:
                    den["r"][n] += self._count(gold_text[d], n)
        return {n: _prf(num["p"][n], den["p"][n], num["r"][n], den["r"][n]) for n in self.ORDERS}

    def _add(
        self, num: Counter[int], den: Counter[int], side: str, pred: str, ref: str, weight: float
    ) -> None:
        scores = self._scorer.score(ref, pred)
        for n in self.ORDERS:
            p_count, r_count = self._count(pred, n), self._count(ref, n)
            s = scores[f"rouge{n}"]
            hits = s.precision * p_count if p_count else s.recall * r_count
            num[n] += weight * round(hits)
            den[n] += p_count if side == "p" else r_count

    def _count(self, text: str, n: int) -> int:
        return max(0, len(self._tokenize(text)) - n + 1)

    def _tokenize(self, text: str) -> list[str]:
        if text not in self._tokens:
            self._tokens[text] = self._tokenizer.tokenize(text)
        return self._tokens[text]

    def _cost(self, p: date, g: date, pred: str, ref: str) -> float:
        """tilse: (1 - 1/(|Δdays|+1)) * (1 - approximate ROUGE-1 F1 on whitespace tokens)."""
        date_factor = 1 - _weight(p, g)
        if date_factor == 0:
            return 0.0
        pc, rc = Counter(pred.split()), Counter(ref.split())
        match = sum((pc & rc).values())
        return date_factor * (1 - PRF.of(match, sum(pc.values()), sum(rc.values())).f1)


def _weight(p: date, g: date) -> float:
    return 1 / (abs(p.toordinal() - g.toordinal()) + 1)


def _prf(p_num: float, p_den: float, r_num: float, r_den: float) -> PRF:
    p = p_num / p_den if p_den else 0.0
    r = r_num / r_den if r_den else 0.0
    return PRF(p, r, 2 * p * r / (p + r) if p + r else 0.0)
