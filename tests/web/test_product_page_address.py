"""The product page's address as agents paste it: accepted and kept in its one form when it plainly names a page
of beta.gouv.fr, refused with the expected form otherwise, at the field and in the error summary."""
import re

import pytest

from answers import ELIGIBLE
from web.journey import submit_step

CANONICAL = "https://beta.gouv.fr/startups/dossierfacile.html"
EXPECTED_FORM = "de la forme https://beta.gouv.fr/startups/nom-du-produit.html"


def answer_product_page(client, address):
    submit_step(client, "/etapes/administration", ELIGIBLE)
    submit_step(client, "/etapes/produit", {"beta_page_published": True, "phase": "construction"})  # reveals its field
    return submit_step(client, "/etapes/produit", {**ELIGIBLE, "beta_page_url": address})


def shown_value(client) -> str:
    html = client.get("/etapes/produit").get_data(as_text=True)
    return re.search(r'<input[^>]* id="beta_page_url"[^>]* value="([^"]*)"', html).group(1)


@pytest.mark.parametrize("pasted", [
    f"  {CANONICAL}  ",
    "http://beta.gouv.fr/startups/dossierfacile.html",
    "https://Beta.Gouv.fr/startups/dossierfacile.html",
    "https://beta.gouv.fr/startups/dossierfacile/",
    "www.beta.gouv.fr/startups/dossierfacile.html?utm_source=x#equipe",
    "https://beta.gouv.fr/startups/dossierfacile",
    "beta.gouv.fr/startups/dossierfacile.html",
])
def test_a_page_pasted_otherwise_is_accepted_and_kept_in_its_one_form(client, pasted):
    response = answer_product_page(client, pasted)
    assert response.status_code == 303, response.get_data(as_text=True)
    assert response.headers["Location"] == "/etapes/mission"
    assert shown_value(client) == CANONICAL  # as kept


def test_an_id_s_capitals_and_accents_are_kept_as_written(client):
    """beta.gouv.fr writes ids with capitals and accents (auxAJ, données-et-territoires): never lower-cased."""
    assert answer_product_page(client, "https://beta.gouv.fr/startups/auxAJ").status_code == 303
    assert shown_value(client) == "https://beta.gouv.fr/startups/auxAJ.html"
    assert answer_product_page(client, "https://beta.gouv.fr/startups/donn%C3%A9es-et-territoires.html").status_code == 303
    assert shown_value(client) == "https://beta.gouv.fr/startups/données-et-territoires.html"


def test_an_id_with_dots_is_kept_whole(client):
    assert answer_product_page(client, "http://beta.gouv.fr/startups/impact.co2/").status_code == 303
    assert shown_value(client) == "https://beta.gouv.fr/startups/impact.co2.html"


@pytest.mark.parametrize("address", ["https://www.dossierfacile.fr/", "https://beta.gouv.fr/incubateurs/dinum.html",
                                     "https://beta.gouv.fr/startups/dossier facile.html"])
def test_another_address_is_refused_with_the_expected_form_at_the_field_and_in_the_summary(client, address):
    response = answer_product_page(client, address)
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    summary = re.search(r'<div class="fr-alert fr-alert--error[^"]*" role="alert".*?</div>', html, re.S).group()
    assert re.search(rf'<a href="#beta_page_url">[^<]*{re.escape(EXPECTED_FORM)}</a>', summary)
    at_field = re.search(r'<p class="fr-message fr-message--error" id="beta_page_url-error-1">(.*?)</p>', html).group(1)
    assert EXPECTED_FORM in at_field
    assert 'aria-invalid="true"' in html and f'value="{address}"' in html  # shown as typed, to correct it
