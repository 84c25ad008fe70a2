"""The report's content, as wizard/report.py builds it from the answers and their result."""
from datetime import date

import pytest

from answers import FULL_DOSSIER, TYPICAL
from wizard.core.engine import read_answers, result
from wizard.core.words import french_date
from wizard.report.content import build_report, pdf_filename


def test_the_report_is_dated_and_names_its_rules_administration_and_product(make_report, rules):
    report = make_report(TYPICAL)
    assert report["date_label"] == "6 mai 2024"
    assert report["rules_version"] == rules.version
    assert report["administration"] == {"name": "Direction interministérielle du numérique (DINUM)",
                                        "type": "Administration centrale"}
    assert report["product"] == {"name": "1 élève, 1 stage", "phase": "Construction"}


def test_the_verdict_has_its_words_its_reasons_and_their_faq_entries_once(make_report, rules):
    verdict = make_report(TYPICAL)["verdict"]
    assert verdict["status"] == "to_confirm"
    assert verdict["title"] == rules.messages["verdicts"]["to_confirm"]["title"]
    assert [reason["label"] for reason in verdict["reasons"]].count("Éligible") == 5
    assert "La validation du besoin est en cours" in verdict["reasons"][4]["message"]
    slugs = [entry["slug"] for entry in verdict["faq"]]
    assert slugs == ["quelles-sont-les-administrations-eligibles", "quels-sont-les-projets-eligibles",
                     "dans-quel-cas-demander-l-octroi-d-eig"]


def test_the_score_names_its_band_and_blocking_criteria(make_report):
    score = make_report(TYPICAL)["score"]
    assert (score["points"], score["max"], score["percent"]) == (16, 27, "59,3")
    assert score["band_label"] == "Candidature à consolider"
    assert score["blocking"] == ["Autonomie et accès aux ressources"]


def test_the_criteria_come_under_their_stakes_with_level_and_advice(make_report, rules):
    report = make_report(TYPICAL)
    assert [stake["label"] for stake in report["stakes"]] == [stake.label for stake in rules.stakes]
    criteria = {c["id"]: c for stake in report["stakes"] for c in stake["criteria"]}
    assert set(criteria) == {criterion.id for criterion in rules.criteria}
    assert criteria["approche_produit"]["level_label"] == "1 – En partie"
    assert criteria["approche_produit"]["advice"] == rules.criterion("approche_produit").advice[1]
    assert criteria["sponsoring"]["advice"] == rules.strength
    assert criteria["autonomie_ressources"]["blocking"] is True
    assert len(report["chart"].rows) == 9


def test_without_the_criteria_there_is_no_score_nor_chart(make_report, rules):
    report = make_report({key: value for key, value in TYPICAL.items() if key not in {c.id for c in rules.criteria}})
    assert report["score"] is None and report["chart"] is None
    assert report["not_assessed"] == rules.messages["criteria"]["not_assessed"]


def test_the_answers_are_labelled_step_by_step_without_criteria_nor_dossier_texts(make_report):
    answers = make_report(FULL_DOSSIER)["answers"]
    assert [group["title"] for group in answers] == ["Votre administration", "Votre produit et sa phase",
                                                     "Pourquoi demander une mission EIG", "Les profils souhaités"]
    product = {a["question"]: a["answer"] for a in answers[1]["answers"]}
    assert product["La fiche produit de votre service est-elle publiée sur beta.gouv.fr\u202f?"] == "Oui, elle est publiée"
    assert product["Adresse de la fiche produit"] == "https://beta.gouv.fr/startups/1eleve1stage.html"
    assert answers[3]["answers"] == [{"question": "Quels profils souhaitez-vous accueillir\u202f?",
                                      "answer": "Directrice ou directeur de produit"}]


def test_the_checklist_marks_each_item_drafted_with_its_text_or_to_prepare(make_report):
    sections = make_report(TYPICAL)["dossier_sections"]
    assert [s["title"] for s in sections] == ["Projet", "Administration", "Contacts", "Vœux", "Dispositif", "Motivations"]
    projet = {item["label"]: item["text"] for item in sections[0]["entries"]}
    assert projet == {"Page produit": "https://beta.gouv.fr/startups/1eleve1stage.html", "Phase": "Construction",
                      "Incubateur": None, "Problème identifié": None, "Politique publique concernée": None}
    full = make_report(FULL_DOSSIER)["dossier_sections"]
    assert all(item["text"] for section in full for item in section["entries"])
    contacts = {item["label"]: item["text"] for item in full[2]["entries"]}
    assert contacts["Sponsor (adresse électronique)"] == "camille.martin@education.gouv.fr"


def test_next_steps_keep_the_procedure_under_its_titles(make_report, rules):
    steps = make_report(TYPICAL)["next_steps"]
    # What to do now: the verdict's steps (no cause of its own here), then, the call being open, the deposit.
    assert steps[0] == {"title": None, "steps": [*rules.programme.next_steps["to_confirm"], rules.programme.call.phases["open"].next_step]}
    assert [group["title"] for group in steps[1:]] == [group.title for group in rules.programme.procedure]
    assert steps[1]["steps"] == list(rules.programme.procedure[0].steps)


def test_an_ineligible_project_gets_no_procedure(make_report, rules):
    steps = make_report({**TYPICAL, "administration_type": "collectivite_territoriale"})["next_steps"]
    # The cause's own steps first (a collectivité cannot lift anything), then the verdict's; no deposit.
    organisme = next(cause for cause in rules.programme.causes if cause.id == "organisme")
    assert steps == [{"title": None, "steps": [*organisme.next_steps["ineligible"], *rules.programme.next_steps["ineligible"]]}]


def test_the_dossier_link_comes_with_its_qr_code(make_report, rules):
    dossier = make_report(TYPICAL)["dossier"]
    assert dossier["url"] == "https://www.demarches-simplifiees.fr/commencer/aap-eig7" == rules.programme.dossier_url
    assert dossier["qr"].startswith("<svg") and "style=" not in dossier["qr"]


def test_an_early_verdict_from_partial_answers_makes_a_report(rules):
    values, errors = read_answers(rules, {"administration_type": "autre"}, partial=True)
    report = build_report(rules, values, result(rules, values), date(2024, 5, 6))
    assert report["verdict"]["status"] == "ineligible"
    assert report["administration"] == {"name": None, "type": "Autre (entreprise privée, association…)"}


@pytest.mark.parametrize("name, expected", [
    ("Direction interministérielle du numérique (DINUM)",
     "auto-evaluation-eig-direction-interministerielle-du-numerique-dinum-2024-05-06.pdf"),
    (None, "auto-evaluation-eig-2024-05-06.pdf"),
    ("«  ??? »", "auto-evaluation-eig-2024-05-06.pdf"),
    ("Agence " * 30, "auto-evaluation-eig-" + ("agence-" * 8)[:-1] + "-2024-05-06.pdf"),
])
def test_the_pdf_is_named_after_the_administration_and_the_date(name, expected):
    assert pdf_filename({"administration": {"name": name}, "date": date(2024, 5, 6)}) == expected


@pytest.mark.parametrize("day, expected", [(date(2025, 1, 1), "1er janvier 2025"), (date(2024, 12, 31), "31 décembre 2024"),
                                           (date(2024, 8, 15), "15 août 2024")])
def test_dates_are_written_the_french_way(day, expected):
    assert french_date(day) == expected
