"""Layout and form macros in Chromium, on a throwaway app (to be replaced by tests on real pages)."""

import os
from pathlib import Path

import pytest
from flask import Flask, render_template, render_template_string
from flask_wtf import FlaskForm
from playwright.sync_api import expect
from wtforms import RadioField, SelectChoice, SelectMultipleField, StringField, TextAreaField
from wtforms.validators import InputRequired, Length, Optional

from browser.server import serve_wsgi
from structure import check_page_structure
from wizard import setup_words
from wizard.rules.loading import load_rules
from wizard.web import dsfr
from wizard.web.security import JS_FLAG_HASH

REPO = Path(__file__).resolve().parents[2]
CSP = (
    f"default-src 'self'; script-src 'self' {JS_FLAG_HASH}; img-src 'self' data:; object-src 'none'; "
    "base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)
WIDTHS = [1280, 390]

PAGE = """{% extends "base.html" %}
{% from "macros/forms.html" import radios, checkboxes, input, textarea, error_summary, csrf, submit %}
{% from "macros/dsfr.html" import breadcrumb, stepper, callout, button_link %}
{% block title %}Votre structure{% endblock %}
{% block content %}
{{ breadcrumb([("Accueil", "/"), ("Votre structure", None)]) }}
{{ error_summary(form) }}
<h1>Votre structure</h1>
{{ stepper(2, 5, "Votre structure", next_title="Votre projet") }}
<form method="post" action="{{ request.path }}" novalidate>
  {{ csrf(form) }}
  {{ radios(form.statut, hint="Le programme s’adresse aux administrations.",
            options_hints={"etat": "Ministère, service déconcentré, opérateur"}) }}
  {{ checkboxes(form.domaines) }}
  {{ input(form.nom, hint="Par exemple : Lab data de la DGFiP") }}
  {{ textarea(form.besoin) }}
  <ul class="fr-btns-group fr-btns-group--inline-md fr-btns-group--icon-left">
    <li>{{ button_link("Précédent", "/", secondary=True, icon="fr-icon-arrow-left-line") }}</li>
    <li>{{ submit() }}</li>
  </ul>
</form>
{{ callout("Besoin d’aide ?", "Consultez les questions fréquentes.") }}
{% endblock %}"""


class DemoForm(FlaskForm):
    statut = RadioField(
        "Quel est le statut de votre structure ?",
        choices=[
            SelectChoice("etat", "Administration de l’État"),
            SelectChoice("collectivite", "Collectivité territoriale"),
        ],
        validators=[InputRequired("Indiquez le statut de votre structure")],
    )
    domaines = SelectMultipleField(
        "Domaines du projet", choices=[SelectChoice("sante", "Santé"), SelectChoice("emploi", "Emploi")],
        validators=[Optional()],
    )
    nom = StringField(
        "Nom de la structure",
        validators=[InputRequired("Indiquez le nom de votre structure"), Length(max=80)],
    )
    besoin = TextAreaField("Décrivez votre besoin", validators=[Optional(), Length(max=500)])


@pytest.fixture(scope="module")
def base_url():
    app = Flask(__name__, template_folder=REPO / "templates", static_folder=REPO / "static")
    app.config["SECRET_KEY"] = "test"
    dsfr.register(app)
    app.extensions["rules"] = load_rules()
    setup_words(app)  # the filters and words the form macros use, as the app sets them

    @app.context_processor
    def links():
        return {
            "header_links": [{"label": "Questions fréquentes", "href": "/faq", "icon": "fr-icon-question-line"}],
            "footer_links": [{"label": "Accessibilité : non conforme", "href": "/accessibilite"}],
        }

    @app.route("/", methods=["GET", "POST"])
    def form_page():
        form = DemoForm()
        form.validate_on_submit()
        return render_template_string(PAGE, form=form)

    @app.errorhandler(404)
    def not_found(error):
        return render_template("errors/404.html", start_url="/"), 404

    @app.after_request
    def csp(response):
        response.headers["Content-Security-Policy"] = CSP
        return response

    with serve_wsgi(app) as url:
        yield url


def submit_invalid_form(page, base_url):
    """Post the form with the radio and the text input left empty; return the response HTML."""
    page.goto(base_url + "/")
    page.get_by_text("Santé", exact=True).click()  # the DSFR draws the box on the label
    with page.expect_response(lambda r: r.request.method == "POST") as response:
        page.get_by_role("button", name="Continuer").click()
    page.wait_for_load_state()
    return response.value.text()


def screenshot(page, name):
    if os.environ.get("SCREENSHOTS_DIR"):
        page.screenshot(path=Path(os.environ["SCREENSHOTS_DIR"]) / f"{name}.png", full_page=True)


@pytest.mark.parametrize("width", WIDTHS)
def test_form_page_with_errors(page, base_url, width, assert_no_axe_violations):
    page.set_viewport_size({"width": width, "height": 900})
    html = submit_invalid_form(page, base_url)

    check_page_structure(html, page.url)
    assert "Marianne" in page.evaluate("getComputedStyle(document.body).fontFamily")
    assert page.evaluate("document.fonts.check('1rem Marianne')")
    assert page.evaluate("document.activeElement.getAttribute('role')") == "alert"
    summary_links = page.locator(".fr-alert--error a")
    assert summary_links.all_inner_texts() == [
        "Indiquez le statut de votre structure",
        "Indiquez le nom de votre structure",
    ]
    assert [summary_links.nth(i).get_attribute("href") for i in range(2)] == ["#statut-0", "#nom"]
    assert page.get_by_label("Santé").is_checked()
    assert page.get_by_text("80 caractères maximum").is_visible()
    screenshot(page, f"formulaire-{width}")
    assert_no_axe_violations(page)


def test_page_works_without_javascript(page_no_js, base_url):
    page_no_js.set_viewport_size({"width": 390, "height": 900})
    submit_invalid_form(page_no_js, base_url)
    assert page_no_js.get_by_role("link", name="Questions fréquentes").is_visible()
    assert page_no_js.get_by_role("link", name="Votre structure", exact=True).count() == 0  # current crumb
    assert page_no_js.get_by_role("link", name="Accueil", exact=True).is_visible()
    expect(page_no_js.locator("#statut-messages")).to_have_text("Erreur : Indiquez le statut de votre structure")
    screenshot(page_no_js, "sans-js-390")


def test_mobile_menu_with_javascript(page, base_url):
    page.set_viewport_size({"width": 390, "height": 900})
    page.goto(base_url + "/")
    faq = page.get_by_role("link", name="Questions fréquentes")
    expect(faq).to_be_hidden()
    page.get_by_role("button", name="Menu").click()
    expect(faq).to_be_visible()


def test_no_csp_violation(browser, base_url):
    context = browser.new_context()  # no bypass_csp: the real policy applies
    page = context.new_page()
    errors = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(base_url + "/")
    page.wait_for_function("document.documentElement.hasAttribute('data-fr-js')")
    page.get_by_role("button", name="Continuer").click()
    page.wait_for_load_state("networkidle")
    context.close()
    assert errors == []


@pytest.mark.parametrize("width", WIDTHS)
def test_not_found_page(page, base_url, width, assert_no_axe_violations):
    page.set_viewport_size({"width": width, "height": 900})
    response = page.goto(base_url + "/inexistante")
    assert response.status == 404
    check_page_structure(response.text(), page.url)
    assert page.get_by_role("link", name="Revenir à l’accueil").get_attribute("href") == "/"
    screenshot(page, f"404-{width}")
    assert_no_axe_violations(page)
