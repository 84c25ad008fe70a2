"""The one presentation of a result: what every output shows of it (the result page, the printable report and its
PDF, `eig-wizard assess`, the managers' pages), built here from the explained result and the call's state.

Pure: no Flask, no I/O; the day is given. Here, and only here, the verdict becomes its words and reasons, its one
primary action (for a project turned away, the other paths the règlement names), the next steps and the
procedure, whether the dossier's link is offered (only while a call is open, never to a project not eligible),
the commitments and the score with how it was computed (neither for a project not eligible: nothing is asked of
it that it could not use), and where the two sources disagree. Outputs add only
their own links (the web's step and FAQ addresses) and layout; templates display this and decide nothing.
"""
from __future__ import annotations

from datetime import date
from operator import itemgetter
from typing import Any
from collections.abc import Mapping
from urllib.parse import quote

from wizard.core import words
from wizard.core.engine import Value
from wizard.rules import ids
from wizard.rules.model import Rules, Status


def result_view(rules: Rules, result: Mapping[str, Any], values: Mapping[str, Any], on: date) -> Value:
    """The view of `result` (engine.result) for normalised answers `values`, on the day `on`."""
    programme, call = rules.programme, rules.programme.call
    status = Status(result["eligibility"]["status"])
    phase = call.phase_on(on)
    reasons = sorted((_reason(rules, reason, values) for reason in result["eligibility"]["reasons"]),
                     key=lambda reason: -Status(reason["status"]).severity)
    dossier = ({"url": programme.dossier_url, "label": programme.dossier_label}
               if status is not Status.INELIGIBLE and phase == "open" else None)
    eligible_or_not_yet = status is not Status.INELIGIBLE
    return Value({
        "status": status.value,
        "status_label": words.status_label(rules, status.value),
        "kind": words.status_kind(status.value),
        "title": rules.messages["verdicts"][status.value]["title"],
        "explanations": programme.explanations(result["eligibility"]) or (rules.messages["verdicts"][status.value]["body"],),
        "deciding_reasons": [reason for reason in reasons if reason["status"] != Status.ELIGIBLE.value],
        "passed_reasons": [reason for reason in reasons if reason["status"] == Status.ELIGIBLE.value],
        # The reasons' FAQ entries, each once: on paper, one line of references is enough.
        "reasons_faq": _faq(rules, dict.fromkeys(slug for reason in result["eligibility"]["reasons"] for slug in reason["faq"])),
        "action": _action(rules, status, values, dossier),
        "call": {"phase": phase, "summary": call.on(on).summary, "next_step": call.on(on).next_step,
                 "texts": dict(call.on(on).texts), "faq": _faq(rules, call.faq)},
        "sources_differ": {key: note.text for key, note in programme.sources_differ.items()},
        "reglement": {"label": programme.reglement[0], "file": programme.reglement[1]},
        "next_steps": next_steps(rules, result["eligibility"], phase),
        # This call's procedure until it closes (the next call's is not known yet); none when not eligible.
        "procedure": [] if status is Status.INELIGIBLE or phase == "closed" else
        [{"title": group.title, "steps": list(group.steps), "faq": _faq(rules, group.faq)} for group in programme.procedure],
        "dossier": dossier,
        "dossier_faq": _faq(rules, programme.dossier_faq),
        "commitments": commitments(rules, values) if eligible_or_not_yet else [],
        "score": _score(rules, result) if eligible_or_not_yet else None,
        "stakes": _stakes(rules, result["criteria"]) if eligible_or_not_yet else [],
        "criteria": result["criteria"] if eligible_or_not_yet else [],  # for the charts each output draws
        "criteria_faq": _faq(rules, dict.fromkeys(slug for criterion in rules.criteria for slug in criterion.faq)),
        "notice": programme.notice,
        "notice_faq": _faq(rules, programme.notice_faq),
        "contacts": [{"label": c.label, "email": c.email, "url": c.url} for c in programme.contacts],
        "contacts_first": status is Status.TO_CONFIRM,
        "rules_version": result["rules_version"],
    })


def next_steps(rules: Rules, eligibility: Mapping[str, Any], phase: str) -> list[str]:
    """What to do now: each cause's own steps and the verdict's, what the verdict adds while a call is to come
    or open (never a dossier to prepare once it is closed), then what the calendar says of the dossier (to
    deposit only while it is open); nothing of a dossier when not eligible."""
    programme, status = rules.programme, eligibility["status"]
    steps = list(programme.steps_for(eligibility))
    if phase != "closed":
        steps += programme.before_closing.get(status, ())
    if status != Status.INELIGIBLE.value:
        steps.append(programme.call.phases[phase].next_step)
    return list(dict.fromkeys(steps))


