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
    """The result's facts in words: the date of the copy, and the declared phase beside the recorded one."""
    if not found:
        return {}
    beta = beta_rules()
    sentences = [sentence for fact in found if (sentence := facts.fact_sentence(rules, beta, fact))]
    phase = next((fact for fact in found if fact["question"] == ids.PHASE), None)
    return {"facts_view": {
        "title": beta.texts["facts_title"], "synced": facts.synced_label(beta, found[0]["synced_at"]),
        "sentences": sentences,
        "phase": facts.phase_label(rules, phase["recorded"]) if phase else None,
        "since": facts.day_label(phase["since"]) if phase else None,
        "differs": any(fact["declared"] is not None and fact["declared"] != fact["recorded"] for fact in found)}}
