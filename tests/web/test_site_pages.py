"""The pages a French public site owes, linked from every page's footer with the DSFR's wording."""
import re

import pytest
from markupsafe import escape

from checked_app import OPERATOR_CONFIG, OPERATOR_ENV, make_app

FOOTER = [("Plan du site", "/plan-du-site"), ("Accessibilité\xa0: non conforme", "/accessibilite"),
          ("Mentions légales", "/mentions-legales"),
          ("Données personnelles et gestion des cookies", "/donnees-personnelles"),
          ("Conditions générales d'utilisation", "/cgu"), ("Statistiques", "/stats"), ("Questions fréquentes", "/faq")]


def html_of(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return response.get_data(as_text=True)


@pytest.mark.parametrize("url", ["/", "/faq", "/accessibilite", "/mentions-legales", "/plan-du-site", "/donnees-personnelles",
                                 "/cgu", "/stats"])
def test_every_page_s_footer_links_the_pages_a_public_site_owes(client, url):
    footer = html_of(client, url).split('id="pied-de-page"')[1]
    links = re.findall(r'<a class="fr-footer__bottom-link" href="([^"]+)">([^<]+)</a>', footer)
    assert [(str(escape(label)), href) for label, href in FOOTER] == [(label, href) for href, label in links]


def test_the_accessibility_statement_follows_the_rgaa_form(client):
    html = html_of(client, "/accessibilite")
    for part in ("État de conformité", "non conforme", "RGAA", "Résultats des tests", "axe-core", "Contenus non accessibles",
                 "Établissement de cette déclaration", "Retour d’information et contact", "Voies de recours",
                 "Défenseur des droits", "Libre réponse 71120"):
        assert escape(part) in html, part
    assert 'href="mailto:eig@beta.gouv.fr"' in html


def test_the_legal_notice_names_publisher_director_and_host_from_the_configuration():
    app = make_app(PUBLISHER="Ministère de l’exemple", PUBLICATION_DIRECTOR="Camille Martin",
                   HOST="Hébergeur exemple, 1 rue de la Paix, 75002 Paris")
    html = html_of(app.test_client(), "/mentions-legales")
    assert escape("Ministère de l’exemple") in html and "Camille Martin" in html and "1 rue de la Paix" in html


def test_the_legal_notice_says_when_the_host_is_not_set_in_the_embedded_run(client):
    html = html_of(client, "/mentions-legales")
    assert "Direction interministérielle du numérique (DINUM)" in html
    assert escape("Non renseigné sur cette installation locale") in html and "doit l" not in html


def test_the_personal_data_page_gives_controller_legal_basis_dpo_rights_and_the_cnil(client):
    html = html_of(client, "/donnees-personnelles")
    for part in ("Responsable du traitement", "Base légale", "mission d’intérêt public", "article 6, paragraphe 1, point e",
                 "Délégué à la protection des données", "droit d’accès, de rectification, d’effacement",
                 "Réclamation auprès de la CNIL", "https://www.cnil.fr/fr/plaintes"):
        assert escape(part) in html, part


def test_the_dpo_contact_comes_from_the_configuration():
    app = make_app(DPO_CONTACT="dpd@exemple.gouv.fr")
    assert "dpd@exemple.gouv.fr" in html_of(app.test_client(), "/donnees-personnelles")


def test_the_site_map_links_every_page_a_person_can_open(client):
    html = html_of(client, "/plan-du-site")
    for href in ("/", "/faq", "/gestion/", "/donnees-personnelles", "/accessibilite", "/mentions-legales", "/cgu", "/stats"):
        assert f'href="{href}"' in html, href


CONFIGURED = OPERATOR_CONFIG


def test_the_accessibility_statement_says_the_pdf_is_tagged_and_links_the_configured_plans():
    html = html_of(make_app(**CONFIGURED).test_client(), "/accessibilite")
    assert "PDF/UA-1" in html and escape("n’est pas balisé") not in html
    assert f'href="{OPERATOR_ENV["EIG_ACCESSIBILITY_PLAN_URL"]}">Schéma pluriannuel de mise en accessibilité 2025-2027</a>' in html
    assert f'href="{OPERATOR_ENV["EIG_ACCESSIBILITY_ACTION_PLAN_URL"]}">Plan d’action 2026</a>' in html
    for part in ("axe-core", "1280 pixels", "390 pixels", "validateur HTML Nu", "clavier seul", "lecteur d’écran", "non conforme"):
        assert escape(part) in html, part


def test_the_personal_data_page_gives_each_purpose_and_the_sub_processors_from_the_configuration():
    app = make_app(**CONFIGURED, SENTRY_DSN="https://cle@sentry.exemple.fr/1", ERROR_TRACKER="Sentry de l’exemple, en France",
                   SMTP_PROVIDER="Courriels Exemple SAS, en France")
    html = html_of(app.test_client(), "/donnees-personnelles")
    assert "<h1>Données personnelles et gestion des cookies</h1>" in html
    for part in ("Finalités", "Faire votre auto-évaluation", "Reprendre, compléter ou supprimer", "Préparer la présélection",
                 "Protéger le service des abus", "Corriger les erreurs du service", "Durée de conservation", "365 jours",
                 "Sous-traitants", OPERATOR_ENV["EIG_HOST"], "Courriels Exemple SAS", "Sentry de l’exemple",
                 "Gestion des cookies", "cookie de session", OPERATOR_ENV["EIG_DPO_CONTACT"]):
        assert escape(part) in html, part


def test_without_error_tracking_nor_e_mail_the_page_says_there_is_none(client):
    html = html_of(client, "/donnees-personnelles")
    assert escape("le suivi des erreurs n’est pas activé") in html and escape("le service n’envoie pas de courriel") in html


def test_the_terms_of_use_page(client):
    html = html_of(client, "/cgu")
    for part in ("Conditions générales d’utilisation", "Un résultat indicatif", "Votre lien de reprise", "365 jours",
                 'href="/donnees-personnelles"', 'href="/.well-known/security.txt"'):
        assert str(escape(part)) in html or part in html, part
