"""The managers' list names each assessment's product: six « CHU de Nantes » rows are told apart, found and sorted
by their product."""
import html5lib
import pytest

from answers import answers, scored
from wizard.store import assessments

PRODUCTS = ("Écho Urgences", "Dossier patient partagé", "Agenda des blocs", "Repas à l’hôpital", "Zéro papier",
            "Brancardage")


@pytest.fixture
def nantes(db, rules):
    rows = [scored(rules, answers(administration_name="CHU de Nantes", product_name=product)) for product in PRODUCTS]
    rows.append(scored(rules, answers(administration_name="Archives nationales")))  # no product named
    assessments.import_rows(db, rows)


def first_cells(response):
    """Each row's first cell, its lines apart: [administration, product]."""
    root = html5lib.parse(response.get_data(as_text=True), namespaceHTMLElements=False)
    return [[" ".join(line.split()) for line in row.find("td").itertext() if line.strip()]
            for row in root.iter("tr") if row.find("td") is not None]


def test_each_row_shows_the_administration_then_its_product(manager_client, nantes):
    cells = first_cells(manager_client.get("/gestion/?ordre=nom&sens=asc"))
    assert cells[0] == ["Archives nationales"]
    assert sorted(cells[1:]) == sorted(["CHU de Nantes", product] for product in PRODUCTS)


@pytest.mark.parametrize("search, found", [("echo", ["Écho Urgences"]), ("PATIENT", ["Dossier patient partagé"]),
                                           ("repas a l", ["Repas à l’hôpital"]), ("nantes", list(PRODUCTS))])
def test_the_search_finds_a_product_by_its_name_as_well(manager_client, nantes, search, found):
    cells = first_cells(manager_client.get("/gestion/", query_string={"q": search}))
    assert sorted(product for _, product in cells) == sorted(found)


def test_the_list_sorts_by_product_name_the_french_way(manager_client, nantes):
    page = manager_client.get("/gestion/?ordre=produit&sens=asc")
    assert [cell[-1] for cell in first_cells(page)] == ["Agenda des blocs", "Brancardage", "Dossier patient partagé",
                                                       "Écho Urgences", "Repas à l’hôpital", "Zéro papier",
                                                       "Archives nationales"]  # no product: last
    assert 'value="produit" selected' in page.get_data(as_text=True)


def test_saving_again_changes_the_listed_product(db, rules):
    values, result = scored(rules, answers(product_name="Ancien nom"))
    assessment, _ = assessments.save(db, values, result)
    assessments.update(db, assessment.id, *scored(rules, answers(product_name="Nouveau nom")))
    db.expire_all()
    stored = assessments.get(db, assessment.id)
    assert (stored.product_name, stored.product_folded) == ("Nouveau nom", "nouveau nom")
