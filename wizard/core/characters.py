"""The characters no text we keep may hold: control characters (NUL first) and lone surrogates.

Decided once, here, for every edge (a step's answer, a file the CLI reads, a manager's search or comment):
PostgreSQL refuses NUL in text where SQLite keeps it, and a lone surrogate cannot even be encoded, so the two
backends would differ. Tab and newline (CR, LF) are text; every other C0/C1 control character is not.
"""
from __future__ import annotations

import re

_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff]")


def has_forbidden(text: str) -> bool:
    return _FORBIDDEN.search(text) is not None


def without_forbidden(text: str) -> str:
    """For queries: a search with a NUL in it finds what it would find without it."""
    return _FORBIDDEN.sub("", text)


def shown(text: str) -> str:
    """The text with each forbidden character written as its code (U+0000), to quote it in a message."""
    return _FORBIDDEN.sub(lambda match: f"U+{ord(match.group()):04X}", text)
