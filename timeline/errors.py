"""One exception tree for everything a user can be told about.

TimelineError
 ├── ConfigError      timeline.yaml or command-line values are wrong
 ├── ContentError     an input article cannot be read (names the file, and the line where
 │                    there is one)
 ├── ResourceError    a language data file is broken
 ├── StoreError       data/events.yaml is damaged or cannot be written
 ├── LockError        another build holds the lock
 └── RenderError      the site cannot be written

NotIncremental        not an error: a stage cannot bring its output up to date from the change
                      alone, so the build runs that stage in full (the message says why, for -v)
"""

from __future__ import annotations


class TimelineError(Exception):
    """Base class: the message is one line a user can act on."""

    def __init__(self, message: str, path: str | None = None, line: int | None = None) -> None:
        self.path = path
        self.line = line
        super().__init__(message)

    def __str__(self) -> str:
        where = ""
        if self.path:
            where = f"{self.path}:{self.line}: " if self.line else f"{self.path}: "
        return where + super().__str__()


class ConfigError(TimelineError):
    pass


class ContentError(TimelineError):
    pass


class ResourceError(TimelineError):
    pass


class StoreError(TimelineError):
    pass


class LockError(TimelineError):
    pass


class RenderError(TimelineError):
    pass


class NotIncremental(Exception):
    """This change needs a full build (the message says why, for --verbose runs and tests)."""
