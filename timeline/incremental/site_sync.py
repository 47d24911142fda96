"""Whether site/ shows the events file as it is now.

An incremental site update applies the *change* an incremental rebuild made to the events file. That
is right only when the site showed the events file as it was before that change. A build killed
after writing the events file but before updating the site (or ``timeline extract`` run alone)
leaves the site one change behind, and the next rebuild, finding nothing new in content/, would keep
it there for good. So every render records which events file (its size, mtime and inode: every write
replaces it) it showed and in which site folder; a build whose site is not in step renders the whole
site again.
"""

from __future__ import annotations

import json
from pathlib import Path

from ..infra.atomic import identity_or_none, write_atomic

RECORD = "site-source.json"


def site_in_step(cache_dir: Path, events_file: Path, site: Path) -> bool:
    """Whether the last render into ``site`` showed ``events_file`` exactly as it is now."""
    try:
        recorded = json.loads((cache_dir / RECORD).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    now = identity_or_none(events_file)
    return now is not None and recorded == {"events": now, "site": str(site.resolve())}


def record_site_source(cache_dir: Path, events_file: Path, site: Path) -> None:
    """After a render or a site update has put every file in place: the site shows this events
    file."""
    cache_dir.mkdir(parents=True, exist_ok=True)
    record = {"events": identity_or_none(events_file), "site": str(site.resolve())}
    write_atomic(cache_dir / RECORD, json.dumps(record, sort_keys=True))


def forget_site_source(cache_dir: Path) -> None:
    """Before the site changes: until the change is complete and recorded, no update trusts it."""
    try:
        (cache_dir / RECORD).unlink()
    except FileNotFoundError:
        pass
