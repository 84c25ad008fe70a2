"""Link tokens never reach a log: the paths /reprendre/<token> (and the read-only /consulter/<token>) are masked in
every logged text.

The token is the only key to an agent's saved assessment. It appears in request lines, in the Referer of the
page after it, and in Flask's own error messages; the path may come percent-encoded (/%72eprendre/…), which
the router decodes, so the masking looks at the decoded text.
"""
from __future__ import annotations

import logging
import re
from urllib.parse import unquote

_TOKEN_IN_PATH = re.compile(r"/(reprendre|consulter)/[^\s?#\"'/]+", re.IGNORECASE)


def _masked(match: re.Match) -> str:
    return f"/{match.group(1)}/[jeton masqué]"


def mask_tokens(text: str) -> str:
    decoded = unquote(text)
    return _TOKEN_IN_PATH.sub(_masked, decoded) if _TOKEN_IN_PATH.search(decoded) else text


class HideTokens(logging.Filter):
    """Masks the tokens in a log record's message and arguments."""

    def filter(self, record: logging.LogRecord) -> bool:
        if isinstance(record.msg, str):
            record.msg = mask_tokens(record.msg)
        if isinstance(record.args, tuple):
            record.args = tuple(mask_tokens(arg) if isinstance(arg, str) else arg for arg in record.args)
        elif isinstance(record.args, dict):
            record.args = {key: mask_tokens(value) if isinstance(value, str) else value for key, value in record.args.items()}
        return True
