from pathlib import Path

from flask import Flask, render_template_string
from flask_wtf import FlaskForm
from wtforms import RadioField, SelectChoice, StringField
from wtforms.validators import InputRequired

from structure import check_page_structure
from wizard.web import dsfr

REPO = Path(__file__).resolve().parents[2]
app = Flask(__name__, template_folder=REPO / "templates", static_folder=REPO / "static")
app.config["SECRET_KEY"] = "test"
dsfr.register(app)

PAGE = """{% extends "base.html" %}
{% from "macros/forms.html" import radios, input, error_summary, csrf %}
{% block title %}Deux formulaires{% endblock %}
{% block content %}
{{ error_summary(summary) }}
<form method="post" action="/a" novalidate>{{ csrf(a) }}{{ radios(a.choix, heading=True) }}</form>
<form method="post" action="/b" novalidate>{{ csrf(b) }}{{ input(b.nom) }}</form>
{% endblock %}"""


class FormA(FlaskForm):
    choix = RadioField("Deux formulaires", choices=[SelectChoice("oui", "Oui"), SelectChoice("non", "Non")],
                       validators=[InputRequired("Choisissez une réponse")])


class FormB(FlaskForm):
    nom = StringField("Nom", validators=[InputRequired("Indiquez un nom")])


def render(summary_of):
    with app.test_request_context(method="POST", data={}):
        a, b = FormA(prefix="a"), FormB(prefix="b")
        a.validate(), b.validate()
        summary = {"a": a, "both": [a, b], "dict": {"b-nom": ["Indiquez un nom"]}}[summary_of]
        return render_template_string(PAGE, a=a, b=b, summary=summary)


def test_two_forms_on_a_page_keep_ids_unique_and_heading_in_legend():
    html = render("both")
    check_page_structure(html, "/")
    assert '<legend class="fr-fieldset__legend" id="a-choix-legend"><h1' in html
    assert 'name="a-csrf_token"' in html and 'name="b-csrf_token"' in html


def test_error_summary_sources():
    assert '<a href="#a-choix-0">Choisissez une réponse</a>' in render("a")
    assert "Indiquez un nom" not in render("a").split("</ul>")[0]
    both = render("both")
    assert "Le formulaire contient 4 erreurs" in both
    assert "<li>The CSRF token is missing.</li>" in both  # hidden field: no link
    assert '<a href="#b-nom">Indiquez un nom</a>' in both
    assert '<a href="#b-nom">Indiquez un nom</a>' in render("dict")
