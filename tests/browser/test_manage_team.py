"""Pre-screening as a team, in Chromium: an assessment given to oneself, triaged, its history on the detail; one
product's assessments grouped in the list, several triaged at once, the agent told the outcome; the list's
columns whole at 1280 px, its names and verdicts at 390 px; each page through axe at 1280 and 390 px, and the Nu
checker. SQLite only, as tests/browser/test_manage_area.py."""
import email
import email.policy
import time
from pathlib import Path

import pytest
from playwright.sync_api import expect

from answers import answers, scored
from browser.server import serve_wsgi
from wizard.mail import outbox as mail
from wizard.store import assessments

from browser.test_manage_area import log_in, server  # noqa: F401  the served app with a few assessments
from app_on_database import app, rules  # noqa: F401
from database import MANAGER_EMAIL

pytestmark = pytest.mark.parametrize("migrated_url", ["sqlite"], indirect=True)


def test_give_to_me_triage_and_read_the_history(page, server, assert_no_axe_violations, screenshot,  # noqa: F811
                                                nu_errors):
    page.set_viewport_size({"width": 1280, "height": 900})
    log_in(page, server)
    page.get_by_role("link", name="Archives nationales").click()
    page.get_by_role("button", name="À moi").click()
    expect(page.get_by_role("status")).to_contain_text("Évaluation attribuée.")
    page.get_by_text("À recontacter", exact=True).click()  # the DSFR draws the radio on its label
    page.get_by_label("Commentaire").fill("Appeler la directrice")
    page.get_by_role("button", name="Enregistrer la suite donnée").click()
    history = page.locator("#historique-suite li")
    expect(history).to_have_count(1)
    expect(history.first).to_contain_text(MANAGER_EMAIL)
    expect(history.first).to_contain_text("À étudier")
    expect(history.first).to_contain_text("Appeler la directrice")
    for width in (1280, 390):
        page.set_viewport_size({"width": width, "height": 900})
        assert_no_axe_violations(page)
        screenshot(page, f"gestion-fiche-equipe-{width}")
    assert nu_errors(page.request.get(page.url).text()) == []  # the page as served, without axe
    page.goto(server + "/gestion/")
    expect(page.get_by_text(f"Attribuée à {MANAGER_EMAIL}")).to_be_visible()


# --- The list grouped by product, the decision for the rows checked, "Informer l'agent" ---------------------

PAGE_A = "https://beta.gouv.fr/startups/territoires-en-commun.html"
AGENT = "camille.martin@anct.gouv.fr"


@pytest.fixture
def team_server(app, db, rules, manager):  # noqa: F811
    """Three assessments of one product (one with the agent's address), two others alone."""
    made = [("Agence nationale de la cohésion des territoires", "Territoires en commun", PAGE_A),
            ("Préfecture du Calvados", "Territoires en commun", PAGE_A),
            ("Commune de Trifouillis-les-Oies", "Territoires en commun", PAGE_A),
            ("Archives nationales", "Salle de lecture numérique", None),
            ("Administration centrale des finances publiques", "Impôts simplifiés", None)]
    rows = [scored(rules, answers(administration_name=name, product_name=product, beta_page_url=page,
                                  beta_page_published="oui" if page else "non"))
            for name, product, page in made]
    assessments.import_rows(db, rows[1:])
    assessments.save(db, *rows[0], contact_email=AGENT)
    with serve_wsgi(app) as base_url:
        yield base_url


def _rows(page):
    return page.locator("#evaluations tbody tr:not(.eig-product-group__heading)")


def test_the_list_groups_a_products_assessments_and_triages_the_rows_checked(page, team_server, db,  # noqa: F811
                                                                             assert_no_axe_violations, screenshot,
                                                                             nu_errors):
    page.set_viewport_size({"width": 1280, "height": 900})
    log_in(page, team_server)
    group = page.locator("#evaluations tbody.eig-product-group")
    expect(group).to_have_count(1)
    expect(group.locator("th[scope=rowgroup]")).to_contain_text("Territoires en commun : 3 évaluations de ce produit")
    expect(group.locator("tr:not(.eig-product-group__heading)")).to_have_count(3)
    for width in (1280, 390):
        page.set_viewport_size({"width": width, "height": 900})
        assert_no_axe_violations(page)
        screenshot(page, f"gestion-liste-groupee-{width}")
    assert nu_errors(page.request.get(page.url).text()) == []
    page.set_viewport_size({"width": 1280, "height": 900})

    group.get_by_role("link", name="Voir ces 3 évaluations seules").click()
    expect(_rows(page)).to_have_count(3)
    expect(page.locator("tbody.eig-product-group")).to_have_count(0)  # one product's list: no heading to repeat
    page.get_by_role("checkbox", name="Sélectionner Préfecture du Calvados – Territoires en commun").check(force=True)
    page.get_by_role("checkbox", name="Sélectionner Commune de Trifouillis-les-Oies – Territoires en commun").check(
        force=True)
    calvados = next(a for a in assessments.list_page(db, assessments.Filters()).items
                    if a.administration_name == "Préfecture du Calvados")
    assessments.set_triage(db, calvados.id, "ecarte", None, "bob@beta.gouv.fr")  # another manager, meanwhile
    page.locator("#suite-groupee").get_by_text("Présélectionné", exact=True).click()
    page.locator("#suite-groupee").get_by_label("Commentaire").fill("Comité du 7 décembre")
    page.get_by_role("button", name="Enregistrer pour les évaluations cochées").click()
    expect(page.get_by_text("Suite donnée enregistrée pour 1 évaluation")).to_be_visible()
    expect(page.get_by_role("alert")).to_contain_text(f"Préfecture du Calvados (n° {calvados.id})")
    expect(_rows(page)).to_have_count(3)  # back to the same list
    expect(_rows(page).filter(has_text="Trifouillis")).to_contain_text("Présélectionné")
    expect(_rows(page).filter(has_text="Calvados")).to_contain_text("Écarté")
    _rows(page).filter(has_text="Trifouillis").get_by_role("link").click()
    expect(page.locator("#historique-suite li").first).to_contain_text("Comité du 7 décembre")


