"""The static files the pages load, built once at install (`make install`) into generated/static.

Only the DSFR the pages use, from its npm package: the core, the components listed below and the icon classes
listed below, bundled into one stylesheet and one script; our own files from static/. Each file is written under
its own name and under a name that holds a hash of its content (what the pages link to, cached for good), the
stylesheets' url(...) rewritten to the hashed names of the files they point to. WhiteNoise's compressor then
writes the brotli and gzip versions beside them, so that no request compresses anything.

Run: python -m wizard.web.asset_build
"""
from __future__ import annotations

import hashlib
import io
import json
import os
import re
import shutil
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import tinycss2
from fontTools import subset
from fontTools.ttLib import TTFont
from whitenoise.compress import Compressor

from wizard.paths import ASSETS_DIR, ASSETS_MANIFEST, DSFR_DIR, ROOT, RULES_DIR, STATIC_DIR, TEMPLATES_DIR
from wizard.web import css_pruning

# The DSFR's components the templates use (dist/component/<name>), in the order of the DSFR's own bundle.
COMPONENTS = ("link", "button", "connect", "badge", "callout", "notice", "logo", "accordion", "stepper", "summary", "form",
              "input", "checkbox", "radio", "select", "alert", "table", "pagination", "breadcrumb", "skiplink",
              "modal", "header", "footer", "content")
# The icon classes the templates and the code use (tests/web/test_assets.py checks that none is missing).
ICONS = ("account-circle-line", "arrow-left-line", "arrow-right-line", "article-line", "chat-3-line", "clipboard-line",
         "delete-line", "download-line", "edit-line", "error-warning-line", "external-link-line", "file-text-line",
         "logout-box-r-line", "mail-line", "printer-line", "question-line", "refresh-line", "save-3-line")
# DSFR files the templates link to by name, besides the bundles (the favicons' manifest names its images).
DSFR_FILES = ("favicon/apple-touch-icon.png", "favicon/favicon.svg", "favicon/favicon.ico",
              "favicon/manifest.webmanifest", "favicon/android-chrome-192x192.png",
              "favicon/android-chrome-512x512.png", "artwork/pictograms/system/technical-error.svg",
              "artwork/background/ovoid.svg")
# The characters Marianne is cut down to (the French text of the pages and far more); any other falls back to the
# next font of the DSFR's stack. A font shrinks from 57 to 16 KiB, without its hinting, that screens since the
# 2010s do without. The PDF uses the DSFR's fonts as they are (wizard/report/pdf.py).
FONT_CHARACTERS = [*range(0x20, 0x7F), *range(0xA0, 0x180), *range(0x2000, 0x2070), 0x20AC, 0x2122,
                   *range(0x2190, 0x2194), 0x2212, 0x2264, 0x2265]

DIST = (DSFR_DIR / "dist").resolve()
BANNER = re.compile(r"^/\*!.*?\*/\s*", re.S)
SOURCE_MAP = re.compile(r"/[*/]# sourceMappingURL=\S+( \*/)?\s*$")
URL = re.compile(r"url\((['\"]?)(?!data:|#)([^'\")]+)\1\)")
HASHED = re.compile(r"\.[0-9a-f]{12}\.\w+$")


