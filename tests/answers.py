"""Answers for every test, in one place: as the engine's contract has them (the web, the browser), as an agent
or a CSV gives them (the store, the managers' area), and a typical report's with its drafted dossier."""
from wizard.core import engine

CRITERIA = ("probleme_avere", "probleme_majeur", "probleme_actionnable", "approche_produit", "sponsoring",
            "autonomie_ressources", "politiques_prioritaires", "feuille_de_route", "ambition_entrepreneuriale")

ELIGIBLE = {
    "administration_name": "Direction interministérielle du numérique",
    "administration_type": "administration_centrale",
    "product_name": "1 élève, 1 stage",
    "beta_page_published": True,
    "beta_page_url": "https://beta.gouv.fr/startups/1eleve1stage.html",
    "phase": "construction",
    "mission_case": "internaliser_pilotage",
    "pilotage_par_impact": "oui",
    "transparence_resultats": "oui",
    "code_source_ouvert": "oui",
    **{criterion: 3 for criterion in CRITERIA},
    "profils": ["directeur_produit", "directeur_technique"],
}
TO_CONFIRM = {**ELIGIBLE, "administration_type": "securite_sociale"}
INELIGIBLE = {**ELIGIBLE, "administration_type": "collectivite_territoriale"}
WITHOUT_CRITERIA = {key: value for key, value in ELIGIBLE.items() if key not in CRITERIA}


# --- As an agent or an answers file gives them (text cells), and their scored form -------------------------

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


# An operator's saved assessment (the agent's save, resume and update).
OPERATOR = {
    "administration_name": "Agence nationale de la cohésion des territoires", "administration_type": "operateur_etat",
    "beta_page_published": True, "phase": "construction", "mission_case": "lancer_produit",
    "investigation_probleme_qualifie": "oui", "investigation_besoin_valide": "oui",
    "investigation_strategie_esquissee": "oui", "profils": ["directeur_technique"],
    **{criterion: 2 for criterion in CRITERIA},
}

# --- The report: a typical assessment, and the same with every dossier field drafted -----------------------

CRITERIA_LEVELS = {
    "probleme_avere": 2, "probleme_majeur": 3, "probleme_actionnable": 2, "approche_produit": 1, "sponsoring": 3,
    "autonomie_ressources": 0, "politiques_prioritaires": 2, "feuille_de_route": 1, "ambition_entrepreneuriale": 2,
}

TYPICAL = {
    "administration_name": "Direction interministérielle du numérique (DINUM)",
    "administration_type": "administration_centrale",
    "product_name": "1 élève, 1 stage",
    "beta_page_published": "oui",
    "beta_page_url": "https://beta.gouv.fr/startups/1eleve1stage.html",
    "phase": "construction",
    "mission_case": "lancer_produit",
    "investigation_probleme_qualifie": "oui",
    "investigation_besoin_valide": "en_cours",
    "investigation_strategie_esquissee": "oui",
    **CRITERIA_LEVELS,
    "profils": ["directeur_produit"],
}

_PROBLEM = ("Les élèves de troisième sans réseau peinent à trouver un stage d'observation : un sur quatre le "
            "trouve au dernier moment, loin de ses centres d'intérêt. Les entreprises volontaires ne savent pas "
            "à qui s'adresser et les établissements gèrent les offres à la main, sur des tableurs partagés. ")
_LONG = (_PROBLEM * 4)[:700].rstrip()
# Each free-text field of the dossier step, drafted at a realistic length.
DOSSIER = {
    "dossier_incubateur": "Incubateur de services numériques de la DINUM",
    "dossier_probleme": _LONG,
    "dossier_politique_publique": ("Égalité des chances et orientation des élèves : la réforme du stage de seconde "
                                   "et le plan « 1 jeune, 1 solution » en font une priorité du Gouvernement."),
    "dossier_entite_operationnelle": "Direction générale de l'enseignement scolaire (DGESCO)",
    "dossier_departement_affectation": "Paris (75)",
    "dossier_lieu_travail": "110 rue de Grenelle, 75007 Paris",
    "dossier_sponsor_nom": "Camille Martin, directrice du numérique pour l'éducation",
    "dossier_sponsor_email": "camille.martin@education.gouv.fr",
    "dossier_contact_nom": "Louis Bernard, chef de projet",
    "dossier_contact_email": "louis.bernard@education.gouv.fr",
    "dossier_missions": _LONG,
    "dossier_pilotage_actuel": _LONG[:500],
    "dossier_copilotage_envisage": _LONG[:500],
    "dossier_objectifs": _LONG,
    "dossier_benefices": _LONG,
    "dossier_perspectives": _LONG,
}
FULL_DOSSIER = {**TYPICAL, **DOSSIER}

# Free text a browser or a PDF reader must never interpret.
HOSTILE_TEXTS = {
    "dossier_probleme": "<script>alert('xss')</script> fin du texte",
    "dossier_missions": "**gras en markdown** et _italique_",
    "dossier_objectifs": "<b>html en gras</b> & <a href=\"https://exemple.fr\">lien</a>",
}
