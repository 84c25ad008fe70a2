"""The report's content, as wizard/report/content.py builds it from the answers and their result."""
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
    verdict = make_report(TYPICAL)["view"]
    assert verdict["status"] == "to_confirm"
    assert verdict["title"] == rules.messages["verdicts"]["to_confirm"]["title"]
    assert [reason["status_label"] for reason in verdict["passed_reasons"]].count("Éligible") == 5
    # The reason that decides comes first.
    assert "La validation du besoin est en cours" in verdict["deciding_reasons"][0]["message"]
    slugs = [entry["slug"] for entry in verdict["reasons_faq"]]
    assert slugs == ["quelles-sont-les-administrations-eligibles", "quels-sont-les-projets-eligibles",
                     "dans-quel-cas-demander-l-octroi-d-eig"]


def test_the_score_names_its_band_and_blocking_criteria(make_report):
    score = make_report(TYPICAL)["view"]["score"]
    assert (score["points"], score["max"], score["percent_label"]) == (16, 27, "59,3\u202f%")
    assert score["band_label"] == "Candidature à consolider"
    assert score["blocking"] == ["Autonomie et accès aux ressources"]


def test_the_criteria_come_under_their_stakes_with_level_and_advice(make_report, rules):
    report = make_report(TYPICAL)
    assert [stake["label"] for stake in report["view"]["stakes"]] == [stake.label for stake in rules.stakes]
    criteria = {c["id"]: c for stake in report["view"]["stakes"] for c in stake["criteria"]}
    assert set(criteria) == {criterion.id for criterion in rules.criteria}
    assert criteria["approche_produit"]["level_label"] == "1 – En partie"
    assert criteria["approche_produit"]["advice"] == rules.criterion("approche_produit").advice[1]
    assert criteria["sponsoring"]["advice"] == rules.strength
    assert criteria["autonomie_ressources"]["blocking"] is True
    assert len(report["chart"].rows) == 9


def test_without_the_criteria_there_is_no_score_nor_chart(make_report, rules):
    report = make_report({key: value for key, value in TYPICAL.items() if key not in {c.id for c in rules.criteria}})
    assert report["view"]["score"] is None and report["chart"] is None
    assert report["not_assessed"] == rules.messages["criteria"]["not_assessed"]


def test_the_answers_are_labelled_step_by_step_without_criteria_nor_dossier_texts(make_report):
    answers = make_report(FULL_DOSSIER)["answers"]
    assert [group["title"] for group in answers] == ["Votre administration", "Votre produit et sa phase",
                                                     "Pourquoi demander une mission EIG", "Les profils souhaités"]
    product = {a["question"]: a["answer"] for a in answers[1]["answers"]}
    assert product["La fiche produit de votre service est-elle publiée sur beta.gouv.fr\u202f?"] == "Oui, elle est publiée"
    assert product["Adresse de la fiche produit"] == "https://beta.gouv.fr/startups/1eleve1stage.html"
    assert answers[3]["answers"] == [{"question": "Quels profils souhaitez-vous accueillir\u202f?",
                                      "answer": "Directrice ou directeur de produit", "note": None}]


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


def test_the_dossier_link_comes_with_its_qr_code_while_the_call_is_open(make_report, rules):
    report = make_report(TYPICAL)
    assert report["view"]["dossier"]["url"] == "https://www.demarches-simplifiees.fr/commencer/aap-eig7" == rules.programme.dossier_url
    assert report["dossier_qr"].startswith("<svg") and "style=" not in report["dossier_qr"]
    closed = make_report(TYPICAL, on=date(2026, 12, 7))
    assert closed["view"]["dossier"] is None and closed["dossier_qr"] is None


def test_an_early_verdict_from_partial_answers_makes_a_report(rules):
    values, errors = read_answers(rules, {"administration_type": "autre"}, partial=True)
    report = build_report(rules, values, result(rules, values), date(2024, 5, 6))
    assert report["view"]["status"] == "ineligible"
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
