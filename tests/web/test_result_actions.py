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
    assert ('href="mailto:eig@beta.gouv.fr?subject=Confirmer%20l%E2%80%99%C3%A9ligibilit%C3%A9%20de%20notre%20projet%20'
            'au%20programme%20EIG%20%E2%80%93%20Direction%20interminist%C3%A9rielle%20du%20num%C3%A9rique"') in action
    assert 'href="https://beta.gouv.fr/incubateurs/dinum.html"' in action  # or the portfolio manager
    assert f'class="fr-link fr-icon-external-link-line fr-link--icon-right" {DOSSIER}' in action  # secondary
    assert len(primary_buttons(html)) == 1


def test_a_region_is_offered_a_way_forward_with_no_dossier_criteria_or_commitments(client):
    html = result_of(client, INELIGIBLE)  # a collectivité territoriale (a région), criteria and commitments given
    action = action_of(html)
    assert "demarches-simplifiees.fr" not in html and "Le dossier de candidature" not in html
    # The primary action is what to do next, not changing a true answer: the règlement's other paths, the team.
    assert "Modifier" not in action and "fr-icon-edit-line" not in action
    assert "Fonds d’accélération des Startups d’État et de Territoires" in action
    assert "Accélérateur d’initiatives citoyennes" in action and ">Règlement provisoire, 1.1<span" in action
    assert 'class="fr-btn fr-btn--lg fr-icon-mail-line fr-btn--icon-left" href="mailto:eig@beta.gouv.fr?subject=' in action
    assert "c’est à lui de candidater" in html  # the partnership with a central administration, in its reason
    for shown in ("Votre score sur les critères", "Critère par critère", "Critères non évalués", "eig-score__percent",
                  "Les engagements de l’administration partenaire", "Non renseigné"):
        assert shown not in html, shown
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
