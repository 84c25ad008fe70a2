"""A product page's address as people paste it: kept in the one form the question's pattern asks for."""
import re

import pytest

from wizard.rules.addresses import fitted, tidied
from wizard.rules.beta import load_beta_rules

PAGE = re.compile(r"^https://beta\.gouv\.fr/startups/[a-z0-9][a-z0-9._-]*\.html$")  # as rules/questions.yaml has it
CANONICAL = "https://beta.gouv.fr/startups/dossierfacile.html"


@pytest.mark.parametrize("pasted", [
    CANONICAL,
    f"  {CANONICAL} \n",
    "http://beta.gouv.fr/startups/dossierfacile.html",
    "HTTPS://Beta.Gouv.FR/startups/dossierfacile.html",
    "https://beta.gouv.fr/startups/DossierFacile.html",
    "https://beta.gouv.fr/startups/dossierfacile.html/",
    "https://beta.gouv.fr/startups/dossierfacile/",
    "https://beta.gouv.fr/startups/dossierfacile",
    "beta.gouv.fr/startups/dossierfacile",
    "http://beta.gouv.fr/startups/DossierFacile/",
])
def test_a_page_pasted_otherwise_is_the_canonical_address(pasted):
    assert fitted(pasted, PAGE) == CANONICAL


def test_an_id_with_dots_keeps_them():
    assert fitted("beta.gouv.fr/startups/impact.co2/", PAGE) == "https://beta.gouv.fr/startups/impact.co2.html"


@pytest.mark.parametrize("pasted, kept", [
    ("https://www.dossierfacile.fr/", "https://www.dossierfacile.fr"),  # another site: tidied, left for the message
    ("https://beta.gouv.fr/incubateurs/dinum.html", "https://beta.gouv.fr/incubateurs/dinum.html"),
    ("https://beta.gouv.fr/startups/dossier facile.html", "https://beta.gouv.fr/startups/dossier facile.html"),
    ("https://beta.gouv.fr/startups/x?page=2", "https://beta.gouv.fr/startups/x?page=2"),  # no .html after a query
    ("ftp://beta.gouv.fr/startups/x.html", "ftp://beta.gouv.fr/startups/x.html"),
    ("dossierfacile", "dossierfacile"),
])
def test_what_cannot_be_a_product_page_is_only_tidied(pasted, kept):
    assert fitted(pasted, PAGE) == kept
    assert not PAGE.match(fitted(pasted, PAGE))


def test_without_a_pattern_an_address_is_only_tidied():
    assert fitted(" HTTP://Exemple.FR/Chemin/Page/ ", None) == "https://exemple.fr/Chemin/Page"
    assert tidied("mailto:eig@beta.gouv.fr ") == "mailto:eig@beta.gouv.fr"


def test_the_records_find_a_product_by_its_page_however_pasted(rules):
    beta = load_beta_rules(rules)
    assert beta.product_id("http://beta.gouv.fr/startups/Impact.CO2/") == "impact.co2"
    assert beta.product_id(" https://beta.gouv.fr/startups/dossierfacile.html ") == "dossierfacile"
    assert beta.product_id("https://beta.gouv.fr/startups/dossier facile.html") is None
    assert beta.product_id("https://exemple.fr/startups/dossierfacile.html") is None
