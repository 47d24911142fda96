"""Where a build may write: checked before it touches anything.

A full render replaces the whole site folder, so the site folder is the build's only when it is
empty or carries the build's marker (``.timeline-site``, written into every site); a folder holding
other things is refused unless the user opts in (``--force``, ``clean_site: true``), as Hugo and
Pelican never delete what they did not write unless asked. Some places are never the build's, opt-in
or not: a site or events file that is, holds or lies inside content/ or the templates, a site that
is or holds the project's folder, the events file or the cache, a home folder or ``/``.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import ConfigError

if TYPE_CHECKING:  # infra stands under every stage, the configuration included
    from ..config import Config

MARKER = ".timeline-site"
MARKER_TEXT = (
    "This folder is written by `timeline build`: each build may replace everything in it.\n"
)
LEGACY_SIGNATURE = ("index.html", "data/meta.js")  # a site of a version that wrote no marker yet


def check_outputs(cfg: Config) -> None:
    """ConfigError (one line naming the folder) for an output path the build must not write to."""
    site, data = _resolved(cfg.site), _resolved(cfg.data)
    content = _resolved(cfg.content)
    templates = _resolved(cfg.templates) if cfg.templates is not None else None
    for inputs, what in ((content, "the articles folder"), (templates, "the templates folder")):
        if inputs is None:
            continue
        if _overlap(site, inputs):
            raise ConfigError(f"refusing to write the site into {what} {inputs}", str(cfg.site))
        if _inside(data, inputs):
            raise ConfigError(
                f"refusing to write the events file into {what} {inputs}", str(cfg.data)
            )
    roots = [Path("/"), Path.home().resolve(), _resolved(cfg.project)]
    for root in roots:
        if _inside(root, site):
            raise ConfigError(
                f"refusing to use {site} as the site folder: it is or holds {root}", str(cfg.site)
            )
    if data.parent in roots[:2]:
        raise ConfigError(
            f"refusing to keep the events file and its cache in {data.parent}", str(cfg.data)
        )
    for kept, what in ((data, "the events file"), (_resolved(cfg.cache_dir), "the build's cache")):
        if _inside(kept, site):
            raise ConfigError(
                f"refusing to use {site} as the site folder: it holds {what}", str(cfg.site)
            )
    if not cfg.clean_site:
        _check_site_is_ours(site, cfg.site)


def _check_site_is_ours(site: Path, given: Path) -> None:
    if not site.exists():
        return
    if not site.is_dir():
        raise ConfigError("the site folder is a file", str(given))
    if (site / MARKER).is_file() or all((site / name).is_file() for name in LEGACY_SIGNATURE):
        return
    foreign = sorted(p.name for p in site.iterdir())
    if foreign:
        shown = ", ".join(foreign[:3]) + (
            f" and {len(foreign) - 3} more" if len(foreign) > 3 else ""
        )
        raise ConfigError(
            f"the site folder holds files a build did not write ({shown}); "
            "refusing to replace them (--force or clean_site: true to allow it)",
            str(given),
        )


def _resolved(path: Path) -> Path:
    return path.expanduser().resolve()


def _inside(path: Path, folder: Path) -> bool:
    """``path`` is ``folder`` or lies inside it."""
    return path == folder or folder in path.parents


def _overlap(a: Path, b: Path) -> bool:
    return _inside(a, b) or _inside(b, a)
