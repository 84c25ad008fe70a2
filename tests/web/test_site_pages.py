"""The pages a French public site owes, linked from every page's footer with the DSFR's wording."""
import re

import pytest
from markupsafe import escape

from checked_app import make_app

FOOTER = [("Plan du site", "/plan-du-site"), ("Accessibilité\xa0: non conforme", "/accessibilite"),
          ("Mentions légales", "/mentions-legales"), ("Données personnelles", "/donnees-personnelles"),
          ("Questions fréquentes", "/faq")]


def html_of(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return response.get_data(as_text=True)


@pytest.mark.parametrize("url", ["/", "/faq", "/accessibilite", "/mentions-legales", "/plan-du-site", "/donnees-personnelles"])
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


def test_the_legal_notice_says_when_the_host_is_not_set(client):
    html = html_of(client, "/mentions-legales")
    assert "Direction interministérielle du numérique (DINUM)" in html
    assert escape("L’hébergeur de cette installation n’est pas renseigné") in html


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
    for href in ("/", "/faq", "/gestion/", "/donnees-personnelles", "/accessibilite", "/mentions-legales"):
        assert f'href="{href}"' in html, href
