"""Each account's role, checked on every route of /gestion and export: a test per route and role."""
import pytest

from answers import answers, scored
from pages import form_fields, post_form
from wizard.manage import accounts
from wizard.store import assessments

PASSWORD = "un mot de passe assez long"
CONTACT = "agent.contact@exemple.gouv.fr"
# (method, route, what lecture gets, what gestion and administration get)
ROUTES = [
    ("GET", "/gestion/", 200, 200),
    ("GET", "/gestion/evaluations/{id}", 200, 200),
    ("GET", "/gestion/evaluations/{id}/rapport", 200, 200),
    ("GET", "/gestion/evaluations/{id}/rapport.pdf", 200, 200),
    ("GET", "/gestion/export.csv", 403, 200),
    ("GET", "/gestion/export.xlsx", 403, 200),
    ("GET", "/gestion/rapports.zip", 403, 200),
    ("POST", "/gestion/evaluations/{id}/suite", 403, 303),
    ("GET", "/gestion/evaluations/{id}/informer", 403, 200),  # the POSTs of pre-screening as a team: tests/manage/test_team.py
]


@pytest.fixture
def saved(db, rules):
    values, result = scored(rules, answers())
    return assessments.save(db, values, result, contact_email=CONTACT)[0]


def signed_in(client, db, role):
    accounts.add_manager(db, f"{role}@beta.gouv.fr", PASSWORD, role=role)
    response = post_form(client, "/gestion/connexion", "/gestion/connexion", email=f"{role}@beta.gouv.fr",
                         password=PASSWORD)
    assert response.status_code == 303
    return client


@pytest.mark.parametrize("role", ["lecture", "gestion", "administration"])
@pytest.mark.parametrize("method, route, reader, manager", ROUTES)
def test_each_route_by_role(client, db, saved, role, method, route, reader, manager):
    signed_in(client, db, role)
    url = route.format(id=saved.id)
    if method == "POST":
        detail = f"/gestion/evaluations/{saved.id}"
        page = client.get(detail).get_data(as_text=True)
        # Without the form (lecture), the post carries the page's token all the same.
        fields = form_fields(page, url) if 'action="' + url in page else form_fields(page, "/gestion/deconnexion")
        response = client.post(url, data={**fields, "triage": "a_etudier", "comment": ""})
    else:
        response = client.get(url)
        response.close()  # a streamed ZIP holds a slot until closed (wizard/web/pdf_download.py)
    expected = reader if role == "lecture" else manager
    assert response.status_code == expected, response.get_data(as_text=True)[:500]
    if expected == 403:
        assert "Accès réservé" in response.get_data(as_text=True)


@pytest.mark.parametrize("role, shown", [("lecture", False), ("gestion", True), ("administration", True)])
def test_the_agents_address_and_the_exports_by_role(client, db, saved, role, shown):
    signed_in(client, db, role)
    detail = client.get(f"/gestion/evaluations/{saved.id}").get_data(as_text=True)
    listing = client.get("/gestion/").get_data(as_text=True)
    assert (CONTACT in detail) is shown
    assert ("/gestion/export.csv" in listing) is shown
    assert ('action="/gestion/evaluations/' in detail) is shown
