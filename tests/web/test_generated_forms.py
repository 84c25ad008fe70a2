"""The forms come from the rules: a question added to the YAML appears on its page, with its DSFR component."""
import shutil

import pytest

from checked_app import make_app
from answers import ELIGIBLE
from web.journey import step_form, submit_step

NEW_QUESTION = """
      - id: hebergement
        kind: choice
        label: Où le service est-il hébergé ?
        required: false
        options:
          - {id: etat, label: Sur un cloud de l'État, hint: "Par exemple : Cloud Pi Native."}
          - {id: prive, label: Chez un prestataire privé}
"""


@pytest.fixture(scope="module")
def app_with_a_new_question(tmp_path_factory, rules):
    folder = tmp_path_factory.mktemp("regles")
    shutil.copytree(rules.faq.path.parent.parent, folder, dirs_exist_ok=True)
    questions = folder / "questions.yaml"
    text = questions.read_text(encoding="utf-8")
    anchor = "      - id: phase\n"
    questions.write_text(text.replace(anchor, NEW_QUESTION.lstrip("\n") + anchor, 1), encoding="utf-8")
    return make_app(RULES_DIR=folder)


def test_a_question_added_to_the_yaml_is_on_its_page(app_with_a_new_question):
    client = app_with_a_new_question.test_client()
    submit_step(client, "/etapes/administration", ELIGIBLE)
    html = client.get("/etapes/produit").get_data(as_text=True)
    assert "hebergement" in step_form(html).fields
    assert '<legend class="fr-fieldset__legend" id="hebergement-legend">Où le service est-il hébergé\u202f?' in html
    assert '<span class="fr-hint-text">Par exemple\xa0: Cloud Pi Native.</span>' in html
    response = submit_step(client, "/etapes/produit", {**ELIGIBLE, "hebergement": "etat"})
    assert response.status_code == 303
    assert "Sur un cloud de l’État" in client.get("/etapes/produit").get_data(as_text=True)


def test_each_kind_of_question_gets_its_component(client):
    submit_step(client, "/etapes/administration", ELIGIBLE)
    produit = client.get("/etapes/produit").get_data(as_text=True)
    assert 'type="radio" id="phase-0" name="phase" value="investigation"' in produit
    assert 'value="transfer"' not in produit  # options kept for old answers files are not offered
    assert '<input class="fr-input" type="text" id="product_name"' in produit
    for step in ("produit", "mission"):
        submit_step(client, f"/etapes/{step}", ELIGIBLE)
    submit_step(client, "/etapes/mission", ELIGIBLE)
    criteria = client.get("/etapes/criteres").get_data(as_text=True)
    # The 0-3 scale, each level with the criterion's own descriptor, under the FAQ's stakes.
    assert ('<h2 class="fr-h5 fr-mt-6w" id="enjeu-1"><span class="eig-stake-state">Enjeu 1 sur 4</span>'
            '<span class="fr-sr-only"> – </span>Valeur d’intérêt général</h2>') in criteria
    assert ('<label class="fr-label" for="sponsoring-0">0 – Pas encore<span class="fr-hint-text">'
            "Aucune ou aucun sponsor n’est identifié.</span></label>") in criteria
    submit_step(client, "/etapes/criteres", {}, button="passer")
    profils = client.get("/etapes/profils").get_data(as_text=True)
    assert 'type="checkbox" id="profils-0" name="profils" value="directeur_produit"' in profils
