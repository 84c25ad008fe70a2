"""Markup that depends only on a small key, rendered once per process and then reused.

A choice group (a question, its options and their hints, the one selected) looks the same for every agent who made
the same choice, and rendering it costs more than the rest of a step page. A template wraps such markup in
`{% call fragment(key...) %}`: the key must hold everything the markup depends on beside the rules, which do
not change while the app runs. Never keep what an agent typed: `keep=False` renders without keeping.
"""
from __future__ import annotations

from typing import Any
from collections.abc import Callable

from jinja2 import Environment
from markupsafe import Markup

# Far more than the choice groups of the rules in all their states; beyond it, markup is rendered, not kept.
LIMIT = 10_000


class Fragments:
    def __init__(self, environment: Environment) -> None:
        self.environment = environment
        self.kept: dict[tuple, Markup] = {}

    def __call__(self, *key: Any, keep: bool = True, caller: Callable[[], Markup]) -> Markup:
        if not keep or self.environment.auto_reload:  # while templates are edited (debug), show the edits
            return caller()
        # A list is a form field's selection (checkboxes): only which values it holds changes the markup, and
        # counting it as a set keeps a forged selection (repeats, any order) from adding keys.
        key = tuple(frozenset(part) if isinstance(part, list) else part for part in key)
        markup = self.kept.get(key)
        if markup is None:
            markup = caller()
            if len(self.kept) < LIMIT:
                self.kept[key] = markup
        return markup


def install(environment: Environment) -> None:
    """Add the `fragment(*key, keep=True)` global, with a store of its own, to a template environment; nothing is
    kept while the environment reloads edited templates (debug, or the PDF's templates outside Flask)."""
    environment.globals["fragment"] = Fragments(environment)