def build(target: Path = ASSETS_DIR, manifest_path: Path = ASSETS_MANIFEST) -> dict[str, str]:
    """Write the static files into `target`; return (and write) the manifest: logical name -> hashed name."""
    if not DIST.is_dir():
        raise SystemExit(f"DSFR introuvable dans {DIST} : lancez `npm ci` à la racine du dépôt.")
    shutil.rmtree(target, ignore_errors=True)
    builder = _Builder(target, _font_subsets())
    for name in DSFR_FILES:
        builder.copy(DIST / name, f"dsfr/{name}")
    script = _dsfr_script()
    css, folder = _dsfr_stylesheet("main")
    builder.stylesheet((css_pruning.prune(css, _used_classes(script)), folder), "dsfr/dsfr.css")
    builder.stylesheet(_dsfr_stylesheet("print"), "dsfr/dsfr.print.css")
    builder.write(script.encode(), "dsfr/dsfr.module.js")
    for path in sorted(STATIC_DIR.rglob("*")):
        if path.is_file():
            relative = path.relative_to(STATIC_DIR).as_posix()
            if path.suffix == ".css":
                builder.stylesheet((path.read_text(), path.parent), relative)
            else:
                builder.copy(path, relative)
    compressor = Compressor(quiet=True)
    with ProcessPoolExecutor() as pool:  # brotli at its best takes seconds: one file per core at once
        list(pool.map(_compress, [str(path) for path in sorted(target.rglob("*"))
                                  if path.is_file() and compressor.should_compress(path.name)]))
    manifest_path.parent.mkdir(parents=True, exist_ok=True)
    manifest_path.write_text(json.dumps(builder.manifest, indent=1, sort_keys=True))
    return builder.manifest


def _compress(path: str) -> None:
    Compressor(quiet=True).compress(path)  # writes the .br and .gz files, where they are smaller


class _Builder:
    def __init__(self, target: Path, fonts: dict[Path, bytes]) -> None:
        self.target, self.fonts = target, fonts  # the Marianne fonts, cut down (_font_subsets)
        self.manifest: dict[str, str] = {}
        self.by_source: dict[Path, str] = {}  # a DSFR file already written, by where it comes from

    def write(self, content: bytes, name: str) -> str:
        stem, dot, suffix = name.rpartition(".")
        hashed = f"{stem}.{hashlib.sha256(content).hexdigest()[:12]}.{suffix}"
        for written in (name, hashed):  # the plain name too: files that name others by it (the favicons' manifest)
            (self.target / written).parent.mkdir(parents=True, exist_ok=True)
            (self.target / written).write_bytes(content)
        self.manifest[name] = hashed
        return hashed

    def copy(self, source: Path, name: str) -> str:
        if source not in self.by_source:
            content = self.fonts[source] if source in self.fonts else source.read_bytes()
            self.by_source[source] = self.write(content, name)
        return self.by_source[source]

    def stylesheet(self, css_and_folder: tuple[str, Path], name: str) -> str:
        """Write a stylesheet whose url(...) point, from `folder`, to files that are copied and hashed."""
        css, folder = css_and_folder
        here = (self.target / name).parent

        def rewrite(match: re.Match) -> str:
            source = (folder / match.group(2).split("?")[0].split("#")[0]).resolve()
            written = self.copy(source, self._name_of(source))
            return f"url({os.path.relpath(self.target / written, here)})"

        return self.write(URL.sub(rewrite, css).encode(), name)

    @staticmethod
    def _name_of(source: Path) -> str:
        if source.is_relative_to(DIST):
            return f"dsfr/{source.relative_to(DIST).as_posix()}"
        return source.relative_to(STATIC_DIR).as_posix()


def _dsfr_stylesheet(kind: str) -> tuple[str, Path]:
    """The core, the components and the icon classes in one stylesheet ("main" or "print"), with the DSFR's
    notice once. The url(...) of each part are made relative to dist/ itself."""
    parts = [DIST / "core" / f"core.{kind}.min.css"]
    parts += [DIST / "component" / name / f"{name}.{kind}.min.css" for name in COMPONENTS]
    css = [_relative_to_dist(_without_banner(path.read_text()), path.parent) for path in parts if path.exists()]
    if kind == "main":
        css += _icon_rules()
    return _banner() + "\n".join(css), DIST


