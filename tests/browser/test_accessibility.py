"""axe-core (WCAG 2.1 A and AA) on every page of the wizard, error states included, at desktop and mobile
widths; with SCREENSHOTS_DIR set, a screenshot of each, to look at."""
import pytest
from playwright.sync_api import expect

from browser.fixtures import axe_violations
from browser.wizard_pages import choose, continue_, fill_step
from answers import ELIGIBLE, INELIGIBLE


class Audit:
    """Runs axe on each page visited and keeps every violation, to report them all at the end."""

    def __init__(self, page, width, screenshot):
        self.page, self.width, self.screenshot, self.violations = page, width, screenshot, []

    def check(self, name):
        self.page.wait_for_load_state()
        self.violations += [f"{name} ({self.page.url}) : {violation}" for violation in axe_violations(self.page)]
        self.screenshot(self.page, f"{name}-{self.width}")


@pytest.mark.parametrize("width", [1280, 390])
def test_every_page_has_no_axe_violation(browser, base_url, width, screenshot):
    context = browser.new_context(bypass_csp=True, locale="fr-FR", viewport={"width": width, "height": 900})
    page = context.new_page()
    audit = Audit(page, width, screenshot)
    go = lambda path: page.goto(base_url + path)  # noqa: E731

    go("/"); audit.check("01-accueil")
    go("/etapes/profils"); audit.check("02-reprise-session")  # no answers: back to step 1, saying why
    continue_(page); audit.check("03-administration-erreurs")
    fill_step(page, {**ELIGIBLE, "administration_name": ""}); continue_(page); audit.check("04-produit")
    fill_step(page, {"beta_page_published": True, "phase": "construction"})  # the address is revealed in place
    audit.check("05-produit-adresse")
    page.locator("#beta_page_url").fill("https://exemple.fr/produit"); continue_(page)
    audit.check("06-produit-adresse-erreur")
    page.locator("#beta_page_url").fill(ELIGIBLE["beta_page_url"]); continue_(page); audit.check("07-mission")
    choose(page, "mission_case", "lancer_produit"); audit.check("08-mission-conditions")  # revealed in place
    continue_(page); audit.check("09-mission-conditions-erreurs")
    fill_step(page, {"investigation_probleme_qualifie": "oui", "investigation_besoin_valide": "oui",
                     "investigation_strategie_esquissee": "oui"})
    continue_(page); audit.check("10-criteres")
    choose(page, "sponsoring", 2); continue_(page); audit.check("11-criteres-erreurs")
    fill_step(page, ELIGIBLE); continue_(page); audit.check("12-profils")
    fill_step(page, ELIGIBLE); continue_(page); audit.check("13-verification")
    go("/resultat"); audit.check("14-resultat-eligible")
    go("/etapes/administration?retour=verification"); audit.check("15-modification")
    choose(page, "administration_type", "securite_sociale"); continue_(page, "Enregistrer et revenir à la vérification")
    go("/resultat"); audit.check("16-resultat-a-confirmer")
    go("/etapes/criteres"); continue_(page, "Passer cette étape"); go("/resultat"); audit.check("17-resultat-sans-criteres")
    go("/"); audit.check("18-accueil-reprise")
    page.get_by_role("link", name="Recommencer à zéro").click(); audit.check("18b-recommencer")
    page.get_by_role("button", name="Effacer mes réponses et recommencer").click(); audit.check("18c-accueil-efface")
    go("/etapes/administration"); fill_step(page, INELIGIBLE); continue_(page); audit.check("19-resultat-anticipe")
    go("/etapes/produit"); audit.check("20-etape-apres-verdict")
    go("/faq"); audit.check("21-faq")
    go("/inexistante"); audit.check("22-page-introuvable")
    go("/accessibilite"); audit.check("25-accessibilite")
    go("/mentions-legales"); audit.check("26-mentions-legales")
    go("/donnees-personnelles"); audit.check("27-donnees-personnelles")
    go("/plan-du-site"); audit.check("28-plan-du-site")
    go("/etapes/administration")
    context.clear_cookies()
    choose(page, "administration_type", "autre"); continue_(page)
    expect(page.locator("h1")).to_have_text("Votre formulaire n’a pas pu être envoyé")
    audit.check("23-jeton-csrf-absent")
    go("/etapes/administration")
    page.locator("#administration_name").evaluate("field => field.value = 'x'.repeat(300000)")
    continue_(page)
    expect(page.locator("h1")).to_have_text("Votre envoi est trop volumineux")
    audit.check("24-envoi-trop-volumineux")
    context.close()
    assert not audit.violations, "\n".join(audit.violations)
