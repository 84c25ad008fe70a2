"""beta.gouv.fr's records on the pages: whether a copy is there, the steps' order with one, the product behind the
answers (the request's assessment applies it: wizard/web/request_assessment.py), and what the product and sponsor
steps and the result show of it. Without a copy, nothing."""
from __future__ import annotations

import dataclasses
from typing import Any
from collections.abc import Mapping

from flask import Flask, current_app, g, request

from wizard.rules import ids
from wizard.core import facts
from wizard.core.assessment import Assessment
from wizard.core.engine import read_answers, verdict
from wizard.rules.beta import BetaRules, load_beta_rules
from wizard.rules.loading import RulesError
from wizard.rules.model import Rules, Step
from wizard.store import beta as beta_store
from wizard.store import db

SEARCH_MAX_LENGTH = 100


def setup(app: Flask) -> None:
    """The rules about the records, and the rules with the steps in the order a copy of the records allows."""
    rules = app.extensions["rules"]
    try:
        beta = load_beta_rules(rules, app.config["RULES_DIR"])
    except RulesError as error:
        raise SystemExit(f"Règles invalides, l'application ne démarre pas :\n{error}") from None
    app.extensions["beta_rules"] = beta
    first = sorted(rules.steps, key=lambda step: step.id not in beta.first_steps)  # stable: the rest keep their order
    app.extensions["rules_with_records"] = dataclasses.replace(rules, steps=tuple(first))
    app.add_template_filter(facts.day_label, "french_day")


def beta_rules() -> BetaRules:
    return current_app.extensions["beta_rules"]


def has_copy() -> bool:
    # A failed read raises: the request is the database's 503 page, never the questionnaire without the records
    # (another order of steps, other rules, another verdict).
    if "beta_sync" not in g:
        with db.engine().connect() as connection:
            g.beta_sync = beta_store.sync_stamp(connection)
    return g.beta_sync is not None


def copy_time():
    """When the copy of the records was taken; None without one."""
    return g.beta_sync.synced_at if has_copy() else None


def rules_for_request() -> Rules:
    """The rules as this request applies them: with a copy of the records, the product is asked first."""
    return current_app.extensions["rules_with_records" if has_copy() else "rules"]


def record_for(answers: Mapping[str, Any]) -> facts.ProductRecord | None:
    """The product whose page the answers give, when the copy holds it."""
    url = answers.get(ids.BETA_PAGE_URL)
    product_id = beta_rules().product_id(url) if isinstance(url, str) and has_copy() else None
    return product(product_id) if product_id else None


def product(product_id: str) -> facts.ProductRecord | None:
    """The copy's product of that id; the copy's stamp that has_copy() read is not read again."""
    return beta_store.find_product(db.session(), product_id, sync=g.get("beta_sync"))


def step_part(assessment: Assessment, step: Step) -> dict:
    """What the product step (the search) and the sponsor step show of the records."""
    beta = beta_rules()
    if not has_copy() or step.id not in (beta.product_step, beta.sponsor_step):
        return {}
    rules, record = assessment.rules, assessment.record
    part = {"beta": beta.texts, "synced": facts.synced_label(beta, g.beta_sync.synced_at),
            "chosen": facts.product_view(rules, beta, record) if record else None,
            "sponsor_kinds": {o.id: o.label for o in rules.questions[ids.ADMINISTRATION_TYPE].options},
            "search_words": rules.messages["beta_search"]}
    if record is not None:  # as soon as the product is known: its record, and the early verdict it decides
        part["record_view"] = {**facts.record_view(rules, beta, record, assessment.declared),
                               "team_url": _team_mailto(rules)}
        part["beta_product_step"] = beta.product_step
    if step.id == beta.sponsor_step:
        return part if record else {}
    query = request.args.get("recherche", "").strip()[:SEARCH_MAX_LENGTH]
    # Addresses (the product's page, however pasted, its own site) are searched in one form: beta_search.py.
    found = beta_store.search_page(db.session(), query, sync=g.get("beta_sync")) if query else beta_store.Matches([], 0)
    words = part["search_words"]
    count = (words["count_one"] if found.total == 1 else words["count_many"]).format(count=found.total, query=query)
    return {**part, "search": {
        "query": query, "matches": [facts.product_view(rules, beta, m) for m in found.records], "total": found.total,
        "count": count, "first_page": words["first_page"].format(shown=len(found.records))
        if found.total > len(found.records) else None}}


