"""Per-article event mentions cached on disk, so a rebuild re-reads only the articles that changed.

An entry is keyed by the article's content hash (Article.sha256), its path (sources name it) and the
extractor fingerprint: a hash of the code and language data of the tagger and the event reader, so a
change to either invalidates every entry without anyone remembering to bump a version.
"""

from __future__ import annotations

import hashlib
import json
from functools import lru_cache
from pathlib import Path

from .atomic import write_atomic
from .models import Article, Event
from .store.yaml_store import event_from_dict, event_to_dict

PACKAGE = Path(__file__).resolve().parent
FINGERPRINTED = ("events", "temporal", "models.py")


@lru_cache(maxsize=1)
def extractor_fingerprint() -> str:
    digest = hashlib.sha256()
    for name in FINGERPRINTED:
        root = PACKAGE / name
        files = [root] if root.is_file() else sorted(p for p in root.rglob("*") if p.suffix in (".py", ".yaml", ".yml"))
        for file in files:
            digest.update(file.relative_to(PACKAGE).as_posix().encode())
            digest.update(file.read_bytes())
    return digest.hexdigest()[:16]


class MentionCache:
    def __init__(self, folder: Path, fingerprint: str | None = None) -> None:
        self.folder = folder / "mentions"
        self.fingerprint = fingerprint or extractor_fingerprint()
        self.hits = 0

    def _file(self, article: Article) -> Path:
        key = hashlib.sha256(f"{self.fingerprint}\x1f{article.path}\x1f{article.sha256}".encode()).hexdigest()[:32]
        return self.folder / f"{key}.json"

    def get(self, article: Article) -> list[Event] | None:
        if not article.sha256:
            return None
        try:
            entries = json.loads(self._file(article).read_text(encoding="utf-8"))
            return [event_from_dict(e) for e in entries]
        except (OSError, ValueError, TypeError):  # missing or damaged: extract again
            return None

    def put(self, article: Article, mentions: list[Event]) -> None:
        if article.sha256:
            write_atomic(self._file(article), json.dumps([event_to_dict(m) for m in mentions], ensure_ascii=False))

    def prune(self, articles: list[Article]) -> int:
        """Remove entries of articles that are gone or changed; returns how many."""
        keep = {self._file(a).name for a in articles}
        removed = 0
        for file in self.folder.glob("*.json") if self.folder.is_dir() else []:
            if file.name not in keep:
                file.unlink(missing_ok=True)
                removed += 1
        return removed
