"""The summary report's content: what the report page and its PDF show, built from the answers and their result.

Pure: no Flask, no I/O. The date is given, so the same answers always give the same report.
"""
from __future__ import annotations

from datetime import date
from operator import itemgetter
from typing import Any, Mapping

from wizard.core import words
from wizard.report import qr
from wizard.report.chart import criteria_chart
from wizard.rules import ids
from wizard.rules.faq import slugify
from wizard.rules.model import TEXT_KINDS, Rules
# Long enough to recognise the administration, short enough for every file system.
_FILENAME_SLUG_LENGTH = 60


def build_report(rules: Rules, values: Mapping[str, Any], result: Mapping[str, Any], on: date) -> dict:
    """Everything the report template needs, from normalised answers (engine.read_answers) and their result."""
    programme = rules.programme
    return {
        "date": on,
        "date_label": words.french_date(on),
        "rules_version": result["rules_version"],
        "programme": programme.name,
        "promotion": programme.promotion,
        "administration": {"name": values.get(ids.ADMINISTRATION_NAME),
                           "type": _answer_text(rules, values, ids.ADMINISTRATION_TYPE)},
        "product": {"name": values.get(ids.PRODUCT_NAME), "phase": _answer_text(rules, values, ids.PHASE)},
        "verdict": _verdict(rules, result["eligibility"]),
        "score": _score(rules, result["score"]),
        "score_method": score_method(rules, result),
        "stakes": _stakes(rules, result["criteria"]),
        "chart": criteria_chart(result["criteria"], rules.top_level) if result["score"] else None,
        "scale": rules.scale,
        "not_assessed": rules.messages["criteria"]["not_assessed"],
        "answers": _answers(rules, values),
        "dossier_sections": _dossier_sections(rules, values),
        "next_steps": _next_steps(result),
        "dossier": {"url": result["dossier_url"], "label": programme.dossier_label,
                    "qr": qr.svg(result["dossier_url"])},
        "contacts": programme.contacts,
        "notice": programme.notice,
        "notice_faq": _faq(rules, programme.notice_faq),
    }


def score_method(rules: Rules, result: Mapping[str, Any]) -> dict | None:
    """How the score was computed, in words: the method, each band's threshold, each criterion's points, and the
    sentence that says which threshold or blocking point chose the band. None without a score."""
    score = result["score"]
    if score is None:
        return None
    texts = rules.messages["score"]
    bands = []
    for position, band in enumerate(rules.bands):
        threshold = score["thresholds"][band.id]
        if threshold == 0 and position > 0:
            rule = texts["threshold_below"].format(threshold=words.number(score["thresholds"][rules.bands[position - 1].id]))
        else:
            rule = texts["threshold"].format(threshold=words.number(threshold))
        if not band.allows_blocking:
            rule += ", " + texts["threshold_no_blocking"]
        bands.append({"id": band.id, "label": band.label, "rule": rule, "chosen": band.id == score["band"]})
    return {
        "heading": texts["heading"], "method": texts["method"], "reading": texts["reading"],
        "explanation": score["explanation"], "bands": bands,
        "criteria": [{"label": c["label"], "level": c["level"], "weight": c["weight"], "points": c["points"]}
                     for c in result["criteria"]],
        "points": score["points"], "max": score["max"],
    }


def pdf_filename(report: Mapping[str, Any]) -> str:
    """auto-evaluation-eig-<administration>-<YYYY-MM-DD>.pdf, in ASCII."""
    slug = slugify(report["administration"]["name"] or "")
    if len(slug) > _FILENAME_SLUG_LENGTH:  # cut between two words
        slug = slug[:_FILENAME_SLUG_LENGTH + 1].rsplit("-", 1)[0]
    return "-".join(filter(None, ("auto-evaluation-eig", slug, report["date"].isoformat()))) + ".pdf"


def _answer_text(rules: Rules, values: Mapping[str, Any], question_id: str) -> str | None:
    question = rules.questions.get(question_id)
    if question is None or question_id not in values:
        return None
    return words.answer_text(question, values[question_id])


def _faq(rules: Rules, slugs: tuple[str, ...] | list[str]) -> list[dict]:
    return [{"slug": slug, "title": rules.faq.get(slug).title} for slug in slugs if rules.faq.get(slug)]


def _verdict(rules: Rules, eligibility: Mapping[str, Any]) -> dict:
    messages = rules.messages
    status = eligibility["status"]
    return {
        "status": status,
        "label": words.status_label(rules, status),
        "title": messages["verdicts"][status]["title"],
        "body": messages["verdicts"][status]["body"],
        "reasons": [{"status": reason["status"], "label": words.status_label(rules, reason["status"]),
                     "message": reason["message"]} for reason in eligibility["reasons"]],
        # The FAQ entries the reasons come from, each once: on paper, one line of references is enough.
        "faq": _faq(rules, list(dict.fromkeys(slug for reason in eligibility["reasons"] for slug in reason["faq"]))),
    }


def _score(rules: Rules, score: Mapping[str, Any] | None) -> dict | None:
    if score is None:
        return None
    band = next(band for band in rules.bands if band.id == score["band"])
    return {
        "points": score["points"],
        "max": score["max"],
        "percent": words.number(score["percent"]),
        "band": band.id,
        "band_label": band.label,
        "summary": band.summary,
        "blocking": [rules.criterion(criterion_id).label for criterion_id in score["blocking"]],
        "blocking_message": rules.messages["criteria"]["blocking"],
    }


def _stakes(rules: Rules, criteria: list[Mapping[str, Any]]) -> list[dict]:
    """The criteria under their stake, each with its level's label; stakes without criteria are left out."""
    views = [{**view, "level_label": words.level_words(rules, view["level"]), "blocking": view["level"] == 0}
             for view in criteria]
    return [{"label": label, "criteria": under} for label, under in words.by_stake(rules, views, itemgetter("stake"))]


def _answers(rules: Rules, values: Mapping[str, Any]) -> list[dict]:
    """The answered questions, step by step. The criteria have their own section, and a step of free texts
    drafted for the dossier is shown in full in the dossier checklist, not twice."""
    drafted = {item.answer for section in rules.programme.dossier_sections for item in section.items}
    groups = []
    for step in rules.steps:
        questions = rules.step_questions(step)
        if step.criteria or all(q.kind in TEXT_KINDS and q.id in drafted for q in questions):
            continue
        answered = [{"question": q.label, "answer": words.answer_text(q, values[q.id])} for q in questions if q.id in values]
        if answered:
            groups.append({"title": step.title, "answers": answered})
    return groups


def _dossier_sections(rules: Rules, values: Mapping[str, Any]) -> list[dict]:
    """The dossier's sections, each item with the agent's text when drafted (None: still to prepare)."""
    sections = []
    for section in rules.programme.dossier_sections:
        items = [{"label": item.label, "text": _answer_text(rules, values, item.answer)} for item in section.items]
        sections.append({"id": section.id, "title": section.title, "entries": items})
    return sections


def _next_steps(result: Mapping[str, Any]) -> list[dict]:
    """What to do now, then the procedure's groups: [{"title": None or the group's title, "steps": [...]}]."""
    return [{"title": None, "steps": list(result["actions"])}] + [
        {"title": group["title"], "steps": list(group["steps"])} for group in result["procedure"]]
