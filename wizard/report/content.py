"""The summary report's content: what the report page and its PDF show, built from the answers and their result.

Pure: no Flask, no I/O. The date is given, so the same answers always give the same report.
"""
from __future__ import annotations

from datetime import date
from typing import Any
from collections.abc import Mapping

from wizard.core import words
from wizard.report import qr
from wizard.report.chart import criteria_chart
from wizard.report.result_view import answer_text, result_view
from wizard.rules import ids
from wizard.rules.faq import slugify
from wizard.rules.model import TEXT_KINDS, Rules

# Answers the report's header shows (with the type and the phase beside them): not repeated among the answers.
_IN_THE_HEADER = (ids.ADMINISTRATION_NAME, ids.PRODUCT_NAME)
# Long enough to recognise the administration, short enough for every file system.
_FILENAME_SLUG_LENGTH = 60


def build_report(rules: Rules, values: Mapping[str, Any], result: Mapping[str, Any], on: date) -> dict:
    """Everything the report template needs, from normalised answers (engine.read_answers) and their result: the
    one view of the result (wizard/report/result_view.py), with the report's own header, answers and dossier."""
    view = result_view(rules, result, values, on)
    return {
        "view": view,
        "date": on,
        "date_label": words.french_date(on),
        "rules_version": result["rules_version"],
        "programme": rules.programme.name,
        "promotion": rules.programme.promotion,
        "administration": {"name": values.get(ids.ADMINISTRATION_NAME),
                           "type": answer_text(rules, values, ids.ADMINISTRATION_TYPE)},
        "product": {"name": values.get(ids.PRODUCT_NAME), "phase": answer_text(rules, values, ids.PHASE)},
        "chart": criteria_chart(result["criteria"], rules.top_level, paper=True) if result["score"] else None,
        "scale": rules.scale,
        "not_assessed": rules.messages["criteria"]["not_assessed"],
        "answers": _answers(rules, values, result.get("facts") or ()),
        # The dossier's sections as drafted: none for a project not eligible.
        "dossier_sections": [] if view["status"] == "ineligible" else _dossier_sections(rules, values),
        # The dossier's link with its QR code, when the view offers it (a call open, a project not turned away).
        "dossier_qr": qr.svg(view["dossier"]["url"], rules.messages["report"]["qr_alternative"].format(**view["dossier"]))
        if view["dossier"] else None,
    }


def pdf_filename(report: Mapping[str, Any]) -> str:
    """auto-evaluation-eig-<administration>-<YYYY-MM-DD>.pdf, in ASCII."""
    return "-".join(filter(None, ("auto-evaluation-eig", filename_slug(report["administration"]["name"]),
                                  report["date"].isoformat()))) + ".pdf"


def filename_slug(name: str | None) -> str:
    """A name for a file name: ASCII, lower case, words joined by "-", cut between two words."""
    slug = slugify(name or "")
    if len(slug) > _FILENAME_SLUG_LENGTH:
        slug = slug[:_FILENAME_SLUG_LENGTH + 1].rsplit("-", 1)[0]
    return slug


def rules_version_words(rules: Rules) -> str:
    """The rules' version as a reader is told it: « règles de la 7e promotion, version du 1er janvier 2024 »."""
    programme, texts = rules.programme, rules.messages["report"]
    version = (texts["version_of"].format(date=words.french_date(date.fromisoformat(programme.version_date)))
               if programme.version_date else texts["version"].format(version=programme.version))
    return texts["rules_version"].format(promotion=programme.promotion, version=version)




def _answers(rules: Rules, values: Mapping[str, Any], found=()) -> list[dict]:
    """The answered questions, step by step. The criteria have their own section, and a step of free texts
    drafted for the dossier is shown in full in the dossier checklist, not twice, as are the commitments. An
    answer checked against beta.gouv.fr's records says so: recorded (with what was declared otherwise), or an
    address declared, not verified."""
    notes = _fact_notes(rules, found)
    drafted = {item.answer for section in rules.programme.dossier_sections for item in section.items}
    groups = []
    for step in rules.steps:
        questions = rules.step_questions(step)
        if step.criteria or step.checklist or all(q.kind in TEXT_KINDS and q.id in drafted for q in questions):
            continue
        answered = [{"question": q.label, "answer": words.answer_text(rules, q, values[q.id]), "note": notes.get(q.id)}
                    for q in questions if q.id in values and q.id not in _IN_THE_HEADER]
        if answered:
            groups.append({"title": step.title, "answers": answered})
    return groups


def _fact_notes(rules: Rules, found) -> dict[str, str]:
    texts, notes = rules.messages["report"], {}
    for fact in found:
        question = rules.questions.get(fact["question"])
        if question is None:
            continue
        if fact.get("checked") == "absent":
            notes[question.id] = texts["address_declared"]
        elif fact.get("declared") is not None and fact["declared"] != fact["recorded"]:
            notes[question.id] = texts["recorded_beside"].format(
                declared=words.answer_text(rules, question, fact["declared"]))
    return notes


def _dossier_sections(rules: Rules, values: Mapping[str, Any]) -> list[dict]:
    """The dossier's sections, each item with the agent's text when drafted (None: still to prepare)."""
    sections = []
    for section in rules.programme.dossier_sections:
        items = [{"label": item.label, "text": answer_text(rules, values, item.answer)} for item in section.items]
        sections.append({"id": section.id, "title": section.title, "entries": items})
    return sections
