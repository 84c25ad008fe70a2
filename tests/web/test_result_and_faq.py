"""The result explains itself: reasons linked to the FAQ's entries, the score and its chart, what comes next."""
import re

from answers import ELIGIBLE, TO_CONFIRM, WITHOUT_CRITERIA
from web.journey import walk


def result_of(client, answers) -> str:
    walk(client, answers)
    return client.get("/resultat").get_data(as_text=True)


def test_each_reason_links_to_an_faq_entry_that_exists(client):
    html = result_of(client, ELIGIBLE)
    faq = client.get("/faq").get_data(as_text=True)
    anchors = set(re.findall(r'href="/faq#([a-z0-9-]+)"', html))
    assert "quelles-sont-les-administrations-eligibles" in anchors
    for anchor in anchors:
        assert f'id="{anchor}"' in faq


def test_the_chart_is_an_accessible_image_with_its_levels_in_words(client, rules):
    html = result_of(client, ELIGIBLE)
    assert re.search(r'<svg class="eig-chart"[^>]*role="img"[^>]*aria-labelledby="graphique-titre graphique-description"', html)
    assert '<title id="graphique-titre">' in html and '<desc id="graphique-description">' in html
    assert html.count('<use href="#graphique-niveau-3"') == len(rules.criteria)  # each row: the bar of its level
    description = html.split('<desc id="graphique-description">')[1].split("</desc>")[0]
    assert all(f"{criterion.label.replace(chr(39), '&#39;')}\xa0: 3 – Pleinement" in description for criterion in rules.criteria)
    assert html.count('<section class="fr-accordion eig-criteria__item">') == len(rules.criteria)  # and each one in the list, in words


def test_the_score_band_and_next_steps_are_shown(client, rules):
    html = result_of(client, ELIGIBLE)
    assert "Candidature solide" in html and "soit 27 points sur 27" in html
    for group in rules.programme.procedure:
        assert group.title.replace("'", "&#39;") in html
    assert f'href="{rules.programme.dossier_url}"' in html
    assert "demarches-simplifees.fr" not in html  # the FAQ's misspelled domain never reaches a page
    assert "data-eig-print hidden" in html and re.search(r"/static/js/print\.[0-9a-f]{12}\.js", html)
    assert f"règles {rules.version}" in html


def test_to_confirm_gives_the_programme_s_contacts(client):
    html = result_of(client, TO_CONFIRM)
    verdict = html[html.index('id="verdict"'):html.index("Pourquoi ce verdict")]
    assert 'href="mailto:eig@beta.gouv.fr?subject=' in verdict


def test_without_criteria_no_score_but_the_way_to_assess_them(client):
    html = result_of(client, WITHOUT_CRITERIA)
    assert "Critères non évalués" in html and "eig-chart" not in html
    assert 'href="/etapes/criteres?retour=verification">Évaluer les critères' in html


def test_the_faq_page_has_one_anchor_per_entry_and_no_markup_of_its_own(client, rules):
    response = client.get("/faq")
    html = response.get_data(as_text=True)
    for entry in rules.faq.entries:
        assert html.count(f'id="{entry.slug}"') == 1
        assert f'href="#{entry.slug}"' in html
    assert "<script" not in html.split("<main")[1].split("</main>")[0]


def test_the_result_page_says_how_the_score_was_computed(client, rules):
    html = result_of(client, {**ELIGIBLE, "probleme_avere": 0})
    method = html[html.index("Comment ce score est calculé"):]
    assert ("24 points sur 27, soit 88,9 % : ce score atteint le seuil de 75 % du palier « Candidature solide »"
            in " ".join(method.split()))
    for band in rules.bands:
        assert band.label in method
    assert "au moins 75\u202f% des points, sans point bloquant" in method
    assert "moins de 50\u202f% des points" in method
    rows = re.findall(r'<tr><th scope="row">([^<]+)</th><td>(\d)</td><td>(\d)</td><td>(\d)</td></tr>', method)
    assert [label for label, *_ in rows] == [criterion.label.replace("'", "&#39;") for criterion in rules.criteria]
    assert rows[0][1:] == ("0", "1", "0") and rows[1][1:] == ("3", "1", "3")
    assert "Total</th><td>24 sur 27" in method
    assert "la lecture de cet outil, pas celle du jury" in method