def test_the_agent_is_told_the_outcome_with_the_message_the_manager_read(browser, team_server, app, db,  # noqa: F811
                                                                        assert_no_axe_violations, screenshot,
                                                                        nu_errors):
    context = browser.new_context(bypass_csp=True, locale="fr-FR")
    page = context.new_page()
    page.set_viewport_size({"width": 1280, "height": 900})
    log_in(page, team_server)
    page.get_by_role("link", name="Agence nationale de la cohésion des territoires").click()
    page.get_by_text("Présélectionné", exact=True).click()
    page.get_by_role("button", name="Enregistrer la suite donnée").click()
    expect(page.locator("#informer")).to_contain_text("vous le relisez et pouvez le modifier avant l’envoi")
    assert_no_axe_violations(page)  # the detail with its new box
    page.get_by_role("link", name="Informer l’agente ou l’agent par courriel").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Informer l’agente ou l’agent")
    message = page.get_by_label("Message")
    expect(message).to_contain_text("est présélectionné par l’équipe du programme")
    for width in (1280, 390):
        page.set_viewport_size({"width": width, "height": 900})
        assert_no_axe_violations(page)
        screenshot(page, f"gestion-informer-{width}")
        assert page.evaluate("document.documentElement.scrollWidth") <= width
        assert page.locator("main .fr-btn").evaluate_all(CLIPPED) == []  # was the send button's icon alone
    assert nu_errors(page.request.get(page.url).text()) == []
    message.fill(message.input_value() + "\n\nNous vous appellerons jeudi.")
    page.get_by_role("button", name="Envoyer le courriel").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Agence nationale de la cohésion des territoires")
    expect(page.get_by_text(f"le courriel à {AGENT}")).to_be_visible()
    expect(page.locator("#historique-suite li").first).to_contain_text("informé par courriel de la suite")
    for width in (390, 1280):  # the detail, with its link to inform and the sending in its history
        page.set_viewport_size({"width": width, "height": 900})
        assert_no_axe_violations(page)
        screenshot(page, f"gestion-fiche-informee-{width}")
    assert nu_errors(page.request.get(page.url).text()) == []
    context.close()
    # No SMTP server in this app: the message is written to the outbox's folder, whole. Sent here if the thread
    # after the response has not yet (tests/manage/test_team.py follows that one to a real SMTP server).
    mail.send_due(db, app.config)
    [letter] = _written_to(Path(app.config["OUTBOX_DIR"]), AGENT)
    assert "Nous vous appellerons jeudi." in letter.get_body(("plain",)).get_content()


def _written_to(folder: Path, address: str, seconds: float = 10) -> list:
    """The messages to `address` in the outbox's folder, once one is there (written after the response)."""
    deadline = time.monotonic() + seconds
    while True:
        letters = [email.message_from_bytes(path.read_bytes(), policy=email.policy.default)
                   for path in folder.glob("*.eml")]
        found = [letter for letter in letters if letter["To"] == address]
        if found or time.monotonic() > deadline:
            return found
        time.sleep(0.05)


def test_grouping_and_the_decision_for_several_work_without_javascript(page_no_js, team_server):
    page = page_no_js
    log_in(page, team_server)
    expect(page.locator("tbody.eig-product-group tr:not(.eig-product-group__heading)")).to_have_count(3)
    page.get_by_label("Sélectionner Archives nationales – Salle de lecture numérique").check(force=True)
    page.locator("#suite-groupee").get_by_text("À recontacter", exact=True).click()
    page.get_by_role("button", name="Enregistrer pour les évaluations cochées").click()
    expect(_rows(page).filter(has_text="Archives nationales")).to_contain_text("À recontacter")


# Every cell's content whole: nothing wider than its cell (cut, or hidden by an ellipsis).
CLIPPED = """cells => cells.filter(cell => cell.scrollWidth > cell.clientWidth + 1).map(cell => cell.innerText)"""


def test_every_column_reads_whole_at_1280_and_the_name_and_verdict_at_390(page, team_server):
    page.set_viewport_size({"width": 1280, "height": 900})
    log_in(page, team_server)
    table = page.locator("#evaluations .fr-table__content")
    assert table.evaluate("e => e.scrollWidth <= e.clientWidth + 1"), "the table scrolls sideways at 1280 px"
    assert page.locator("#evaluations th, #evaluations td").evaluate_all(CLIPPED) == []
    last = page.locator("#evaluations tbody td:last-child")
    expect(last.first).to_have_text("Administration centrale")  # the type that was cut (« Administration cent… »)
    page.set_viewport_size({"width": 390, "height": 844})
    page.reload()
    for row in _rows(page).all():
        for cell in (row.locator("td").first.get_by_role("link"), row.locator(".fr-badge").first):
            box = cell.bounding_box()
            assert box["x"] >= 0 and box["x"] + box["width"] <= 390, cell.inner_text()
    assert page.locator("#evaluations td .fr-badge").evaluate_all(CLIPPED) == []
    heading = page.locator(".eig-product-group__title")  # the product's heading wraps within the screen
    box = heading.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 390
    assert page.locator(".eig-product-group__heading th").evaluate_all(CLIPPED) == []
