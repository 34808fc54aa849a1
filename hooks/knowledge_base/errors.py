"""Errors a content author or translator can fix, located by file, key and line."""

from __future__ import annotations


class ContentError(Exception):
    """Invalid content or locale data, with where it is and what is wrong."""

    def __init__(self, path: str, message: str, key: str | None = None, line: int | None = None) -> None:
        self.path = path
        self.message = message
        self.key = key
        self.line = line
        super().__init__(str(self))

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        field = f" [{self.key}]" if self.key else ""
        return f"{where}{field}: {self.message}"
