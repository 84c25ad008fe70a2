"""The choices the records offer on the steps: the product among the search's matches (or « not listed »), the
body that carries the project among its sponsors. One submit (issue 22): a choice that answers the whole step
completes it and goes on, as the step's own « Continuer » would; one that leaves a question open (a kind of body
the record does not tell, a product not listed) saves what it gives and shows the step again at that question."""
from __future__ import annotations

from typing import Any
from collections.abc import Mapping

from flask import Blueprint, abort, flash, redirect, request, url_for

from wizard.rules import ids
from wizard.core import facts, flow
from wizard.core.engine import read_answers
from wizard.core.submission import destination, submit
from wizard.store import drafts
from wizard.web import beta_records, request_assessment
from wizard.web.forms import RETURN_TO_CHECK, follow_up_anchor, question_anchor

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
        return redirect(url_for("wizard.step", step_id=step_id, recherche=request.form.get("recherche", "")) + "#beta-erreurs", 303)
    return _save_and_go(assessment, facts.chosen_product(rules, beta, answers, record), step_id, CHOSEN_ANCHOR)


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
        return redirect(url_for("wizard.step", step_id=step_id) + "#beta-erreurs", 303)
    return _save_and_go(assessment, facts.chosen_sponsor(beta, answers, sponsor), step_id,
                        question_anchor(rules.questions[ids.ADMINISTRATION_TYPE]))


CHOSEN_ANCHOR = "produit-choisi"  # the chosen product's box on the product step (templates/beta/_step.html)


def _save_and_go(assessment, answers: Mapping[str, Any], step_id: str, anchor: str):
    """The step submitted with the answers the choice gives: on to the next page when they answer it whole (the
    step's own form does the same: wizard/core/submission.py); else the step again, at `anchor`."""
    rules = assessment.rules
    step = flow.find_step(rules, step_id) or abort(404)
    posted = {question.id: answers.get(question.id) for question in flow.shown_questions(rules, step, answers)}
    submission = submit(rules, step, answers, assessment.completed, posted, {})
    if submission.errors:
        values, _ = read_answers(rules, answers, partial=True)
        drafts.save(values, drafts.get_completed())
        return redirect(url_for("wizard.step", step_id=step_id) + f"#{anchor}", 303)
    on_step = {question.id for question in rules.step_questions(step)}
    drafts.save(submission.answers, submission.completed,
                {name: value for name, value in drafts.get_pending().items() if name not in on_step})
    if beta_records.stops_at_record(request_assessment.current(), step):
        # The chosen product's record makes the project ineligible: said at once, where the product is.
        return redirect(url_for("wizard.step", step_id=step_id) + f"#{beta_records.RECORD_ANCHOR}", 303)
    to = destination(rules, step, submission, returning=request.form.get("retour") == RETURN_TO_CHECK)
    return redirect(url_for(to.endpoint, **to.values) + (f"#{follow_up_anchor(to.focus.id)}" if to.focus else ""), 303)


def _save(rules, answers: Mapping[str, Any], step_id: str, focus: str):
    """Keep what is valid of the answers (the step itself is completed by its own form) and show the step,
    at the question `focus`."""
    values, _ = read_answers(rules, answers, partial=True)
    drafts.save(values, drafts.get_completed())
    return redirect(url_for("wizard.step", step_id=step_id) + f"#{question_anchor(rules.questions[focus])}", 303)
