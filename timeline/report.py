"""Progress and problems go through a Reporter, never through print() inside the pipeline."""

from __future__ import annotations

import sys
from typing import Protocol


class Reporter(Protocol):
    # whether explain() is heard: the reasons are only gathered then (some cost a read of the
    # build record)
    explaining: bool

    def progress(self, message: str) -> None: ...

    def error(self, message: str) -> None: ...

    def warning(self, message: str) -> None: ...

    def explain(self, message: str) -> None:
        """Why a stage of the build was redone or reused (``--explain-rebuild``)."""


class ConsoleReporter:
    """Progress on stderr; errors and warnings one line each, de-duplicated; with ``explain``, why
    each stage was redone or reused (lines starting ``why:``, printed even when quiet)."""

    def __init__(self, quiet: bool = False, explain: bool = False) -> None:
        self.quiet = quiet
        self.explaining = explain
        self.errors: list[str] = []
        self.warnings: list[str] = []

    def progress(self, message: str) -> None:
        if not self.quiet:
            print(message, file=sys.stderr)

    def error(self, message: str) -> None:
        if message not in self.errors:
            self.errors.append(message)
            print(f"error: {message}", file=sys.stderr)

    def warning(self, message: str) -> None:
        if message not in self.warnings:
            self.warnings.append(message)
            if not self.quiet:
                print(f"warning: {message}", file=sys.stderr)

    def explain(self, message: str) -> None:
        if self.explaining:
            print(f"why: {message}", file=sys.stderr)


class BufferReporter:
    """Collects everything; used by tests and by `timeline serve` to show errors in the page."""

    def __init__(self, explain: bool = False) -> None:
        self.explaining = explain
        self.messages: list[str] = []
        self.errors: list[str] = []
        self.warnings: list[str] = []
        self.explanations: list[str] = []

    def progress(self, message: str) -> None:
        self.messages.append(message)

    def error(self, message: str) -> None:
        if message not in self.errors:
            self.errors.append(message)

    def warning(self, message: str) -> None:
        if message not in self.warnings:
            self.warnings.append(message)

    def explain(self, message: str) -> None:
        if self.explaining:
            self.explanations.append(message)
