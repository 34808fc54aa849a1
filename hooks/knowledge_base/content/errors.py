"""Errors a content author or translator can fix, located by file, key and line."""

from __future__ import annotations


class ContentError(Exception):
    """Invalid content or locale data: where it is, what is wrong and (optionally) how to fix it."""

    def __init__(self, path: str, message: str, key: str | None = None, line: int | None = None,
                 hint: str | None = None) -> None:
        self.path = path
        self.message = message
        self.key = key
        self.line = line
        self.hint = hint
        super().__init__(str(self))

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        field = f" [{self.key}]" if self.key else ""
        hint = f". How to fix: {self.hint}" if self.hint else ""
        return f"{where}{field}: {self.message}{hint}"
