"""What the template of a step page needs: the stepper, the form's fields grouped for display, the way back."""
from __future__ import annotations

from dataclasses import dataclass
from operator import attrgetter
from typing import Any
from collections.abc import Mapping

from wizard.core import engine
from wizard.core import flow
from wizard.core.words import by_stake
from wizard.web.fixed_urls import fixed_url
from wizard.web.forms import REVEALED_IN_PLACE, RETURN_TO_CHECK, FieldSpec, StepForm, follow_up_anchor
from wizard.rules.model import Rules, Step


@dataclass(frozen=True)
class Block:
    """Fields shown together: one question, or the follow-ups that one answer of the step brings in (its `when`)."""
    specs: tuple[FieldSpec, ...]
    when: Mapping[str, str]  # empty for a question always asked
    shown: bool  # follow-ups are hidden until the answers they follow are saved, or chosen (JavaScript)
    anchor: str = ""
    notice: bool = False  # the page is shown again for them (without JavaScript): the notice stands above them


@dataclass(frozen=True)
class Section:
    """The step's questions, or the criteria of one stake under its heading and its place ("Enjeu 1 sur 4")."""
    blocks: tuple[Block, ...]
    heading: str | None = None
    anchor: str | None = None
    state: str | None = None


def step_context(rules: Rules, step: Step, form: StepForm, answers: Mapping[str, Any],
                 revealed: str | None = None) -> dict:
    """`revealed`: the follow-up question the step is shown again for (its notice then stands above it)."""
    steps = flow.flow_steps(rules)
    following = flow.next_step(rules, step, answers)
    returning = form.retour.data == RETURN_TO_CHECK
    values, _ = engine.read_answers(rules, answers, partial=True)
    shown = {question.id for question in flow.shown_questions(rules, step, answers)}
    sections = field_sections(rules, form.specs, shown, revealed)
    return {
        "step": step,
        "number": flow.number(rules, step),
        "total": len(steps),
        "next_title": following.title if following else None,
        "form": form,
        "sections": sections,
        "stakes": [section for section in sections if section.state],
        "faq": [{"title": rules.faq.get(slug).title, "url": f"{fixed_url('wizard.faq')}#{slug}"} for slug in step.faq],
        "returning": returning,
        "back_url": _back_url(rules, step, answers, returning),
        "has_answers": bool(answers),
        # Once an answer has made the project ineligible, every step offers the verdict.
        "ineligible": engine.verdict(rules, values)["status"] == "ineligible",
        "can_skip": step.criteria or step.optional,
        # Changed from the check page, passing the criteria step erases the levels: a page asks first.
        "skip_label": rules.messages["steps"]["skip_criteria_again" if flow.skip_erases(rules, step, answers, returning)
                                               else "skip"],
        "notices": rules.messages["notices"],
        "words": rules.messages["steps"],
        "revealed_in_place": REVEALED_IN_PLACE,
    }


def field_sections(rules: Rules, specs: tuple[FieldSpec, ...], shown: set[str], revealed: str | None) -> list[Section]:
    """Questions first, without heading (a checklist's under the sub-section of the source each cites, in order);
    then the criteria, under the FAQ's stakes in the rules' order."""
    plain = [spec for spec in specs if spec.stake is None]
    stakes = by_stake(rules, specs, attrgetter("stake"))
    state = rules.messages["steps"]["stake_progress"]
    sources = [getattr(rules.questions.get(spec.name), "source", "") for spec in plain]
    if plain and all(sources):
        cited = list(dict.fromkeys(sources))
        return [Section(_blocks([spec for spec, of in zip(plain, sources, strict=True) if of == source], shown, revealed), source,
                        f"source-{number}") for number, source in enumerate(cited, start=1)]
    return [*([Section(_blocks(plain, shown, revealed))] if plain else []),
            *(Section(_blocks(under, shown, revealed), label, f"enjeu-{number}", state.format(number=number, total=len(stakes)))
              for number, (label, under) in enumerate(stakes, start=1))]


def _blocks(specs: list[FieldSpec], shown: set[str], revealed: str | None) -> tuple[Block, ...]:
    """One block per question; consecutive follow-ups of the same answers share one."""
    blocks: list[Block] = []
    for spec in specs:
        if spec.when and blocks and blocks[-1].when == dict(spec.when):
            last = blocks.pop()
            spec_block = Block((*last.specs, spec), last.when, last.shown, last.anchor, last.notice or spec.name == revealed)
        elif spec.when:
            spec_block = Block((spec,), dict(spec.when), spec.name in shown, follow_up_anchor(spec.name), spec.name == revealed)
        else:
            spec_block = Block((spec,), {}, True)
        blocks.append(spec_block)
    return tuple(blocks)


def _back_url(rules: Rules, step: Step, answers: Mapping[str, Any], returning: bool) -> str:
    if returning:
        return fixed_url("wizard.check")
    previous = flow.previous_step(rules, step, answers)
    return fixed_url("wizard.step", step_id=previous.id) if previous else fixed_url("wizard.start")