def _icon_rules() -> list[str]:
    """The rules of the DSFR's icon stylesheets (one per family) that draw the listed icons, nothing else."""
    wanted = {f"fr-icon-{name}" for name in ICONS}
    found: set[str] = set()
    rules = []
    for path in sorted((DIST / "utility" / "icons").glob("icons-*/icons-*.main.min.css")):
        kept = _keep_icon_rules(tinycss2.parse_stylesheet(path.read_text(), skip_whitespace=True,
                                                          skip_comments=True), wanted, found)
        if kept:
            rules.append(_relative_to_dist(kept, path.parent))
    if missing := wanted - found:
        raise SystemExit(f"icônes absentes du DSFR : {', '.join(sorted(missing))}")
    return rules


def _keep_icon_rules(nodes, wanted: set[str], found: set[str]) -> str:
    kept = []
    for node in nodes:
        if node.type == "qualified-rule":
            selectors = [s.strip() for s in tinycss2.serialize(node.prelude).split(",")]
            chosen = [s for s in selectors if set(re.findall(r"\.(fr-icon-[a-z0-9-]+)", s)) & wanted]
            found.update(name for s in chosen for name in re.findall(r"\.(fr-icon-[a-z0-9-]+)", s))
            if chosen:
                kept.append(f"{','.join(chosen)}{{{tinycss2.serialize(node.content)}}}")
        elif node.type == "at-rule" and node.content is not None:
            inner = _keep_icon_rules(tinycss2.parse_blocks_contents(node.content, skip_whitespace=True,
                                                                     skip_comments=True), wanted, found)
            if inner:
                kept.append(f"@{node.at_keyword}{tinycss2.serialize(node.prelude)}{{{inner}}}")
    return "".join(kept)


def _used_classes(script: str) -> css_pruning.UsedClasses:
    """The classes the templates, the code, the rules and our scripts name, and those the DSFR's script sets."""
    sources = [path for folder in (TEMPLATES_DIR, ROOT / "wizard", RULES_DIR, STATIC_DIR)
               for path in sorted(folder.rglob("*")) if path.is_file()]
    return css_pruning.UsedClasses(sources, script)


def _dsfr_script() -> str:
    """The core's script, then each listed component's, each in a block of its own: they all start with
    `const e = window.dsfr`, and a module script defers itself (it never blocks the page's rendering)."""
    parts = [DIST / "component" / name / f"{name}.module.min.js" for name in COMPONENTS]
    blocks = [_without_source_map(_without_banner((DIST / "core" / "core.module.min.js").read_text()))]
    blocks += ["{\n" + _without_source_map(_without_banner(path.read_text())) + "\n}" for path in parts
               if path.exists()]
    return _banner() + "\n".join(blocks) + "\n"


def _font_subsets() -> dict[Path, bytes]:
    """Each Marianne font of the DSFR, cut down to FONT_CHARACTERS: a second each, so one per core at once."""
    fonts = sorted(DIST.rglob("Marianne-*.woff2"))
    with ProcessPoolExecutor() as pool:
        return dict(zip(fonts, pool.map(_font_subset, fonts), strict=True))


def _font_subset(path: Path) -> bytes:
    font = TTFont(io.BytesIO(path.read_bytes()), recalcTimestamp=False)  # the same bytes, and name, at each build
    options = subset.Options()
    options.flavor, options.hinting = "woff2", False
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=FONT_CHARACTERS)
    subsetter.subset(font)
    written = io.BytesIO()
    font.save(written)
    return written.getvalue()


def _banner() -> str:
    return BANNER.match((DIST / "core" / "core.min.css").read_text()).group(0).strip() + "\n"


def _without_banner(text: str) -> str:
    return BANNER.sub("", text, count=1)


def _without_source_map(text: str) -> str:
    return SOURCE_MAP.sub("", text).rstrip()


def _relative_to_dist(css: str, folder: Path) -> str:
    def rebase(match: re.Match) -> str:
        return f"url({(folder / match.group(2)).resolve().relative_to(DIST).as_posix()})"

    return SOURCE_MAP.sub("", URL.sub(rebase, css))


if __name__ == "__main__":
    print(f"{len(build())} fichiers statiques dans {ASSETS_DIR}")
