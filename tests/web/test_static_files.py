"""The static files the pages load: built at install, compressed once, at content-hashed URLs cached for good."""
import hashlib
import re
from pathlib import Path

import brotli
import gzip
import pytest
import tinycss2

from wizard.paths import ASSETS_DIR, ROOT
from wizard.web import asset_build

HASHED_URL = re.compile(r"/static/[\w/.-]+\.([0-9a-f]{12})\.(css|js|woff2)")
DECODE = {"br": brotli.decompress, "gzip": gzip.decompress}


@pytest.fixture(scope="module")
def linked(app):
    """The stylesheets, scripts and fonts the start page links to."""
    html = app.test_client().get("/").get_data(as_text=True)
    return re.findall(r'(?:href|src)="(/static/[^"]+\.(?:css|js|woff2))"', html)


def test_the_pages_link_to_the_dsfr_bundle_our_stylesheet_and_the_fonts_at_hashed_urls(linked):
    names = [re.sub(r"\.[0-9a-f]{12}\.", ".", url) for url in linked]
    assert names == ["/static/dsfr/fonts/Marianne-Regular.woff2", "/static/dsfr/fonts/Marianne-Bold.woff2",
                     "/static/dsfr/dsfr.css", "/static/dsfr/dsfr.print.css", "/static/css/app.css",
                     "/static/dsfr/dsfr.module.js"]
    assert all(HASHED_URL.fullmatch(url) for url in linked)


@pytest.mark.parametrize("encoding", ["br", "gzip"])
def test_text_files_come_compressed_as_the_browser_accepts_and_cached_for_good(client, linked, encoding):
    for url in (url for url in linked if not url.endswith(".woff2")):
        plain = client.get(url, headers={"Accept-Encoding": "identity"})
        compressed = client.get(url, headers={"Accept-Encoding": encoding})
        assert plain.status_code == compressed.status_code == 200
        assert "Content-Encoding" not in plain.headers
        assert compressed.headers["Content-Encoding"] == encoding, url
        assert compressed.headers["Vary"] == "Accept-Encoding"
        assert len(compressed.data) < len(plain.data) / 2
        assert DECODE[encoding](compressed.data) == plain.data
        for response in (plain, compressed):
            assert response.headers["Cache-Control"] == "public, max-age=31536000, immutable"
            assert response.headers["X-Content-Type-Options"] == "nosniff"
        # The hash in the URL is its content's: a changed file gets a new URL, an unchanged one keeps its own.
        assert HASHED_URL.fullmatch(url).group(1) == hashlib.sha256(plain.data).hexdigest()[:12]


def test_fonts_are_cached_for_good_and_not_compressed_again(client, linked):
    for url in (url for url in linked if url.endswith(".woff2")):
        response = client.get(url, headers={"Accept-Encoding": "br, gzip"})
        assert response.status_code == 200 and response.mimetype == "font/woff2"
        assert "Content-Encoding" not in response.headers  # WOFF2 is brotli inside already
        assert response.headers["Cache-Control"] == "public, max-age=31536000, immutable"


def test_a_file_under_its_plain_name_is_kept_a_short_while_only(client):
    response = client.get("/static/css/app.css", headers={"Accept-Encoding": "br"})
    assert response.status_code == 200 and response.headers["Content-Encoding"] == "br"
    assert "immutable" not in response.headers["Cache-Control"]


def test_the_dsfr_stylesheet_points_only_to_built_files(client, linked):
    stylesheet = next(url for url in linked if "/dsfr/dsfr." in url and "print" not in url)
    css = client.get(stylesheet).get_data(as_text=True)
    targets = set(re.findall(r"url\(([^)]+)\)", css)) - {t for t in re.findall(r"url\(([^)]+)\)", css)
                                                         if t.strip("'\"").startswith(("data:", "#"))}
    assert targets
    for target in targets:
        url = str(Path(stylesheet).parent / target.strip("'\""))
        assert HASHED_URL.fullmatch(url) or re.search(r"\.[0-9a-f]{12}\.(svg|woff)$", url), url
        assert client.get(url).status_code == 200, url


def test_the_dsfr_stylesheet_holds_the_listed_icons_only():
    css = (ASSETS_DIR / "dsfr" / "dsfr.css").read_text()
    drawn = set(re.findall(r"\.fr-icon-([a-z0-9][a-z0-9-]*):", css))
    assert drawn == set(asset_build.ICONS)
    assert "fr-icon-alarm-warning-fill" not in css and "fr-tile" not in css  # an icon and a component not used
    tinycss2.parse_stylesheet(css)  # well formed


def test_every_icon_the_templates_and_the_code_use_is_listed():
    sources = [*(ROOT / "templates").rglob("*.html"), *(ROOT / "wizard").rglob("*.py"), *(ROOT / "rules").rglob("*.yaml")]
    used = {name for path in sources for name in re.findall(r"fr-icon-([a-z0-9]+(?:-[a-z0-9]+)*)", path.read_text())}
    assert used == set(asset_build.ICONS)


def test_every_dsfr_variable_our_stylesheets_read_is_defined_in_the_built_dsfr():
    ours = "\n".join(path.read_text() for path in (ROOT / "static").rglob("*.css"))
    defined = set(re.findall(r"(--[A-Za-z0-9_-]+)\s*:", (ASSETS_DIR / "dsfr" / "dsfr.css").read_text() + ours))
    read = set(re.findall(r"var\(\s*(--[A-Za-z0-9_-]+)", ours))
    assert read and read <= defined, sorted(read - defined)  # the DSFR's cut (wizard/web/css_pruning.py) keeps them


def test_the_dsfr_script_is_a_module_that_never_blocks_rendering(client, app):
    html = client.get("/").get_data(as_text=True)
    scripts = re.findall(r"<script[^>]*src=[^>]*>", html)  # the inline one, a line: tests/web/test_security.py
    assert scripts == [next(s for s in scripts if 'type="module"' in s)]
    assert "nomodule" not in html


def test_an_unknown_static_file_is_refused_when_the_page_is_rendered(app):
    with app.test_request_context("/"):
        with pytest.raises(LookupError, match="dsfr/dsfr.min.css"):
            app.jinja_env.from_string("{{ dsfr_url('dsfr.min.css') }}").render()
