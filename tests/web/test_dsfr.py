from pathlib import Path

import pytest
from flask import Flask, render_template, url_for

from structure import check_page_structure
from wizard.web import dsfr

REPO = Path(__file__).resolve().parents[2]


def make_app():
    app = Flask(__name__, template_folder=REPO / "templates", static_folder=REPO / "static")
    dsfr.register(app)
    return app


def test_assets_are_served_with_long_cache():
    app = make_app()
    with app.test_request_context():
        url = url_for("dsfr.static", filename="dsfr.min.css")
    assert url.startswith("/static/dsfr/1.")  # versioned path: relative fonts/icons get it too
    response = app.test_client().get(url)
    assert response.status_code == 200
    assert response.cache_control.max_age == 365 * 24 * 3600


def test_missing_dsfr_says_to_run_npm_ci(monkeypatch, tmp_path):
    monkeypatch.setattr(dsfr, "DSFR_DIR", tmp_path)
    with pytest.raises(RuntimeError, match="npm ci"):
        make_app()


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
