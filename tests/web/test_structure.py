import pytest

from structure import check_page_structure

GOOD = """<!doctype html>
<html lang="fr">
<head><meta charset="utf-8"><title>Votre projet – Éligibilité EIG</title></head>
<body>
  <main id="contenu">
    <h1>Votre  projet</h1>
    <form method="post" action="/projet" novalidate>
      <input type="hidden" name="csrf_token" value="t">
      <label for="nom">Nom</label><input id="nom" name="nom">
    </form>
    <form action="/recherche"><input name="q" aria-label="Recherche"></form>
  </main>
  <script type="module" src="/static/dsfr/dsfr.module.min.js"></script>
</body>
</html>"""


def bad(old, new):
    assert old in GOOD
    return GOOD.replace(old, new)


def test_good_page_passes():
    check_page_structure(GOOD, "/projet")


@pytest.mark.parametrize(
    "html, message",
    [
        (bad("<!doctype html>", ""), "HTML invalide .*Expected DOCTYPE"),
        (bad("<label for", "</div><label for"), "ligne 9, colonne 12 : End tag \\(div\\) seen too early"),
        (bad("<h1>Votre  projet</h1>", ""), "0 h1 au lieu d'un seul"),
        (bad("</h1>", "</h1><h1>Autre</h1>"), "2 h1 au lieu d'un seul"),
        (bad("<title>Votre", "<title>Notre"), "ne commence pas par le h1 'Votre projet'"),
        (bad('id="nom"', 'id="contenu"'), "id 'contenu' présent 2 fois"),
        (bad(' action="/projet"', ""), "formulaire n°1 sans attribut action"),
        (bad('name="csrf_token"', 'name="jeton"'), "formulaire POST n°1 sans champ csrf_token"),
        (bad("</main>", "</main><script>alert(1)</script>"), "script inline : 'alert\\(1\\)'"),
        (bad("</head>", "<style>p{}</style></head>"), "élément <style> inline"),
        (bad("<h1>", '<h1 style="color:red">'), "attribut style= sur <h1>"),
        (bad("<h1>", '<h1 onclick="x()">'), "attribut onclick= sur <h1>"),
    ],
)
def test_each_violation_is_reported(html, message):
    with pytest.raises(AssertionError, match=message) as excinfo:
        check_page_structure(html, "/projet")
    assert str(excinfo.value).startswith("/projet : structure incorrecte")
