"""Outside data quoted in a message on the terminal: every control character written as its code, so that an
upstream id or a file's content cannot move the cursor, retitle the window, ring or overwrite the line (ESC, BEL,
CR)."""
from __future__ import annotations

import re

_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\ud800-\udfff\u202a-\u202e\u2066-\u2069]")


def printable(text: object) -> str:
    return _CONTROL.sub(lambda match: f"U+{ord(match.group()):04X}", str(text))
