"""The product search as agents type it (issue 22, Build 4): sponsors' names and acronyms, the product's own site,
page addresses pasted with www., a query string or a fragment, ids with accents and capitals; the count of every
match with the first page and « affinez votre recherche »; one match selected; one submit per step."""
import json
import re

import html5lib
import pytest

from app_on_database import app, client, rules  # noqa: F401  the app on the test database
from beta_api import SNAPSHOT_DIR, copy_snapshot
from pages import form_fields, text
from wizard.store.assessments import fold


@pytest.fixture
def records(db_url):
    copy_snapshot(db_url)


def search(client, query: str) -> str:
    return client.get("/etapes/produit", query_string={"recherche": query}).get_data(as_text=True)


def offered(html: str) -> list[tuple[str, bool]]:
    """The products the results offer (value, checked), « not listed » aside."""
    root = html5lib.parse(html, namespaceHTMLElements=False)
    return [(i.get("value"), i.get("checked") is not None) for i in root.iter("input")
            if i.get("name") == "produit" and i.get("value") != "pas-liste"]


def sponsored_by(acronym: str) -> set[str]:
    """The products of the snapshot whose sponsors include the organisation of that acronym, read from the files."""
    organisations = json.loads((SNAPSHOT_DIR / "organisations.json").read_text())
    ids = {o["id"] for o in organisations if o.get("acronym") == acronym}
    products = json.loads((SNAPSHOT_DIR / "startups.json").read_text())["data"]
    return {p["id"] for p in products if ids & set(p["attributes"].get("sponsors") or ())}


@pytest.mark.usefixtures("records")
def test_a_sponsor_s_acronym_finds_every_product_it_sponsors_counted_with_the_first_page(client):
    expected = sponsored_by("ADEME")
    assert len(expected) >= 20
    html = search(client, "ADEME")
    page = text(html)
    assert f"{len(expected)} produits correspondent à « ADEME »." in page
    assert "affinez votre recherche" in page and len(offered(html)) == 10
    assert {value for value, _ in offered(html)} <= expected and not any(checked for _, checked in offered(html))


@pytest.mark.usefixtures("records")
def test_mon_counts_every_match_not_the_ten_shown_names_first(client):
    products = json.loads((SNAPSHOT_DIR / "startups.json").read_text())["data"]
    names = [p for p in products if "mon" in fold(p["attributes"]["name"])]
    assert len(names) == 27  # the count of names
    html = search(client, "mon")
    count = int(re.search(r"(\d+) produits correspondent à « mon »", text(html)).group(1))
    assert count >= 27 and "Voici les 10 premiers : affinez votre recherche" in text(html)
    shown = {value for value, _ in offered(html)}
    assert len(shown) == 10 and shown <= {p["id"] for p in names}  # names before ids, sites and sponsors


@pytest.mark.usefixtures("records")
@pytest.mark.parametrize("query, product", [
    ("https://dossierfacile.logement.gouv.fr", "dossierfacile"),  # the product's own site
    ("https://beta.gouv.fr/startups/dossierfacile.html?utm_source=x#equipe", "dossierfacile"),
    ("www.beta.gouv.fr/startups/benefriches.html", "benefriches"),
    ("données-et-territoires", "données-et-territoires"),
    ("https://beta.gouv.fr/startups/auxAJ.html", "auxAJ"),
])
def test_an_address_or_an_id_as_pasted_finds_its_product_alone_selected(client, query, product):
    html = search(client, query)
    assert offered(html) == [(product, True)], query
    assert "1 produit correspond" in text(html) and "Il est sélectionné : vérifiez que c’est le vôtre" in text(html)


@pytest.mark.usefixtures("records")
def test_one_submit_chooses_the_product_and_goes_on_and_focus_lands_on_what_changed(client):
    html = search(client, "https://beta.gouv.fr/startups/dossierfacile.html?utm_source=x#equipe")
    # Without JavaScript: the search's GET form keeps its fragment; the heading it lands on takes the focus.
    assert re.search(r'<form method="get" action="/etapes/produit#resultats" role="search"', html)
    assert re.search(r'<h2 class="fr-h5" id="resultats" tabindex="-1">', html)
    fields = form_fields(html, "/etapes/produit/choix")
    chosen = client.post("/etapes/produit/choix", data={**fields, "produit": "dossierfacile"})
    assert chosen.status_code == 303 and chosen.headers["Location"] == "/etapes/administration"
    # The sponsor's kind recorded, its choice completes the step too.
    sponsors = client.get("/etapes/administration").get_data(as_text=True)
    done = client.post("/etapes/administration/porteur",
                       data={**form_fields(sponsors, "/etapes/administration/porteur"), "porteur": "dgaln"})
    assert done.headers["Location"] == "/etapes/mission"
    # Back on the product step, the chosen product's box takes the focus from a link to it.
    assert 'id="produit-choisi" tabindex="-1"' in client.get("/etapes/produit").get_data(as_text=True)


@pytest.mark.usefixtures("records")
def test_a_sponsor_whose_kind_the_record_does_not_tell_stays_on_the_step_at_that_question(client):
    # SAMI is sponsored by the Cerema alone, which beta.gouv.fr types « autre »: the agent says its kind.
    fields = form_fields(search(client, "sami"), "/etapes/produit/choix")
    assert client.post("/etapes/produit/choix", data={**fields, "produit": "sami"}).status_code == 303
    sponsors = client.get("/etapes/administration").get_data(as_text=True)
    stay = client.post("/etapes/administration/porteur",
                       data={**form_fields(sponsors, "/etapes/administration/porteur"), "porteur": "cerema"})
    assert stay.headers["Location"] == "/etapes/administration#administration_type-fieldset"
    assert "expertise sur les risques, l" in text(client.get("/etapes/administration").get_data(as_text=True))


@pytest.mark.usefixtures("records")
def test_the_search_s_pages_pass_the_nu_html_checker(client, nu_errors):
    pages = {"mon": search(client, "mon"), "un": search(client, "https://dossierfacile.logement.gouv.fr"),
             "aucun": search(client, "zzzz"), "ademe": search(client, "ADEME")}
    fields = form_fields(pages["un"], "/etapes/produit/choix")
    client.post("/etapes/produit/choix", data={**fields, "produit": "sami"})
    pages["porteurs"] = client.get("/etapes/administration").get_data(as_text=True)
    pages["choisi"] = client.get("/etapes/produit").get_data(as_text=True)
    assert nu_errors(pages) == []


@pytest.mark.usefixtures("records")
def test_a_search_from_the_check_page_goes_back_there_after_the_choice(client):
    from web.journey import walk
    fields = form_fields(search(client, "dossierfacile"), "/etapes/produit/choix")
    client.post("/etapes/produit/choix", data={**fields, "produit": "dossierfacile"})
    walk(client, {"administration_type": "administration_centrale", "mission_case": "internaliser_pilotage",
                  "pilotage_par_impact": "oui", "transparence_resultats": "oui", "code_source_ouvert": "oui"},
         start="/etapes/administration")
    html = client.get("/etapes/produit", query_string={"retour": "verification", "recherche": "impact.co2"})
    html = html.get_data(as_text=True)
    assert re.search(r'<input type="hidden" name="retour" value="verification">\s*<button', html)  # the search keeps it
    chosen = client.post("/etapes/produit/choix", data={**form_fields(html, "/etapes/produit/choix"), "produit": "impact.co2"})
    assert chosen.headers["Location"] == "/verification"
