"""The programme's FAQ: read the site's own file format, give each entry a slug, render its Markdown."""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

import nh3
from markupsafe import escape
import yaml
from markdown_it import MarkdownIt

from wizard.rules.typography import french_spacing_html, rule_text
from wizard.rules.yaml_lines import syntax_error

_PLACEHOLDER = re.compile(r"lorem\s+ipsum", re.IGNORECASE)
_MARKDOWN = MarkdownIt("commonmark", {"linkify": False})


@dataclass(frozen=True)
class FaqEntry:
    slug: str
    title: str
    desc: str  # Markdown, as published
    html: str  # rendered once at load, sanitised
    line: int  # where the entry starts in its file


@dataclass(frozen=True)
class Faq:
    path: Path
    title: str
    entries: tuple[FaqEntry, ...]
    warnings: tuple[str, ...]
    contact_html: str = ""  # the page's closing block ("Mieux vous accompagner"), rendered and sanitised

    def get(self, slug: str) -> FaqEntry | None:
        return self._by_slug.get(slug)

    @cached_property
    def _by_slug(self) -> dict[str, FaqEntry]:
        return {entry.slug: entry for entry in self.entries}

    @property
    def slugs(self) -> frozenset[str]:
        return frozenset(entry.slug for entry in self.entries)


class FaqError(Exception):
    def __init__(self, path: Path, line: int, message: str):
        super().__init__(f"{path}:{line}: {message}")
        self.path, self.line, self.message = path, line, message


def slugify(text: str) -> str:
    # Either apostrophe separates words: « l’appel » and « l'appel » give one slug.
    ascii_text = unicodedata.normalize("NFKD", text.replace("\u2019", "'")).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


def render_markdown(text: str) -> str:
    """Markdown to sanitised HTML (the FAQ is published content, never trusted markup), with French spacing in
    its text."""
    return french_spacing_html(nh3.clean(_MARKDOWN.render(text), link_rel="noopener noreferrer"))


def load_faq(path: Path, corrections: dict[str, str] | None = None) -> Faq:
    """Load a FAQ page in the programme site's format (YAML front matter between `---` lines).

    `corrections` maps a wrong text (a misspelled URL, a typo, a link without its mailto:) to the right one,
    in the entries and the contact block; each use is a warning, and so is a correction that finds nothing.
    Placeholder (lorem ipsum) entries are left out, with a warning.
    """
    text = path.read_text(encoding="utf-8")
    front_matter, start_line = _front_matter(path, text)
    try:
        node, data = _parse(front_matter)
    except yaml.YAMLError as error:
        line, message = syntax_error(error)
        raise FaqError(path, start_line + max(line - 1, 0), f"YAML illisible : {message}") from None
    if not isinstance(data, dict) or not isinstance(data.get("questions"), list):
        raise FaqError(path, start_line, "l'en-tête doit contenir une liste « questions »")
    lines = _entry_lines(node, start_line)
    entries, warnings, seen, used = [], [], set(), set()
    correct = _corrector(path, corrections or {}, warnings, used)
    for index, item in enumerate(data["questions"]):
        line = lines[index] if index < len(lines) else start_line
        if not isinstance(item, dict) or not isinstance(item.get("title"), str) or not isinstance(item.get("desc"), str):
            raise FaqError(path, line, "chaque question doit avoir un « title » et un « desc » textuels")
        title, desc = rule_text(item["title"]), item["desc"]
        if _PLACEHOLDER.search(title) or _PLACEHOLDER.search(desc):
            warnings.append(f"{path}:{line}: entrée de remplissage (lorem ipsum) ignorée : « {title[:60]} »")
            continue
        desc = correct(desc, line)
        slug = _unique(slugify(title), seen)
        entries.append(FaqEntry(slug=slug, title=title, desc=desc, html=render_markdown(desc), line=line))
    contact = data.get("contact")
    contact_html = render_markdown(correct(contact, _key_line(node, "contact", start_line))) if isinstance(contact, str) else ""
    warnings += [f"{path}:{start_line}: correction sans effet, texte introuvable : « {wrong} »"
                 for wrong in corrections or {} if wrong not in used]
    return Faq(path=path, title=rule_text(data.get("title", "")), entries=tuple(entries), warnings=tuple(warnings),
               contact_html=contact_html)


def _corrector(path: Path, corrections: dict[str, str], warnings: list[str], used: set[str]):
    """A function that applies the corrections to a text, noting each one applied as a warning."""
    def correct(text: str, line: int) -> str:
        for wrong, right in corrections.items():
            if wrong in text:
                text = text.replace(wrong, right)
                used.add(wrong)
                what = "adresse corrigée" if wrong.startswith("http") else "texte corrigé"
                warnings.append(f"{path}:{line}: {what} : {_shown(wrong)} → {_shown(right)}")
        return text
    return correct


def _shown(text: str) -> str:
    return text if text.startswith("http") else "« " + text.replace("\n", "\\n") + " »"  # line breaks shown


def _key_line(node, key: str, start_line: int) -> int:
    return next((start_line + k.start_mark.line for k, _ in node.value if k.value == key), start_line)


def _front_matter(path: Path, text: str) -> tuple[str, int]:
    parts = text.split("\n")
    if not parts or parts[0].strip() != "---":
        raise FaqError(path, 1, "le fichier doit commencer par une ligne « --- »")
    for number, line in enumerate(parts[1:], start=1):
        if line.strip() == "---":
            return "\n".join(parts[1:number]), 2
    raise FaqError(path, 1, "la ligne « --- » qui ferme l'en-tête est absente")


def _parse(front_matter: str):
    """The front matter's node (the entries' lines) and data: read by libyaml, and on an error again by the
    pure-Python reader, whose messages syntax_error words."""
    try:
        return _compose_and_construct(front_matter, yaml.CSafeLoader)
    except yaml.YAMLError:
        return _compose_and_construct(front_matter, yaml.SafeLoader)


def _compose_and_construct(text: str, reader):
    loader = reader(text)
    try:
        node = loader.get_single_node()
        return node, None if node is None else loader.construct_document(node)
    finally:
        loader.dispose()


def _entry_lines(node, start_line: int) -> list[int]:
    for key, value in node.value:
        if key.value == "questions" and isinstance(value, yaml.SequenceNode):
            return [start_line + item.start_mark.line for item in value.value]
    return []


def _unique(slug: str, seen: set[str]) -> str:
    candidate, n = slug, 2
    while candidate in seen:
        candidate, n = f"{slug}-{n}", n + 1
    seen.add(candidate)
    return candidate


def unlinked(html: str, url: str, note: str) -> str:
    """An entry's sanitised HTML with its links to `url` made plain text, `note` (plain text: why) beside each."""
    link = re.compile(rf'<a href="{re.escape(escape(url))}"[^>]*>(.*?)</a>', re.DOTALL)
    return link.sub(lambda found: f'<span class="eig-unlinked">{found.group(1)}</span> <em>({escape(note)})</em>', html)
