"""A product page's address as people paste it: kept in the one form the question's pattern asks for."""
import re

import pytest

from wizard.rules.addresses import fitted, tidied
from wizard.rules.beta import load_beta_rules

PAGE = re.compile(r"^https://beta\.gouv\.fr/startups/\w[\w.-]*\.html$")  # as rules/questions.yaml has it
CANONICAL = "https://beta.gouv.fr/startups/dossierfacile.html"


@pytest.mark.parametrize("pasted", [
    CANONICAL,
    f"  {CANONICAL} \n",
    "http://beta.gouv.fr/startups/dossierfacile.html",
    "HTTPS://Beta.Gouv.FR/startups/dossierfacile.html",
    "https://www.beta.gouv.fr/startups/dossierfacile.html",
    "https://beta.gouv.fr/startups/dossierfacile.html?utm_source=x#equipe",
    "https://beta.gouv.fr/startups/dossierfacile#equipe",
    "https://beta.gouv.fr/startups/dossierfacile.html/",
    "https://beta.gouv.fr/startups/dossierfacile/",
    "https://beta.gouv.fr/startups/dossierfacile",
    "beta.gouv.fr/startups/dossierfacile",
    "http://beta.gouv.fr/startups/dossierfacile/",
])
def test_a_page_pasted_otherwise_is_the_canonical_address(pasted):
    assert fitted(pasted, PAGE) == CANONICAL


@pytest.mark.parametrize("pasted, kept", [
    ("https://beta.gouv.fr/startups/auxAJ", "https://beta.gouv.fr/startups/auxAJ.html"),
    ("beta.gouv.fr/startups/données-et-territoires/", "https://beta.gouv.fr/startups/données-et-territoires.html"),
    ("https://beta.gouv.fr/startups/donn%C3%A9es-et-territoires.html", "https://beta.gouv.fr/startups/données-et-territoires.html"),
    ("https://beta.gouv.fr/startups/donne\u0301es-et-territoires.html", "https://beta.gouv.fr/startups/données-et-territoires.html"),
])
def test_an_id_is_kept_as_beta_gouv_fr_writes_it_accents_and_capitals_included(pasted, kept):
    assert fitted(pasted, PAGE) == kept


def test_an_id_with_dots_keeps_them():
    assert fitted("beta.gouv.fr/startups/impact.co2/", PAGE) == "https://beta.gouv.fr/startups/impact.co2.html"


@pytest.mark.parametrize("pasted, kept", [
    ("https://www.dossierfacile.fr/", "https://www.dossierfacile.fr"),  # another site: tidied, left for the message
    ("https://beta.gouv.fr/incubateurs/dinum.html", "https://beta.gouv.fr/incubateurs/dinum.html"),
    ("https://beta.gouv.fr/startups/dossier facile.html", "https://beta.gouv.fr/startups/dossier facile.html"),
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
    assert beta.product_id("http://beta.gouv.fr/startups/impact.co2/") == "impact.co2"
    assert beta.product_id("https://www.beta.gouv.fr/startups/auxAJ.html?utm_source=x#equipe") == "auxAJ"
    assert beta.product_id(" https://beta.gouv.fr/startups/dossierfacile.html ") == "dossierfacile"
    assert beta.product_id("https://beta.gouv.fr/startups/dossier facile.html") is None
    assert beta.product_id("https://exemple.fr/startups/dossierfacile.html") is None
