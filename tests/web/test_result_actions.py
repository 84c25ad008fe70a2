"""The result never contradicts itself: one primary action per verdict, the score as information when not
eligible, the criteria in the rules' order in the chart, the lists and the report."""
import re

from answers import ELIGIBLE, INELIGIBLE, TO_CONFIRM
from web.journey import submit_step, walk

DOSSIER = 'href="https://www.demarches-simplifiees.fr/commencer/aap-eig7"'


def text(response) -> str:
    return response.get_data(as_text=True)


def result_of(client, answers) -> str:
    walk(client, answers)
    return client.get("/resultat").get_data(as_text=True)


def action_of(html: str) -> str:
    return html[html.index('id="action"'):html.index('<h2 class="fr-mt-6w">Pourquoi ce verdict')]


def primary_buttons(html: str) -> list[str]:
    main = html[html.index("<main"):html.index("</main>")]
    return [c for c in re.findall(r'class="(fr-btn(?: [^"]*)?)"', main) if not re.search(r"fr-btn--(secondary|tertiary)", c)]


def test_eligible_files_the_dossier(client):
    html = result_of(client, ELIGIBLE)
    assert DOSSIER in action_of(html) and "fr-btn--lg" in action_of(html)
    assert len(primary_buttons(html)) == 1


def test_to_confirm_writes_to_the_programme_team_with_a_subject(client):
    html = result_of(client, TO_CONFIRM)
    action = action_of(html)
    assert ('href="mailto:eig@beta.gouv.fr?subject=Confirmer%20l%27%C3%A9ligibilit%C3%A9%20de%20notre%20projet%20'
            'au%20programme%20EIG%20%E2%80%93%20Direction%20interminist%C3%A9rielle%20du%20num%C3%A9rique"') in action
    assert 'href="https://beta.gouv.fr/incubateurs/dinum.html"' in action  # or the portfolio manager
    assert f'class="fr-link fr-icon-external-link-line fr-link--icon-right" {DOSSIER}' in action  # secondary
    assert len(primary_buttons(html)) == 1


def test_not_eligible_says_what_would_change_it_with_no_dossier(client):
    html = result_of(client, INELIGIBLE)
    assert "demarches-simplifiees.fr" not in html and "Le dossier de candidature" not in html
    assert "Modifier la réponse qui bloque" in action_of(html)
    assert re.search(r"<li>«\u202f[^<]+\u202f»</li>", action_of(html))  # the question whose answer blocks
    assert "ce score est donné à titre d&#39;information seulement" in html
    assert 'class="fr-badge">Candidature' in html  # the band without a verdict's colour
    assert len(primary_buttons(html)) == 1


def test_blocking_reasons_come_first_and_passed_ones_fold(client):
    html = result_of(client, TO_CONFIRM)
    reasons = html[html.index("Pourquoi ce verdict"):html.index("Votre score")]
    assert reasons.index("fr-badge--warning") < reasons.index('class="fr-accordions-group eig-passed"')
    assert reasons.count('class="fr-accordion"') == reasons.count("aria-expanded=\"false\"") >= 5


def test_the_early_notice_comes_after_the_verdict(client):
    assert submit_step(client, "/etapes/administration", INELIGIBLE).headers["Location"] == "/resultat"
    html = client.get("/resultat").get_data(as_text=True)
    assert html.index('id="verdict"') < html.index("Résultat anticipé")


def test_one_order_of_criteria_in_the_chart_the_lists_and_the_report(client, rules):
    html = result_of(client, ELIGIBLE)
    order = [c.label.replace("'", "&#39;") for c in rules.criteria]
    chart = html[html.index('<svg class="eig-chart"'):html.index("</svg>")]
    assert sorted(order, key=chart.index) == order
    listed = html[html.index("Critère par critère"):html.index("Comment ce score est calculé")]
    assert sorted(order, key=lambda label: listed.index(label, listed.index("</svg>"))) == order
    report = client.get("/rapport").get_data(as_text=True)
    report_chart = report[report.index('<svg class="eig-chart"'):]
    assert sorted(order, key=report_chart.index) == order


def test_restart_asks_first_then_says_it_is_done(client):
    walk(client, ELIGIBLE)
    page = client.get("/recommencer?depuis=resultat").get_data(as_text=True)
    assert "Recommencer à zéro\u202f?" in page and 'href="/resultat">Annuler' in page
    assert client.get("/verification").status_code == 200  # asking erased nothing
    token = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
    response = client.post("/recommencer", data={"csrf_token": token})
    assert response.status_code == 303
    assert "Vos réponses ont été effacées" in text(client.get("/"))
