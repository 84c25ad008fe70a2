"""An HTML document laid out as a tagged PDF by WeasyPrint (which lays text out with Pango), with our print
stylesheets and the DSFR's Marianne font. WeasyPrint fetches nothing from the network: its fetcher serves our own
files from disk and refuses every other address.

The font configuration and the stylesheets are made once per process and reused by every render (making them took
a third of a report's time); a render holds them alone, since WeasyPrint does not say they may be shared between
threads. Importing this module imports WeasyPrint: wizard/report/pdf.py does it at the first PDF only.
"""
from __future__ import annotations

import mimetypes
import threading
from functools import cache, lru_cache
from io import BytesIO
from pathlib import Path
from collections.abc import Mapping
from urllib.parse import unquote, urlsplit

from fontTools.ttLib import woff2
from weasyprint import CSS, HTML
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import URLFetcher, URLFetcherResponse

from wizard.paths import DSFR_DIR, PDF_STYLESHEETS, STATIC_DIR
from wizard.report.pdf_tagging import complete_tags

FONTS_DIR = DSFR_DIR / "dist" / "fonts"
# A tagged PDF, PDF/UA-1 (RGAA: a public service's documents must be accessible): headings, lists, tables and
# figures in a structure tree, the language and the title shown as the window's; the footer an artifact.
PDF_OPTIONS = {"pdf_variant": "pdf/ua-1"}
# The faces of Marianne the report uses: (file name, weight, style).
MARIANNE_FACES = (("Regular", 400, "normal"), ("Regular_Italic", 400, "italic"), ("Medium", 500, "normal"),
                  ("Bold", 700, "normal"))

_rendering = threading.Lock()


def html_to_pdf(html: str) -> bytes:
    with _rendering:
        fonts, stylesheets = _styles()
        document = HTML(string=html, base_url=STATIC_DIR.as_uri() + "/", url_fetcher=OwnFilesFetcher())
        return complete_tags(document.write_pdf(stylesheets=stylesheets, font_config=fonts, **PDF_OPTIONS))


@cache
def _styles() -> tuple[FontConfiguration, list[CSS]]:
    """The fonts (Marianne's faces) and our print stylesheets, parsed once per process."""
    fonts = FontConfiguration()
    fetcher = OwnFilesFetcher()
    stylesheets = [CSS(string=_marianne_faces(), base_url=FONTS_DIR.as_uri() + "/", url_fetcher=fetcher,
                       font_config=fonts)]
    stylesheets += [CSS(filename=path, url_fetcher=fetcher, font_config=fonts) for path in PDF_STYLESHEETS]
    return fonts, stylesheets


def _marianne_faces() -> str:
    return "".join(f'@font-face {{ font-family: Marianne; font-weight: {weight}; font-style: {style}; '
                   f'src: url("Marianne-{name}.woff2") format("woff2"); }}\n'
                   for name, weight, style in MARIANNE_FACES)


class OwnFilesFetcher(URLFetcher):
    """Serves files from our static folder and the DSFR's fonts; refuses anything else, the network above all."""
    allowed = (STATIC_DIR, FONTS_DIR)

    def fetch(self, url: str, headers: Mapping[str, str] | None = None) -> URLFetcherResponse:
        path = self.local_path(url)
        if path.suffix == ".woff2":
            return URLFetcherResponse(url, body=_truetype(path), headers={"Content-Type": "font/ttf"})
        media_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        return URLFetcherResponse(url, body=path.read_bytes(), headers={"Content-Type": media_type})

    def local_path(self, url: str) -> Path:
        parts = urlsplit(url)
        path = Path(unquote(parts.path)).resolve() if parts.scheme == "file" and not parts.netloc else None
        if path is None or not any(path.is_relative_to(folder) for folder in self.allowed) or not path.is_file():
            raise ValueError(f"ressource refusée pour le PDF : {url}")
        return path


@lru_cache(maxsize=len(MARIANNE_FACES))
def _truetype(path: Path) -> bytes:
    """A WOFF2 font decoded to TrueType once per process: WeasyPrint would decode it for every PDF, which took
    more than half of a report's rendering time."""
    decoded = BytesIO()
    woff2.decompress(BytesIO(path.read_bytes()), decoded)
    return decoded.getvalue()
