"""Errors a content author or translator can fix, located by file, key and line."""

from __future__ import annotations

from collections.abc import Mapping

from .messages import english, localize


class ContentError(Exception):
    """Invalid content or locale data: where it is, what is wrong and (optionally) how to fix it.

    With a `code` (a key of `messages.ENGLISH` and of `messages:` in the locale files) the English
    message and fix come from the catalog and `params`, and the preview and the tools show them in
    the reader's language. Without one, `message` and `hint` are shown as given, in English.
    """

    def __init__(self, path: str, message: str = "", key: str | None = None, line: int | None = None,
                 hint: str | None = None, code: str | None = None, params: Mapping[str, object] | None = None) -> None:
        self.path = path
        self.code = code
        self.params = dict(params or {})
        if code is not None:
            message, hint = english(code, self.params)
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


def describe(error: ContentError, labels: Mapping[str, str]) -> str:
    """The error as one line in the language of `labels` (a locale's values), for the command-line tools."""
    message, hint = localize(error.code, error.params, labels, error.message, error.hint)
    where = f"{error.path}:{error.line}" if error.line else error.path
    field = f" [{error.key}]" if error.key else ""
    fix = f" {labels.get('preview.fix', 'How to fix:')} {hint}" if hint else ""
    return f"{where}{field}: {message}.{fix}" if fix else f"{where}{field}: {message}"
