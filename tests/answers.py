"""Answers for the web tests, as the engine's contract has them."""

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
