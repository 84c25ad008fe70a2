"""What the result page needs: the engine's result, with the words, links and chart that explain it.

The verdict and the score are the engine's (`assess` once every step is complete; otherwise the early
verdict of the answers given so far, shown only when it is already "ineligible", which no later answer
can change). This module only puts them into words and links.
"""
from __future__ import annotations

from dataclasses import dataclass
from operator import attrgetter
from datetime import date
from typing import Any, Mapping
from urllib.parse import quote


from wizard.core.progress import current_result
from wizard.core import flow
from wizard.core import words
from wizard.report.chart import criteria_chart
from wizard.report.content import commitments, rules_version_words, score_method
from wizard.web.fixed_urls import fixed_url
from wizard.web.public_url import absolute_url_for
from wizard.web.forms import RETURN_TO_CHECK, question_anchor
from wizard.rules import ids
from wizard.rules.model import Band, Rules

# Reasons that decide the verdict come first, the worst first; those that passed fold below them.
_REASON_ORDER = {"ineligible": 0, "to_confirm": 1, "eligible": 2}


# Frozen, hence hashable: the result page keeps their markup once rendered (wizard/fragments.py).
@dataclass(frozen=True)
class FaqLink:
    title: str
    url: str


@dataclass(frozen=True)
class ReasonView:
    rule: str
    status: str
    status_label: str
    kind: str
    question: str
    answer: tuple[str, ...]
    message: str
    faq: tuple[FaqLink, ...]
    change_url: str


@dataclass(frozen=True)
class CriterionView:
    id: str
    label: str
    level: int
    stake: str
    level_label: str
    descriptor: str
    advice: str
    blocking: bool


def result_context(rules: Rules, answers: Mapping[str, Any], completed: frozenset[str], today: date,
                   facts: tuple[Mapping, ...] = ()) -> dict | None:
    """The page's context, or None when there is no verdict to give yet. `today` places the call's calendar;
    `facts`: see wizard.core.facts."""
    result = current_result(rules, answers, completed, facts)
    if not result["final"]:
        return None
    complete, faq_url = not result["missing"], fixed_url("wizard.faq")
    first_step = flow.flow_steps(rules)[0]
    verdict = _verdict_part(rules, result, answers, complete, faq_url)
    return {
        "result": result,
        "complete": complete,
        "continue_url": None if complete else fixed_url("wizard.step", step_id=result["missing"][0]["step"]),
        "change_url": fixed_url("wizard.check") if complete else fixed_url("wizard.step", step_id=first_step.id),
        "programme": rules.programme,
        "contacts": rules.programme.contacts,
        "printed": printed_facts(rules.programme, today),
        **verdict,
        "action": _action(rules, verdict, answers, rules.programme.call.phase_on(today) == "open"),
        **_score_part(rules, result, complete, faq_url),
        **_next_steps_part(rules, result, faq_url, today),
        "commitments": commitments(rules, answers),  # the stored answers are normalised
        "commitments_step": next((step for step in flow.flow_steps(rules) if step.checklist), None),
    }


def _verdict_part(rules: Rules, result: Mapping[str, Any], answers: Mapping[str, Any], complete: bool,
                  faq_url: str) -> dict:
    status = result["eligibility"]["status"]
    reasons = sorted((_reason_view(rules, reason, answers, complete, faq_url) for reason in result["eligibility"]["reasons"]),
                     key=lambda reason: _REASON_ORDER[reason.status])
    return {
        "status": status,
        "kind": words.status_kind(status),
        "verdict": rules.messages["verdicts"][status],
        "explanations": rules.programme.explanations(result["eligibility"]) or (rules.messages["verdicts"][status]["body"],),
        "deciding_reasons": [reason for reason in reasons if reason.status != "eligible"],
        "passed_reasons": [reason for reason in reasons if reason.status == "eligible"],
        "texts": rules.messages["result"],
    }


def _action(rules: Rules, verdict: Mapping[str, Any], answers: Mapping[str, Any], call_open: bool) -> dict:
    """The one primary action that fits the verdict: file the dossier (while a call is open), write to the programme
    team, or change the answer that blocks (never the dossier when not eligible)."""
    status, texts, programme = verdict["status"], verdict["texts"], rules.programme
    if status == "eligible" and call_open:
        return {"label": programme.dossier_label, "url": programme.dossier_url, "external": True}
    if status in ("eligible", "to_confirm"):
        email = next(contact.email for contact in programme.contacts if contact.email)
        name = answers.get(ids.ADMINISTRATION_NAME)
        kind = "to_confirm" if status == "to_confirm" else "next_call"
        subject = texts[f"{kind}_subject_of"].format(administration=name) if name else texts[f"{kind}_subject"]
        return {"label": texts[f"{kind}_button"], "url": f"mailto:{email}?subject={quote(subject)}", "email": email,
                "others": [contact for contact in programme.contacts if not contact.email]}
    return {"label": texts["ineligible_button"], "url": verdict["deciding_reasons"][0].change_url}


