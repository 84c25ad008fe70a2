"""French punctuation in Chromium: no "?", ";", "!", ":" or "»" starts a line, on a phone as on a desktop, on every
step of the wizard, the check page and the result; each question's label carries its no-break space."""
import pytest

from answers import ELIGIBLE
from browser.fixtures import at_each_width
from browser.wizard_pages import continue_, fill_step

# Every sign that French typography ties to the word before it, found on the same line as that word's last letter.
SIGNS_ON_THE_WORD_S_LINE = """() => {
    const alone = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    const range = document.createRange();
    const box = (node, at) => { range.setStart(node, at); range.setEnd(node, at + 1); return range.getClientRects()[0]; };
    for (let node; (node = walker.nextNode());) {
        if (node.parentElement.closest('.fr-sr-only, script, style')) continue;  // not laid out as lines
        for (const sign of node.data.matchAll(/[?;!:»]/g)) {
            let before = sign.index - 1;
            while (before >= 0 && /\\s/.test(node.data[before])) before--;
            if (before < 0) continue;  // the word is in another node: a value, or a tag's text
            const word = box(node, before), mark = box(node, sign.index);
            if (word && mark && Math.abs(word.top - mark.top) > 2)
                alone.push(node.data.slice(Math.max(0, sign.index - 40), sign.index + 1).trim());
        }
    }
    return alone;
}"""
# The questions' own words (a label's or a legend's text, not its hint) that end with "?" or ":".
LABELS = """els => els.flatMap(e => [...e.childNodes].filter(n => n.nodeType === Node.TEXT_NODE))
                      .map(n => n.data.trim()).filter(t => /[?:]$/.test(t))"""


def test_no_line_starts_with_a_punctuation_sign_and_labels_carry_no_break_spaces(browser, base_url, screenshot,
                                                                                 assert_no_axe_violations):
    context = browser.new_context(bypass_csp=True, locale="fr-FR")
    page = context.new_page()
    labels = []

    def check(name):
        labels.extend(page.locator("form legend, form label").evaluate_all(LABELS))

        def at(width):
            assert page.evaluate(SIGNS_ON_THE_WORD_S_LINE) == [], f"{page.url} à {width} px"
            screenshot(page, f"espaces-{name}-{width}")
        at_each_width(page, at)
        assert_no_axe_violations(page)  # at the desktop's width: the tour of test_accessibility.py sees both

    page.goto(base_url + "/etapes/administration")
    steps = []
    while page.url.split("/", 3)[-1].startswith("etapes/") and len(steps) < 15:
        steps.append(page.url.split("/")[-1].split("#")[0].split("?")[0])
        check(f"{len(steps):02}-{steps[-1]}")
        fill_step(page, ELIGIBLE)
        continue_(page)
    assert page.url.endswith("/verification") and {"produit", "criteres", "dossier"} <= set(steps), steps
    check("verification")
    page.goto(base_url + "/resultat")
    check("resultat")
    # Ten at least: the follow-ups show in place, so each step is seen once.
    assert len(labels) >= 10 and all(label[-2] == ("\u00a0" if label[-1] == ":" else "\u202f") for label in labels), labels
    context.close()


@pytest.mark.parametrize("width", [390, 1280])
def test_a_product_page_pasted_otherwise_is_kept_and_another_address_refused_with_its_form(browser, base_url, width,
                                                                                           screenshot,
                                                                                           assert_no_axe_violations):
    context = browser.new_context(bypass_csp=True, locale="fr-FR", viewport={"width": width, "height": 900})
    page = context.new_page()
    page.goto(base_url + "/etapes/administration")
    fill_step(page, ELIGIBLE)
    continue_(page)
    fill_step(page, {"beta_page_published": True, "phase": "construction"})  # the address is asked in place
    page.locator("#beta_page_url").fill("https://www.dossierfacile.fr/")
    continue_(page)
    expected = "de la forme https://beta.gouv.fr/startups/nom-du-produit.html"
    assert expected in page.locator("[role=alert]").inner_text()
    assert expected in page.locator("#beta_page_url-messages").inner_text()
    assert_no_axe_violations(page)
    screenshot(page, f"adresse-refusee-{width}")
    page.locator("#beta_page_url").fill(" http://Beta.gouv.fr/startups/DossierFacile/ ")
    continue_(page)
    assert page.url.endswith("/etapes/mission")
    page.goto(base_url + "/etapes/produit")
    assert page.locator("#beta_page_url").input_value() == "https://beta.gouv.fr/startups/DossierFacile.html"  # the id as typed: beta.gouv.fr ids carry capitals
    context.close()
