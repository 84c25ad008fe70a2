"""Serve the static files built at install (the DSFR the pages use and ours, wizard/web/asset_build.py) with
WhiteNoise: brotli or gzip as the browser accepts, each at a URL that holds its content's hash, cached for good."""
from __future__ import annotations

import json
import re

from flask import Flask, request
from whitenoise import WhiteNoise

from wizard.paths import ASSETS_DIR, ASSETS_MANIFEST
from wizard.web import fixed_urls
from wizard.web.security import JS_FLAG

PREFIX = "/static/"
FOREVER = "public, max-age=31536000, immutable"  # a year: the longest that HTTP caches are asked to keep
HASHED = re.compile(r"\.[0-9a-f]{12}\.\w+$")


def register(app: Flask, headers: dict[str, str] | None = None) -> None:
    """Serve the built files at /static/ (with `headers` added to each) and add the template globals the layout
    (base.html) links with: `asset_url(name)`, `dsfr_url(name)` (the DSFR's files) and `fixed_url(endpoint)`; and
    `js_flag`, its one inline script (a value, not template text: the French spacing never touches it)."""
    if not ASSETS_MANIFEST.is_file():
        raise RuntimeError(f"Fichiers statiques introuvables ({ASSETS_MANIFEST}) : lancez `make install`, qui les "
                           "construit à partir du DSFR (npm ci) et du dossier static/.")
    manifest: dict[str, str] = json.loads(ASSETS_MANIFEST.read_text())

    def add_headers(response_headers, path: str, url: str) -> None:
        for name, value in (headers or {}).items():
            response_headers[name] = value
        if HASHED.search(url):
            response_headers["Cache-Control"] = FOREVER

    app.wsgi_app = WhiteNoise(app.wsgi_app, root=ASSETS_DIR, prefix=PREFIX, add_headers_function=add_headers)

    def asset_url(name: str) -> str:
        """The URL of a built file, by its name in static/ ("css/app.css") or the DSFR's ("dsfr/dsfr.css")."""
        if name not in manifest:
            raise LookupError(f"{name} n'est pas parmi les fichiers statiques construits (wizard/web/asset_build.py)")
        return f"{request.script_root}{PREFIX}{manifest[name]}"

    app.add_template_global(asset_url)
    app.add_template_global(lambda name: asset_url(f"dsfr/{name}"), "dsfr_url")
    app.add_template_global(JS_FLAG, "js_flag")
    fixed_urls.register(app)
