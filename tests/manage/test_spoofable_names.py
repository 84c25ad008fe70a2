"""Spoofable names (issue 26, weak 1): U+202E in a typed administration name showed reversed in the managers' list,
the detail's <title>, the PDF's text and its Title; a zero-width space defeated the search; Cyrillic lookalikes
were accepted. Now the bidirectional controls and invisible characters are removed from what is typed and from
beta.gouv.fr's names, the search ignores them, and a word mixing Latin with lookalike letters is refused with a
French message at its field. Through the real wizard, save, managers' pages and PDF, on both backends."""
import html
import io

import pytest
from pypdf import PdfReader

from answers import OPERATOR
from pages import post_form, text
from web.journey import submit_step, walk
from wizard.store import beta_shape
from wizard.store.assessments import fold

RLO, PDF, ZWSP = "\u202e", "\u202c", "\u200b"
TYPED = f"Direction de l'éco{ZWSP}logie {RLO}enuoL{PDF} n° 7"
SHOWN = "Direction de l'écologie enuoL n° 7"
INVISIBLE = (RLO, ZWSP, "\u202c", "\u200f", "\u2066", "\ufeff", "\u00ad")


def _clean(content: str) -> bool:
    return not any(character in content for character in INVISIBLE)


@pytest.fixture
def saved_with_spoofed_name(app):
    agent = app.test_client()  # not the manager's: logging in starts a new session
    walk(agent, {**OPERATOR, "administration_name": TYPED})
    response = post_form(agent, "/verification", "/enregistrer")
    assert response.status_code == 200
    return agent


def test_a_typed_name_loses_its_bidirectional_and_invisible_characters_everywhere(saved_with_spoofed_name,
                                                                                 manager_client, db):
    agent = saved_with_spoofed_name
    check = agent.get("/verification").get_data(as_text=True)
    assert SHOWN in text(check) and _clean(check)
    document = agent.get("/rapport.pdf").data
    reader = PdfReader(io.BytesIO(document))
    assert _clean(reader.metadata.title) and SHOWN in reader.metadata.title
    assert _clean(" ".join(page.extract_text() for page in reader.pages))
    listing = manager_client.get("/gestion/").get_data(as_text=True)
    assert SHOWN in text(listing) and _clean(listing)
    found = manager_client.get("/gestion/?q=ecologie+enuol").get_data(as_text=True)
    assert SHOWN in text(found)
    typed_search = manager_client.get(f"/gestion/?q=eco{ZWSP}logie").get_data(as_text=True)
    assert SHOWN in text(typed_search)
    detail_url = next(part.split('"')[0] for part in listing.split('href="')[1:] if part.startswith("/gestion/evaluations/"))
    detail = manager_client.get(detail_url).get_data(as_text=True)
    title = html.unescape(detail.split("<title>")[1].split("</title>")[0])
    assert SHOWN in title and _clean(title)


@pytest.mark.parametrize("name", ["Мinistère de la Culture", "Direction du numériqυe"])
def test_a_word_mixing_latin_with_lookalike_letters_is_refused_at_its_field(client, name):
    response = submit_step(client, "/etapes/administration", {**OPERATOR, "administration_name": name})
    assert response.status_code == 200
    page = text(response.get_data(as_text=True))
    assert "mêle dans un même mot des lettres latines et des lettres cyrilliques ou grecques" in page


def test_a_name_wholly_in_another_alphabet_is_an_answer(client):
    response = submit_step(client, "/etapes/administration", {**OPERATOR, "administration_name": "Министерство культуры"})
    assert response.status_code == 303


def test_upstream_names_lose_their_invisible_characters_and_the_search_ignores_them():
    document = {"data": [{"id": "dossierfacile", "attributes": {"name": f"Dossier{ZWSP}Facile {RLO}elif", "phases": []}}]}
    products = beta_shape.read_products(document)
    assert [product.name for product in products.records] == ["DossierFacile elif"]
    assert fold(f"dossier{ZWSP}facile") == fold("DossierFacile") == "dossierfacile"
