"""Cut the DSFR's stylesheet down to the rules the pages can use, at install (wizard/web/asset_build.py).

A DSFR component ships every variant of itself (a badge in twenty colours, a button in four sizes) and the theme
defines about a thousand colour variables: the selected components alone are 417 KB of CSS, which a phone parses
before its first paint. A rule is kept when every class its selector needs (outside `:not(...)`) can be on a
page: written in a template, the code, the rules or our files, built in a template from a fixed start
(`fr-alert--{{ level }}` keeps every `fr-alert--…`), or set by the DSFR's script (its state classes,
`fr-collapse--expanded`). A custom property is kept when a kept rule, the script or our stylesheets read it. The
dark theme goes: the layout fixes the light one (`data-fr-scheme="light"`). tests/browser/test_dsfr_selection.py
compares the pages with the whole DSFR; tests/web/test_static_files.py checks the properties our stylesheets read.
"""
from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

import tinycss2

CLASS = re.compile(r"\bfr-[a-z0-9_-]*[a-z0-9]")
# A class built in a template or an f-string: its fixed start, then an expression, then maybe a fixed end; not a
# class followed by an expression that adds another (`fr-btn{{ ' fr-btn--secondary' if … }}`).
BUILT = re.compile(r"\b(fr-[a-z0-9_-]*)(?:\{\{(?!\s*[\"'](?:\s|[\"']))[^}]*\}\}|\{[a-z_][^}]*\})([a-z0-9_-]*)")
# …or joined in an expression: `' fr-badge--' ~ kind`.
JOINED = re.compile(r"\b(fr-[a-z0-9_-]*-)[\"']\s*[~+]")
SELECTOR_CLASS = re.compile(r"\.(-?[_a-zA-Z][_a-zA-Z0-9-]*)")
NEGATION = re.compile(r":not\((?:[^()]|\([^()]*\))*\)")
JS_STRING = re.compile(r"[\"'`]([a-z][a-z0-9_-]*)[\"'`]")
JS_PROPERTY = re.compile(r"[\"'`](--[a-z][a-z0-9-]*)[\"'`]")
VARIABLE = re.compile(r"var\(\s*(--[A-Za-z0-9_-]+)")
DARK_THEME = re.compile(r"\[data-fr-theme=[\"']?dark")
_SOURCES = (".html", ".py", ".yaml", ".js", ".css")


class UsedClasses:
    """The classes the pages can carry: found in `sources`, or set by the DSFR's `script`."""

    def __init__(self, sources: Iterable[Path], script: str) -> None:
        text = "\n".join(path.read_text() for path in sources if path.suffix in _SOURCES)
        self.named = set(CLASS.findall(text)) | set(CLASS.findall(script))
        ends = set(BUILT.findall(text)) | {(start, "") for start in JOINED.findall(text)}
        self.built = [re.compile(re.escape(start) + "[a-z0-9_-]*" + re.escape(end) + "$") for start, end in ends]
        self.script_words = set(JS_STRING.findall(script))  # ns.selector("collapse"), {id: "expanded"}
        # The DSFR's colours our stylesheets read, and the properties its script sets or reads.
        self.properties = set(VARIABLE.findall(text)) | set(JS_PROPERTY.findall(script))

    def __contains__(self, name: str) -> bool:
        if name in self.named or name.startswith("fr-icon-"):  # the icons are chosen already (asset_build.ICONS)
            return True
        if any(pattern.match(name) for pattern in self.built):
            return True
        bare = name.removeprefix("fr-")
        return bare in self.script_words or bare.rpartition("--")[2] in self.script_words


def prune(css: str, used: UsedClasses) -> str:
    """The stylesheet without the rules no page can match and the custom properties nothing reads."""
    rules = _kept_rules(_parse(css), used)
    read = _read_properties(rules) | used.properties
    return _serialize(rules, _closure(read, _definitions(rules)))


def _parse(css: str):
    return tinycss2.parse_stylesheet(css, skip_whitespace=True, skip_comments=True)


def _blocks(content):
    return tinycss2.parse_blocks_contents(content, skip_whitespace=True, skip_comments=True)


def _selector_kept(selector: str, used: UsedClasses) -> bool:
    return not DARK_THEME.search(selector) and all(name in used for name in
                                                    SELECTOR_CLASS.findall(NEGATION.sub("", selector)))


def _kept_rules(nodes, used: UsedClasses) -> list:
    """(selector, declarations) pairs and ("@media …", [nested]) pairs; other at-rules (@font-face) as they are."""
    kept = []
    for node in nodes:
        if node.type == "qualified-rule":
            selectors = [s.strip() for s in tinycss2.serialize(node.prelude).split(",")]
            if chosen := [s for s in selectors if _selector_kept(s, used)]:
                kept.append((",".join(chosen), [d for d in _blocks(node.content) if d.type == "declaration"]))
        elif node.type == "at-rule" and node.content is not None and node.at_keyword in ("media", "supports"):
            if inner := _kept_rules(_blocks(node.content), used):
                kept.append((f"@{node.at_keyword}{tinycss2.serialize(node.prelude)}", inner))
        elif node.type == "at-rule":
            kept.append((tinycss2.serialize([node]), None))
    return kept


def _each_declaration(rules):
    for head, body in rules:
        if body and head.startswith("@"):
            yield from _each_declaration(body)
        elif body:
            yield from body


def _read_properties(rules) -> set[str]:
    return {name for d in _each_declaration(rules) if not d.name.startswith("--")
            for name in VARIABLE.findall(tinycss2.serialize(d.value))}


def _definitions(rules) -> dict[str, set[str]]:
    reads: dict[str, set[str]] = {}
    for d in _each_declaration(rules):
        if d.name.startswith("--"):
            reads.setdefault(d.name, set()).update(VARIABLE.findall(tinycss2.serialize(d.value)))
    return reads


def _closure(read: set[str], reads: dict[str, set[str]]) -> set[str]:
    found, todo = set(read), list(read)
    while todo:
        for name in reads.get(todo.pop(), ()):
            if name not in found:
                found.add(name)
                todo.append(name)
    return found


def _serialize(rules, properties: set[str]) -> str:
    out = []
    for head, body in rules:
        if body is None:
            out.append(head)
        elif head.startswith("@"):
            if inner := _serialize(body, properties):
                out.append(f"{head}{{{inner}}}")
        else:
            declarations = [f"{d.name}:{tinycss2.serialize(d.value).strip()}{'!important' if d.important else ''}"
                            for d in body if not d.name.startswith("--") or d.name in properties]
            if declarations:
                out.append(f"{head}{{{';'.join(declarations)}}}")
    return "".join(out)
