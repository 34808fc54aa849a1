"""Word-by-word comparison of two versions of an English text, as HTML marks (difflib)."""

from __future__ import annotations

import difflib
import re
from functools import lru_cache

from .markup import esc

_TOKENS = re.compile(r"\s+|\w+|[^\w\s]")


@lru_cache(maxsize=1024)  # pure: under serve, the status page compares the same texts on every rebuild
def word_diff(old: str, new: str) -> tuple[str, str]:
    """`old` with removed words in <del> and `new` with added words in <ins>, both HTML-escaped."""
    a, b = _TOKENS.findall(old), _TOKENS.findall(new)
    before: list[str] = []
    after: list[str] = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        removed, added = esc("".join(a[i1:i2])), esc("".join(b[j1:j2]))
        if op == "equal":
            before.append(removed)
            after.append(added)
            continue
        if removed:
            before.append(f"<del>{removed}</del>")
        if added:
            after.append(f"<ins>{added}</ins>")
    return "".join(before), "".join(after)
