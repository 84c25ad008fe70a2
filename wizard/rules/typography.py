"""French punctuation spacing, applied once: to the rules' texts as they load, and to the templates' own text as
they compile (a Jinja extension), so that no "?" or ";" ever wraps alone onto a line.

French typography puts a no-break space before « ? », « ; », « ! », « : » and « % » and inside « ». We use a
narrow no-break space (U+202F) before ? ; ! % and inside the guillemets, and a full one (U+00A0) before the colon.
An ordinary space there is replaced; where there is none, one is added before ? ; ! after a word (« Pourquoi? »),
before % after a digit (« 75% ») and inside guillemets, never before a colon (10:30, https:). The apostrophe is
one kind, the typographic one (U+2019): a straight one between two letters (« l'appel ») becomes it. Addresses, e-mail addresses, times and HTML entities are
left as they are; in HTML, only the text between tags changes, never a tag, an attribute or the content of
pre, code, script, style and textarea. What an agent types never goes through here: it is shown as typed.
"""
from __future__ import annotations

import re
from typing import Any

from jinja2.ext import Extension
from jinja2.lexer import Token, TokenStream

NARROW = "\u202f"
NO_BREAK = "\u00a0"
# What the spacing rules must not touch: HTML entities (&amp;), addresses (https://…, mailto:…, www.…),
# e-mail addresses and times (10:30).
_KEPT = re.compile(r"&#?\w+;|\b[a-z][a-z0-9+.-]*://\S*|\bmailto:\S*|\bwww\.\S*|[\w.+-]+@[\w-]+(?:\.[\w-]+)+|\d+:\d+",
                   re.IGNORECASE)
_SPACES = "[ \t\r\n]+"
_RULES = (
    (re.compile(f"{_SPACES}([?;!»])"), NARROW + r"\1"),
    (re.compile(f"{_SPACES}:"), NO_BREAK + ":"),
    (re.compile(f"(?<=[\\d}}])(?:{_SPACES}|{NO_BREAK})?%"), NARROW + "%"),
    (re.compile(r"(?<=[^\W\d_])'(?=[^\W\d_])"), "\u2019"),
    (re.compile(f"«{_SPACES}"), "«" + NARROW),
    # No space at all: after a word and before a space, a closing sign or the end (never inside « a?b »).
    (re.compile(r"(?<=[^\W\d_])([?;!]+)(?=[\s)\]»\"'.,…]|$)"), NARROW + r"\1"),
    (re.compile(f"«(?![\\s{NARROW}{NO_BREAK}])"), "«" + NARROW),
    (re.compile(f"(?<![\\s{NARROW}{NO_BREAK}])»"), NARROW + "»"),
)
# The markup that starts in HTML text: a comment, a tag (opening or closing), a declaration or an instruction.
_MARKUP_START = re.compile(r"<(!--|/?[a-zA-Z][\w-]*|!|\?)")
# The elements whose content is code or typed text, never prose.
_VERBATIM = frozenset({"pre", "code", "kbd", "samp", "script", "style", "textarea"})


def rule_text(value: Any) -> str:
    """A text of the rules as the pages show it: on one line, with French spacing; "" for none."""
    return french_spacing(" ".join(str(value).split())) if value is not None else ""


def french_spacing(text: str) -> str:
    """A plain text with French punctuation spacing (see the module's docstring)."""
    parts, position = [], 0
    for kept in _KEPT.finditer(text):
        parts += [_spaced(text[position:kept.start()]), kept.group()]
        position = kept.end()
    parts.append(_spaced(text[position:]))
    return "".join(parts)


def _spaced(text: str) -> str:
    for pattern, replacement in _RULES:
        text = pattern.sub(replacement, text)
    return text


def french_spacing_html(html: str) -> str:
    """An HTML text with French punctuation spacing in its text nodes only."""
    return HtmlSpacing().feed(html)


class HtmlSpacing:
    """French spacing for HTML that comes in pieces, as a template's text does between its {{ }} and {% %}: what
    a piece leaves open (a tag, a comment, a pre element) is still open at the next one."""

    def __init__(self) -> None:
        self._closing = ""  # inside a tag: ">"; inside a comment: "-->"; in text: ""
        self._verbatim = ""  # the verbatim element we are in, if any

    def feed(self, html: str) -> str:
        out, position = [], 0
        while position < len(html):
            if self._closing:
                end = html.find(self._closing, position)
                if end < 0:
                    out.append(html[position:])
                    break
                end += len(self._closing)
                out.append(html[position:end])
                position, self._closing = end, ""
                continue
            markup = _MARKUP_START.search(html, position)
            end = markup.start() if markup else len(html)
            text = html[position:end]
            out.append(text if self._verbatim else french_spacing(text))
            if markup is None:
                break
            self._enter(markup.group(1))
            out.append(markup.group())
            position = markup.end()
        return "".join(out)

    def _enter(self, name: str) -> None:
        self._closing = "-->" if name == "!--" else ">"
        element = name.lstrip("/").lower()
        if name.startswith("/") and element == self._verbatim:
            self._verbatim = ""
        elif not name.startswith("/") and element in _VERBATIM and not self._verbatim:
            self._verbatim = element


class FrenchSpacing(Extension):
    """A Jinja extension: the templates' own text (between tags and in string literals) gets French spacing when a
    template compiles, once; the values a template shows are never changed."""

    def filter_stream(self, stream: TokenStream):
        html = HtmlSpacing()
        for token in stream:
            if token.type == "data":
                yield Token(token.lineno, "data", html.feed(token.value))
            elif token.type == "string":
                yield Token(token.lineno, "string", french_spacing(token.value))
            else:
                yield token