def _score_part(rules: Rules, result: Mapping[str, Any], complete: bool, faq_url: str) -> dict:
    score = result["score"]
    criteria = [_criterion_view(rules, criterion) for criterion in result["criteria"]] if score else []
    criteria_step = next(step for step in flow.flow_steps(rules) if step.criteria)
    return {
        "score": score,
        "band": _band(rules, score["band"]) if score else None,
        "band_kind": words.band_kind(rules, score["band"]) if score else None,
        "blocking": [rules.criterion(criterion_id).label for criterion_id in score["blocking"]] if score else [],
        "blocking_message": rules.messages["criteria"]["blocking"],
        "not_assessed": rules.messages["criteria"]["not_assessed"],
        "assess_url": _step_url(criteria_step.id, None, complete),
        "scale": rules.scale,
        "criteria_by_stake": [(label, tuple(under)) for label, under in words.by_stake(rules, criteria, attrgetter("stake"))],
        "chart": criteria_chart(result["criteria"], rules.top_level) if score else None,
        # Not eligible: the score is information only, and its band shows without the colour of a verdict.
        "score_for_information": result["eligibility"]["status"] == "ineligible",
        "method": score_method(rules, result),
        "criteria_faq": faq_links(rules, _unique(slug for c in rules.criteria for slug in c.faq), faq_url),
        "notice_faq": faq_links(rules, rules.programme.notice_faq, faq_url),
    }


def _next_steps_part(rules: Rules, result: Mapping[str, Any], faq_url: str, today: date) -> dict:
    status, call = result["eligibility"]["status"], rules.programme.call
    groups = result["procedure"] if call.shows_procedure(today) else ()
    return {
        # A tuple: the page keeps the markup of its next steps once rendered (wizard/fragments.py).
        "next_steps": (*result["actions"], *call.dossier_steps(status, today)),
        "call": call.on(today),
        "call_open": call.phase_on(today) == "open",
        "call_faq": faq_links(rules, call.faq, faq_url),
        "procedure": [(group, faq_links(rules, group["faq"], faq_url)) for group in groups],
        "dossier_faq": faq_links(rules, rules.programme.dossier_faq, faq_url),
    }


def _reason_view(rules: Rules, reason: Mapping[str, Any], answers: Mapping[str, Any], complete: bool,
                 faq_url: str) -> ReasonView:
    question = rules.questions[reason["rule"]]
    return ReasonView(
        rule=reason["rule"], status=reason["status"], status_label=words.status_label(rules, reason["status"]),
        kind=words.status_kind(reason["status"]), question=question.label,
        answer=words.answer_words(question, answers.get(question.id)), message=reason["message"],
        faq=faq_links(rules, reason["faq"], faq_url), change_url=_step_url(question.step, question_anchor(question), complete))


def _criterion_view(rules: Rules, criterion: Mapping[str, Any]) -> CriterionView:
    level = criterion["level"]
    return CriterionView(id=criterion["id"], label=criterion["label"], stake=criterion["stake"], level=level,
                         level_label=words.level_words(rules, level),
                         descriptor=criterion["descriptor"], advice=criterion["advice"], blocking=level == 0)


def _band(rules: Rules, band_id: str) -> Band:
    return next(band for band in rules.bands if band.id == band_id)




def faq_links(rules: Rules, slugs, faq_url: str) -> tuple[FaqLink, ...]:
    return tuple(FaqLink(rules.faq.get(slug).title, f"{faq_url}#{slug}") for slug in slugs)


def _unique(items) -> list:
    return list(dict.fromkeys(items))


def _step_url(step_id: str, anchor: str | None, returning: bool) -> str:
    url = fixed_url("wizard.step", step_id=step_id, **({"retour": RETURN_TO_CHECK} if returning else {}))
    return f"{url}#{anchor}" if anchor else url


def printed_facts(programme, today: date) -> dict:
    """What the printed result says of itself (templates/result_printed.html): the day, the rules in words, the
    tool's address, so that a sheet read later or passed on says when, by which rules and where to start again."""
    return {"date": words.french_date(today), "rules": rules_version_words(programme),
            "address": absolute_url_for("wizard.start")}
