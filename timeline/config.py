"""Settings: defaults, then timeline.yaml, then the command line (last wins)."""

from __future__ import annotations

from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import Any

import yaml

from .errors import ConfigError
from .models import DOC_TYPES

CONFIG_FILE = "timeline.yaml"


@dataclass(frozen=True, slots=True)
class Config:
    content: Path = Path("content")
    data: Path = Path("data/events.yaml")
    site: Path = Path("site")
    templates: Path | None = None  # None: the templates shipped with the package
    cache: Path | None = None  # None: <data dir>/.cache
    title: str = "Timeline"
    base_url: str = ""
    max_bytes: int = 5_000_000  # larger inputs are refused with an error naming the file
    jobs: int = 0  # 0: all cores
    executor: str = "process"  # process | dask | serial: what runs the per-article work
    # dask: tcp://host:port of an existing scheduler (None: a local cluster)
    scheduler: str | None = None
    top: int = 0  # 0: every event; N: publish a summary timeline of N dates
    # how dates without a year are counted in an article whose front matter has no ``type:``
    # (one of models.DOC_TYPES)
    doc_type: str = "auto"
    # the page (render/page.py): language, link preview, a newsroom's look, the first view
    locale: str = "en"
    description: str = ""
    logo: Path | None = None
    accent: str | None = None
    accent_dark: str | None = None
    font: Path | None = None
    view: object = None  # {from: YYYY-MM-DD, to: YYYY-MM-DD} or "YYYY-MM-DD/YYYY-MM-DD"
    keep_going: bool = False
    quiet: bool = False
    clean_site: bool = (
        False  # replace a site folder that holds files no build wrote (infra/outputs.py)
    )
    project: Path = Path(".")  # the project's folder: the config file's, else the working folder

    @property
    def cache_dir(self) -> Path:
        return self.cache if self.cache is not None else self.data.parent / ".cache"


_PATH_KEYS = {"content", "data", "site", "templates", "cache", "project", "logo", "font"}


def load_config(path: Path | None = None, **overrides: Any) -> Config:
    """Read timeline.yaml (if any) and apply command-line overrides; report every bad key at
    once."""
    settings: dict[str, Any] = {}
    file = path if path is not None else Path(CONFIG_FILE)
    if file.exists():
        settings.update(_read_file(file))
        settings["project"] = file.parent
    elif path is not None:
        raise ConfigError("config file not found", str(path))
    settings.update({k: v for k, v in overrides.items() if v is not None})
    known = {f.name for f in fields(Config)}
    unknown = sorted(set(settings) - known)
    if unknown:
        raise ConfigError(f"unknown setting(s): {', '.join(unknown)}", str(file))
    for key in _PATH_KEYS & settings.keys():
        if settings[key] is not None:
            settings[key] = Path(settings[key])
    if isinstance(settings.get("doc_type"), str):  # folded as the front matter's type: is
        settings["doc_type"] = settings["doc_type"].strip().lower()
    if settings.get("doc_type", "auto") not in DOC_TYPES:
        choices, given = ", ".join(DOC_TYPES), settings["doc_type"]
        raise ConfigError(f"doc_type must be one of {choices}, not {given!r}", str(file))
    config = replace(Config(), **settings)
    from .render.page import page_options  # the page's keys are checked by their owner

    try:
        page_options(config)
    except ValueError as exc:
        raise ConfigError(str(exc), str(file)) from exc
    return config


def _read_file(file: Path) -> dict[str, Any]:
    try:
        loaded = yaml.safe_load(file.read_text(encoding="utf-8"))
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        line = getattr(getattr(exc, "problem_mark", None), "line", None)
        raise ConfigError(
            f"not valid YAML: {exc}".splitlines()[0],
            str(file),
            line + 1 if line is not None else None,
        ) from exc
    if loaded is None:
        return {}
    if not isinstance(loaded, dict):
        raise ConfigError("expected a mapping of settings", str(file))
    settings = {str(k).replace("-", "_"): v for k, v in loaded.items()}
    if "type" in settings:  # the front matter's name for it
        if "doc_type" in settings:
            raise ConfigError("give the document type once: type or doc_type", str(file))
        settings["doc_type"] = settings.pop("type")
    return settings
