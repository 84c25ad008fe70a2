"""Answers for the report's tests: a typical assessment, and the same with every dossier field drafted."""

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

# Not eligible: the administration's type alone decides it (every other answer as in the typical one).
INELIGIBLE = {**TYPICAL, "administration_type": "autre"}
