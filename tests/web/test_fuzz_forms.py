"""Fuzzing every form of the site with Hypothesis: random field names and values (NUL, lone surrogates, RTL
overrides, 100,000 characters, a list where one value is expected) posted to every step and every /gestion
form, on SQLite and PostgreSQL: never a 500, and never a refused character echoed back into a page. (A plain
test client: the structure check of every page, html5lib in pure Python, would cost most of the run; the pages
themselves are checked by the other tests.)"""
import re
from urllib.parse import quote

from flask.testing import FlaskClient

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from answers import answers, scored
from app_on_database import app, client, manager_client, rules  # noqa: F401  the app on the test database
from database import MANAGER_EMAIL, MANAGER_PASSWORD
from pages import form_fields
from manage.test_views import login
from answers import OPERATOR as ANSWERS
from web.journey import walk
from wizard.rules.loading import load_rules
from wizard.store import assessments

EXAMPLES = 1_000  # per backend, spread over every target below (about 40 posts or reads of each)

_rules = load_rules()
FIELD_NAMES = [*_rules.questions, *(criterion.id for criterion in _rules.criteria), "csrf_token", "action", "retour",
               "depuis", "email", "password", "triage", "comment", "statut", "palier", "type", "phase", "suite", "du",
               "au", "q", "ordre", "sens", "page", "suivant", "choix", "body", "version", "fiche", "groupes"]
OPTION_IDS = sorted({option.id for question in _rules.questions.values() for option in question.options})
HOSTILE = ["\x00", "\ud800", "\udfff", "\u202e", "\u202d\u2066", "\ufeff", "\r\n", "\x1b[2J", "\x7f", "\u0085",
           "%00", "'; drop table assessments; --", "=HYPERLINK(\"http://x\")", "<script>alert(1)</script>",
           "9999-12-31", "0001-01-01", "2147483648", "-1", "99999999999999999999", "oui", "non", "passer", "nouvelle",
           "verification", "0", "3", "/gestion/\r\nX: 1", MANAGER_EMAIL, "1:0", "1:99999999999", "produit"]
_pieces = st.one_of(st.sampled_from(HOSTILE), st.sampled_from(OPTION_IDS), st.text(max_size=12),
                    st.characters(categories=["Cs", "Cc", "Cf", "Co"]))
_HUGE = st.sampled_from(["x" * 100_000, "\u202e" * 100_000, "é" * 100_000, "\x00" * 100_000])
_ORDINARY = st.one_of(_pieces, st.lists(_pieces, max_size=6).map("".join))
# One value in twenty is 100,000 characters long: enough to meet each form often, cheap enough for the suite.
values = st.integers(0, 19).flatmap(lambda draw: _HUGE if draw == 0 else _ORDINARY)
names = st.one_of(st.sampled_from(FIELD_NAMES), _pieces)
# Repeated names are lists where one value is expected.
pairs = st.lists(st.tuples(names, values), max_size=8)

STEPS = [f"/etapes/{step.id}" for step in _rules.steps]
AGENT_POSTS = [*STEPS, "/enregistrer", "/recommencer", "/evaluation-enregistree/supprimer", "/gestion/connexion",
               "/gestion/deconnexion"]
MANAGER_POSTS = ["/gestion/evaluations/{id}/suite", "/gestion/suites"]
MANAGER_GETS = ["/gestion/", "/gestion/export.csv", "/gestion/evaluations/{id}", "/gestion/connexion"]
TARGETS = [("agent", "POST", url) for url in AGENT_POSTS] + [("manager", "POST", url) for url in MANAGER_POSTS] + \
          [("manager", "GET", url) for url in MANAGER_GETS] + [("agent", "GET", url) for url in STEPS]


# What wizard.core.characters refuses, as it would reach a page (a lone surrogate arrives as U+FFFD).
_REFUSED_IN_PAGE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def encoded(pairs_: list[tuple[str, str]]) -> str:
    """A form body or a query string as a browser would send it; a lone surrogate goes as the bytes it would be."""
    def part(text: str) -> str:
        return quote(text.encode("utf-8", "surrogatepass"), safe="")
    return "&".join(f"{part(name)}={part(value)}" for name, value in pairs_)


class Visitor:
    """A client with its form token, fetched again whenever its session loses it."""

    def __init__(self, client, page: str, action: str):
        self.client, self.page, self.action = client, page, action
        self.refresh()

    def refresh(self) -> None:
        self.token = form_fields(self.client.get(self.page).get_data(as_text=True), self.action)["csrf_token"]


@pytest.fixture
def visitors(app, manager, db, rules):
    assessment, _ = assessments.save(db, *scored(rules, answers()))
    client, manager_client = FlaskClient(app, app.response_class), FlaskClient(app, app.response_class)
    walk(client, ANSWERS)  # every step open to the agent's posts
    assert login(manager_client, MANAGER_EMAIL, MANAGER_PASSWORD).status_code == 303
    return {"agent": Visitor(client, "/etapes/administration", "/etapes/administration"),
            "manager": Visitor(manager_client, "/gestion/", "/gestion/deconnexion")}, assessment.id


@settings(max_examples=EXAMPLES, deadline=None, database=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture, HealthCheck.data_too_large,
                                 HealthCheck.large_base_example])
@given(target=st.sampled_from(TARGETS), fields=pairs, with_token=st.integers(0, 9).map(bool))  # mostly with
def test_no_form_answers_a_500_whatever_it_is_sent(visitors, target, fields, with_token):
    by_kind, assessment_id = visitors
    kind, method, url = target
    visitor = by_kind[kind]
    url = url.format(id=assessment_id)
    if method == "GET":  # a server refuses a request line past a few KiB (gunicorn: 4094 bytes)
        response = visitor.client.get(f"{url}?{encoded([(name[:2000], value[:2000]) for name, value in fields])}")
    else:
        body = encoded([("csrf_token", visitor.token)] * with_token + fields)
        response = visitor.client.post(url, data=body, content_type="application/x-www-form-urlencoded")
    # A streamed export holds its request, and its database connection, until the response is closed, as any
    # WSGI server does; left open, fifteen of them exhaust PostgreSQL's pool.
    with response:
        assert response.status_code < 500, response.get_data(as_text=True)[:2000]
        if response.mimetype == "text/html":
            assert not _REFUSED_IN_PAGE.search(response.get_data(as_text=True)), f"{url} : caractère refusé dans la page"
    if response.status_code == 400 or (kind == "manager" and response.status_code == 302):
        if kind == "manager" and visitor.client.get("/gestion/").status_code == 302:
            assert login(visitor.client).status_code in (303, 429)
        visitor.refresh()
