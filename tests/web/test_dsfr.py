import re
from pathlib import Path

import pytest
from flask import Flask, render_template, render_template_string

from structure import check_page_structure
from wizard.web import asset_build, dsfr

REPO = Path(__file__).resolve().parents[2]


def make_app():
    app = Flask(__name__, template_folder=REPO / "templates", static_folder=REPO / "static")
    dsfr.register(app)
    return app


def test_assets_are_served_with_long_cache():
    app = make_app()
    with app.test_request_context():
        url = render_template_string("{{ dsfr_url('dsfr.css') }}")
    assert re.fullmatch(r"/static/dsfr/dsfr\.[0-9a-f]{12}\.css", url)  # its content's hash: fonts and icons get one too
    response = app.test_client().get(url)
    assert response.status_code == 200
    assert response.cache_control.max_age == 365 * 24 * 3600
    assert response.cache_control.immutable


def test_missing_build_says_to_run_make_install(monkeypatch, tmp_path):
    monkeypatch.setattr(dsfr, "ASSETS_MANIFEST", tmp_path / "manifest.json")
    with pytest.raises(RuntimeError, match="make install"):
        make_app()


def test_missing_dsfr_says_to_run_npm_ci(monkeypatch, tmp_path):
    monkeypatch.setattr(asset_build, "DIST", tmp_path / "absent")
    with pytest.raises(SystemExit, match="npm ci"):
        asset_build.build(tmp_path / "static", tmp_path / "manifest.json")


def test_error_page_without_header_links():
    app = make_app()
    with app.test_request_context():
        html = render_template(
            "errors/error.html", title="Erreur inattendue", status=500,
            message="Le service a rencontré un problème.", start_url="/debut",
        )
    check_page_structure(html, "/erreur")
    assert 'href="/debut"' in html and "Erreur 500" in html
    assert "fr-header__tools" not in html and "fr-btn--menu" not in html
