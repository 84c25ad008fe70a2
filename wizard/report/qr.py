"""QR codes as inline SVG: presentation attributes only, no style attribute, so the page's CSP accepts them."""
from __future__ import annotations

from functools import lru_cache

import segno
from markupsafe import Markup

# Medium error correction survives a smudged or folded printout; 4 modules of quiet zone, as the standard asks.
ERROR_CORRECTION = "m"
QUIET_ZONE = 4
# Two CSS pixels a module: about 22 mm wide on paper, which any phone reads.
MODULE_SIZE = 2


@lru_cache(maxsize=8)
def svg(url: str, title: str) -> Markup:
    """The QR code of `url` as an <svg> element, dark on white, to put in an HTML page; `title` is its text
    alternative (a tagged PDF's figure takes it as its Alt)."""
    code = segno.make(url, error=ERROR_CORRECTION)
    return Markup(code.svg_inline(scale=MODULE_SIZE, border=QUIET_ZONE, dark="#000", light="#fff",
                                  svgclass="eig-qr", lineclass=None, omitsize=False, title=title))
