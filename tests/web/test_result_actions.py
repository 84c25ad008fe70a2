"""The result never contradicts itself: one primary action per verdict, the score as information when not
eligible, the criteria in the rules' order in the chart, the lists and the report."""
import re

from answers import ELIGIBLE, INELIGIBLE, TO_CONFIRM
from web.journey import submit_step, walk

DOSSIER = "https://www.demarches-simplifiees.fr/commencer/aap-eig7"
DOSSIER_LINK = "Déposer un dossier sur Démarche numérique (anciennement Démarches simplifiées)"


def result_of(client, answers):
    walk(client, answers)
    return client.get("/resultat").page


def test_eligible_files_the_dossier(client):
    page = result_of(client, ELIGIBLE)
    assert page.primary_actions() == [DOSSIER_LINK]
    assert page.links("action")[DOSSIER_LINK] == DOSSIER


def test_to_confirm_writes_to_the_programme_team_with_a_subject(client):
    page = result_of(client, TO_CONFIRM)
    [write] = page.primary_actions()
    assert write.startswith("Écrire à l’équipe du programme")
    links = page.links("action")
    assert links[write] == ("mailto:eig@beta.gouv.fr?subject=Confirmer%20l%E2%80%99%C3%A9ligibilit%C3%A9%20de%20notre%20"
                            "projet%20au%20programme%20EIG%20%E2%80%93%20Direction%20interminist%C3%A9rielle%20du%20"
                            "num%C3%A9rique")
    assert "https://beta.gouv.fr/incubateurs/dinum.html" in links.values()  # or the portfolio manager
    assert links[DOSSIER_LINK] == DOSSIER  # offered, not the primary action


def test_a_region_is_offered_a_way_forward_with_no_dossier_criteria_or_commitments(client):
    page = result_of(client, INELIGIBLE)  # a collectivité territoriale (a région), criteria and commitments given
    action = page.text_of("action")
    assert "demarches-simplifiees.fr" not in page.html and "Le dossier de candidature" not in page.text
    # The primary action is what to do next, not changing a true answer: the règlement's other paths, the team.
    [write] = page.primary_actions()
    assert page.links("action")[write].startswith("mailto:eig@beta.gouv.fr?subject=")
    assert "Modifier" not in action
    assert "Fonds d’accélération des Startups d’État et de Territoires" in action
    assert "Accélérateur d’initiatives citoyennes" in action
    assert any(name.startswith("Règlement provisoire, 1.1") for name in page.links("action"))
    assert "c’est à lui de candidater" in page.text  # the partnership with a central administration, in its reason
    for shown in ("Votre score sur les critères", "Critère par critère", "Critères non évalués",
                  "Les engagements de l’administration partenaire", "Non renseigné"):
        assert shown not in page.text, shown


def test_blocking_reasons_come_first_and_passed_ones_fold(client):
    page = result_of(client, TO_CONFIRM)
    reasons = page.text[page.text.index("Pourquoi ce verdict"):page.text.index("Votre score")]
    folded = page.folded()
    assert len(folded) >= 5  # each passed reason, one line until opened
    first_blocking = next(words for words, kind in page.badges() if kind == "attention")
    assert reasons.index(first_blocking) < reasons.index(folded[0])


def test_the_early_notice_comes_after_the_verdict(client):
    assert submit_step(client, "/etapes/administration", INELIGIBLE).headers["Location"] == "/resultat"
    html = client.get("/resultat").get_data(as_text=True)
    assert html.index('id="verdict"') < html.index("Résultat anticipé")


def test_one_order_of_criteria_in_the_chart_the_lists_and_the_report(client, rules):
    html = result_of(client, ELIGIBLE).html
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
    assert "Vos réponses ont été effacées" in client.get("/").page.text


def test_the_observatoire_s_button_is_shown_with_its_configured_address_and_only_then(app, client):
    button = "Je donne mon avis"
    assert button not in result_of(client, ELIGIBLE).links()
    address = "https://voxusagers.numerique.gouv.fr/Demarches/4242?&view-mode=formulaire-avis&nd_source=button"
    before, app.config["MONAVIS_URL"] = app.config.get("MONAVIS_URL"), address
    try:
        page = client.get("/resultat").page
    finally:
        app.config["MONAVIS_URL"] = before
    assert page.links()[button] == address and button not in page.primary_actions()
