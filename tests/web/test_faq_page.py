"""The FAQ page shows the programme's FAQ as published, its mistakes corrected, with its contact block."""
import re

from markupsafe import escape


def test_the_faq_shows_its_contact_block_with_mailto_links(client):
    html = client.get("/faq").get_data(as_text=True)
    assert "Mieux vous accompagner" in html and escape("Vous n’avez pas trouvé de réponse à votre question\u202f?") in html
    assert re.search(r'<a href="mailto:eig@beta\.gouv\.fr"[^>]*>équipe du programme</a>', html)
    assert re.search(r'<a href="https://beta\.gouv\.fr/incubateurs/dinum\.html"[^>]*>responsable de portefeuille</a>', html)
    assert 'href="eig@beta.gouv.fr"' not in html  # a relative link to a page that does not exist


def test_the_faq_s_typos_are_not_shown(client):
    html = client.get("/faq").get_data(as_text=True)
    for typo in ("promotion du promotion", "candidature à comprennent", "de produit Ces profils", "technique Ces profils",
                 "demarches-simplifees"):
        assert typo not in html, typo
    assert "<li>\n<p>Directeur ou directrice de produit</p>\n<p>Ces profils aguerris" in html