def facts_part(rules: Rules, found: tuple[dict, ...]) -> dict:
    """The result's facts in words: the date of the copy, the declared phase beside the recorded one, an address
    declared and not verified; and by question, what the reasons say beside the answer (`fact_rows`)."""
    if not found:
        return {}
    beta = beta_rules()
    rows = facts.fact_rows(rules, beta, found)
    checked = [fact for fact in found if not facts.is_absent(fact)]
    sentences = [sentence for fact in checked if (sentence := facts.fact_sentence(rules, beta, fact))]
    phase = next((fact for fact in checked if fact["question"] == ids.PHASE), None)
    record_url = next((fact["recorded"] for fact in checked if fact["question"] == ids.BETA_PAGE_URL), None)
    return {"fact_rows": rows, "facts_view": {
        "title": beta.texts["facts_title"] if checked else beta.texts["address_declared"],
        "synced": facts.synced_label(beta, found[0]["synced_at"]),
        "verified": bool(checked), "sentences": sentences,
        "record_intro": " ".join(filter(None, (beta.texts["facts_published"], beta.texts["record_phase"].format(
            phase=facts.phase_label(rules, phase["recorded"]), since=facts.day_label(phase["since"])) if phase else None))),
        "absent": [row["sentence"] for row in rows.values() if row["absent"]],
        "phase": facts.phase_label(rules, phase["recorded"]) if phase else None,
        "since": facts.day_label(phase["since"]) if phase else None,
        "record_url": record_url, "record_page": beta.texts["record_page"], "team_url": _team_mailto(rules),
        "write_team": beta.texts["write_team"],
        "differs": any(fact["declared"] is not None and fact["declared"] != fact["recorded"] for fact in checked)}}


def _team_mailto(rules: Rules) -> str:
    return "mailto:" + next(contact.email for contact in rules.programme.contacts if contact.email)


RECORD_ANCHOR = "fiche-beta"  # the product step's block of the record (templates/beta/_record.html)
GO_ON_DECLARED = "adresse_declaree"  # the box ticked to go on with an address the copy has no page at


def with_site_address(step: Step, posted: dict[str, Any]) -> dict[str, Any]:
    """The posted answers with the product's own site, typed where its page's address is asked, read as that page
    (when one record of the copy names that site)."""
    url = posted.get(ids.BETA_PAGE_URL)
    if step.id != beta_rules().product_step or not isinstance(url, str) or not url.strip() or not has_copy():
        return posted
    if beta_rules().product_id(url):
        return posted
    record = beta_store.find_by_site(db.session(), url, sync=g.beta_sync)
    return {**posted, ids.BETA_PAGE_URL: beta_rules().page_url(record.id)} if record else posted


def address_check(step: Step, stored: Mapping[str, Any], answers: Mapping[str, Any], go_on: bool) -> dict | None:
    """An address of a page the copy does not hold, given at the product step: the error at its field (with the
    copy's date and the closest names), and the box to go on with it declared. None when the copy holds it, when
    there is no copy, or when the agent went on with it (ticked now, or kept before)."""
    beta = beta_rules()
    url = answers.get(ids.BETA_PAGE_URL)
    if step.id != beta.product_step or not url or not has_copy() or record_for({ids.BETA_PAGE_URL: url}) is not None:
        return None
    if go_on or stored.get(ids.BETA_PAGE_URL) == url:
        return None
    closest = beta_store.closest(db.session(), beta.product_id(url) or url, sync=g.beta_sync)
    message = beta.texts["address_absent"].format(date=facts.day_label(g.beta_sync.synced_at.date().isoformat()))
    if closest:
        message += " " + beta.texts["address_suggestions"].format(names=", ".join(r.name for r in closest))
    return {"message": message, "field": ids.BETA_PAGE_URL, "name": GO_ON_DECLARED,
            "go_on": beta.texts["address_go_on"], "go_on_hint": beta.texts["address_go_on_hint"],
            "suggestions": [{"name": r.name, "id": r.id, "url": beta.page_url(r.id)} for r in closest]}


def decided_by_record(before: Assessment, after: Assessment, step: Step) -> bool:
    """Whether the step just saved made the project ineligible through what the product's record says (the answers
    as declared do not): the product step shows the early verdict there, naming the record."""
    status = lambda assessment: assessment.result["eligibility"]["status"]  # noqa: E731
    if step.id != beta_rules().product_step or after.record is None or status(after) != "ineligible":
        return False
    if status(before) == "ineligible" and before.record == after.record:
        return False
    declared = assess_declared(after)
    return declared != "ineligible"


def stops_at_record(after: Assessment, step: Step) -> bool:
    """Whether the product just chosen is made ineligible by its record alone (its recorded phase, say): the
    product step then shows the record's early verdict (facts.record_view) rather than going on."""
    beta = beta_rules()
    if step.id != beta.product_step or after.record is None:
        return False
    recorded, _ = read_answers(after.rules, facts.recorded_answers(after.rules, beta, after.record), partial=True)
    return verdict(after.rules, recorded)["status"] == "ineligible"


def assess_declared(assessment: Assessment) -> str:
    """The verdict of the answers as declared, the record aside."""
    values, _ = read_answers(assessment.rules, assessment.declared, partial=True)
    return verdict(assessment.rules, values)["status"]
