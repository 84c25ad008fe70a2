"""The characters no text we keep may hold: control characters (NUL first) and lone surrogates.

Decided once, here, for every edge (a step's answer, a file the CLI reads, a manager's search or comment):
PostgreSQL refuses NUL in text where SQLite keeps it, and a lone surrogate cannot even be encoded, so the two
backends would differ. Tab and newline (CR, LF) are text; every other C0/C1 control character is not.
"""
from __future__ import annotations

import re
import reprlib
import unicodedata

QUOTED_LENGTH = 80  # characters of an outside value a message quotes
# A list or a mapping quoted by a few of its items only, however large or deep (reprlib stops where it is bounded).
_BOUNDED = reprlib.Repr()  # Python 3.11's takes no arguments
_BOUNDED.maxlevel, _BOUNDED.maxlist, _BOUNDED.maxdict = 2, 4, 4
_BOUNDED.maxstring = _BOUNDED.maxother = QUOTED_LENGTH
_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff]")


# Invisible characters that change how a text reads or is found without being seen: the bidirectional controls
# (U+202E shows « ecnarF » for « France »), zero-width spaces and joiners, the soft hyphen, the word joiner, the
# byte order mark, the tag characters. Removed from what is typed and from beta.gouv.fr's texts, ignored by the
# search (issue 26): nothing a reader sees is lost.
_INVISIBLE = re.compile("[\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff"
                        "\U000e0000-\U000e007f]")
# Letters of these alphabets within one word: « Мinistère » with a Cyrillic « М » looks like the Latin one.
_LOOKALIKE_SCRIPTS = ("LATIN", "CYRILLIC", "GREEK")
_WORD = re.compile(r"[^\W\d_]{2,}")


def without_invisible(text: str) -> str:
    return _INVISIBLE.sub("", text)


def mixes_scripts(text: str) -> bool:
    """Whether a word of the text mixes Latin, Cyrillic or Greek letters (a lookalike: « Мinistère »)."""
    for word in _WORD.findall(text):
        if word.isascii():
            continue
        scripts = {unicodedata.name(letter, "").split(" ")[0] for letter in word}
        if len(scripts.intersection(_LOOKALIKE_SCRIPTS)) > 1:
            return True
    return False


def has_forbidden(text: str) -> bool:
    return _FORBIDDEN.search(text) is not None


def without_forbidden(text: str) -> str:
    """For queries: a search with a NUL in it finds what it would find without it."""
    return _FORBIDDEN.sub("", text)


def shown(text: str) -> str:
    """The text with each forbidden character written as its code (U+0000), to quote it in a message."""
    return _FORBIDDEN.sub(lambda match: f"U+{ord(match.group()):04X}", text)


def quoted(value: object) -> str:
    """An outside value (a file's answer: a text, a number, a list) as a message quotes it: short, whatever its size,
    and with its forbidden characters shown."""
    text = value if isinstance(value, str) else _BOUNDED.repr(value)
    return shown(text if len(text) <= QUOTED_LENGTH else text[:QUOTED_LENGTH] + "…")