def commitments(rules: Rules, values: Mapping[str, Any]) -> list[dict]:
    """The partner administration's commitments: each with its answer (None: not said) and its source."""
    return [{"label": question.label, "answer": answer_text(rules, values, question.id),
             "answered": values.get(question.id, ""), "source": question.source} for question in rules.checklist()]


def answer_text(rules: Rules, values: Mapping[str, Any], question_id: str) -> str | None:
    question = rules.questions.get(question_id)
    if question is None or question_id not in values:
        return None
    return words.answer_text(rules, question, values[question_id])


def _reason(rules: Rules, reason: Mapping[str, Any], values: Mapping[str, Any]) -> dict:
    question = rules.questions[reason["rule"]]
    return {"rule": reason["rule"], "status": reason["status"], "status_label": words.status_label(rules, reason["status"]),
            "kind": words.status_kind(reason["status"]), "question": question.label, "question_id": question.id,
            "step": question.step, "answer": list(words.answer_words(rules, question, values.get(question.id))),
            "message": reason["message"], "faq_slugs": list(reason["faq"]), "faq": _faq(rules, reason["faq"])}


def _action(rules: Rules, status: Status, values: Mapping[str, Any], dossier: dict | None) -> dict:
    """The one primary action that fits the verdict: file the dossier (while a call is open), write to the programme
    team, or, when not eligible, the other paths the règlement names and the team to ask about them (never the
    dossier, never changing a true answer: each reason keeps its own link for a wrong one)."""
    texts, programme = rules.messages["result"], rules.programme
    email = next(contact.email for contact in programme.contacts if contact.email)
    name = values.get(ids.ADMINISTRATION_NAME)
    if status is Status.ELIGIBLE and dossier:
        return {"kind": "dossier", "intro": texts["eligible_action"], "label": dossier["label"], "url": dossier["url"]}
    if status is Status.INELIGIBLE:
        other = programme.alternatives
        subject = other.subject_of.format(administration=name) if name else other.subject
        return {"kind": "alternatives", "intro": other.intro, "items": list(other.items), "source": other.source,
                "contact": other.contact, "label": other.button, "email": email,
                "url": f"mailto:{email}?subject={quote(subject)}"}
    kind = "to_confirm" if status is Status.TO_CONFIRM else "next_call"
    subject = texts[f"{kind}_subject_of"].format(administration=name) if name else texts[f"{kind}_subject"]
    return {"kind": "write", "intro": texts[f"{kind}_action"],
            "label": texts[f"{kind}_button"], "url": f"mailto:{email}?subject={quote(subject)}", "email": email,
            "others": [{"label": c.label, "url": c.url} for c in programme.contacts if not c.email] if kind == "to_confirm" else [],
            "others_intro": texts["to_confirm_other"],
            # While a call is open, a project whose eligibility is confirmed files its dossier next.
            "dossier": dossier if kind == "to_confirm" else None, "dossier_intro": texts["to_confirm_dossier"]}


def _score(rules: Rules, result: Mapping[str, Any]) -> dict | None:
    score = result["score"]
    if score is None:
        return None
    band = next(band for band in rules.bands if band.id == score["band"])
    return {"points": score["points"], "max": score["max"], "percent": score["percent"],
            "percent_label": words.percent(score["percent"]),
            "band": band.id, "band_label": band.label, "band_kind": words.band_kind(rules, band.id),
            "summary": band.summary,
            "blocking": [rules.criterion(criterion_id).label for criterion_id in score["blocking"]],
            "blocking_message": rules.messages["criteria"]["blocking"],
            "method": score_method(rules, result)}


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


def _stakes(rules: Rules, criteria: list[Mapping[str, Any]]) -> list[dict]:
    """The assessed criteria under their stake, each with its level's words; stakes without criteria left out."""
    views = [{**criterion, "level_label": words.level_words(rules, criterion["level"]), "blocking": criterion["level"] == 0}
             for criterion in criteria if criterion["level"] is not None]
    return [{"label": label, "criteria": under} for label, under in words.by_stake(rules, views, itemgetter("stake")) if under]


def _faq(rules: Rules, slugs) -> list[dict]:
    return [{"slug": slug, "title": entry.title} for slug in slugs if (entry := rules.faq.get(slug))]
