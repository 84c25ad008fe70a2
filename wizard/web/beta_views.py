"""The choices the records offer on the steps: the product among the search's matches (or « not listed »), the
body that carries the project among its sponsors. Each one saves the answers it gives and shows the step again."""
from __future__ import annotations

from typing import Any
from collections.abc import Mapping

from flask import Blueprint, abort, flash, redirect, request, url_for

from wizard.rules import ids
from wizard.core import facts
from wizard.core.engine import read_answers
from wizard.store import drafts
from wizard.web import beta_records, request_assessment
from wizard.web.forms import question_anchor

bp = Blueprint("beta", __name__)
NOTICE_CATEGORY = "beta-erreur"


@bp.post("/etapes/produit/choix")
def choose_product():
    if not beta_records.has_copy():
        abort(404)
    assessment, beta = request_assessment.current(), beta_records.beta_rules()
    rules, answers, step_id = assessment.rules, assessment.declared, beta.product_step
    choice = request.form.get("produit", "")
    if choice == "pas-liste":
        return _save(rules, facts.not_listed(beta, answers), step_id, ids.PRODUCT_NAME)
    record = beta_records.product(choice) if choice else None
    if record is None:
        flash(beta.texts["choose_error"], NOTICE_CATEGORY)
        return redirect(url_for("wizard.step", step_id=step_id, recherche=request.form.get("recherche", "")) + "#produit", 303)
    return _save(rules, facts.chosen_product(rules, beta, answers, record), step_id, ids.PRODUCT_NAME)


@bp.post("/etapes/administration/porteur")
def choose_sponsor():
    assessment, beta = request_assessment.current(), beta_records.beta_rules()
    rules, answers, step_id = assessment.rules, assessment.declared, beta.sponsor_step
    record = assessment.record or abort(404)
    choice = request.form.get("porteur", "")
    if choice == "autre":
        chosen = {key: value for key, value in answers.items() if key not in (ids.ADMINISTRATION_NAME, ids.ADMINISTRATION_TYPE)}
        return _save(rules, chosen, step_id, ids.ADMINISTRATION_NAME)
    sponsor = next((s for s in facts.bodies(beta, record) if s.id == choice), None)  # never a person
    if sponsor is None:
        flash(beta.texts["sponsor_error"], NOTICE_CATEGORY)
        return redirect(url_for("wizard.step", step_id=step_id) + "#porteur", 303)
    return _save(rules, facts.chosen_sponsor(beta, answers, sponsor), step_id, ids.ADMINISTRATION_TYPE)


def _save(rules, answers: Mapping[str, Any], step_id: str, focus: str):
    """Keep what is valid of the answers (the step itself is completed by its own form) and show the step,
    at the question `focus`."""
    values, _ = read_answers(rules, answers, partial=True)
    drafts.save(values, drafts.get_completed())
    return redirect(url_for("wizard.step", step_id=step_id) + f"#{question_anchor(rules.questions[focus])}", 303)
