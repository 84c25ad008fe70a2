"""Answers as an agent gives them, and their scored form, for the persistence tests."""
from wizard.core import engine

COMPLETE = {
    "administration_name": "Direction interministérielle du numérique",
    "administration_type": "administration_centrale",
    "beta_page_published": "oui",
    "phase": "construction",
    "mission_case": "lancer_produit",
    "investigation_probleme_qualifie": "oui",
    "investigation_besoin_valide": "oui",
    "investigation_strategie_esquissee": "oui",
    "profils": "directeur_produit;directeur_technique",
    "probleme_avere": "3", "probleme_majeur": "3", "probleme_actionnable": "2", "approche_produit": "2",
    "sponsoring": "3", "autonomie_ressources": "2", "politiques_prioritaires": "2", "feuille_de_route": "2",
    "ambition_entrepreneuriale": "2",
}


def answers(**changes) -> dict:
    """Complete answers with some changed; a None removes the answer."""
    given = {**COMPLETE, **changes}
    return {key: value for key, value in given.items() if value is not None}


def scored(rules, raw: dict, partial: bool = False) -> tuple[dict, dict]:
    """(normalised values, result), as the web wizard and the import store them."""
    values, errors = engine.read_answers(rules, raw, partial=partial)
    assert not errors, errors
    return values, engine.result(rules, values)
