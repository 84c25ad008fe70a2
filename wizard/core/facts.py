"""What a beta.gouv.fr product record says about the answers, and the declared-versus-recorded facts.

Pure functions: the record is looked up before (wizard.store.beta) and passed in; the engine then decides on
the answers as recorded, and the result carries the facts."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any
from collections.abc import Mapping

from wizard.rules import ids
from wizard.core.engine import read_answers
from wizard.core.words import french_date
from wizard.rules.beta import BetaRules
from wizard.rules.model import Rules


@dataclass(frozen=True)
class Sponsor:
    id: str
    name: str
    acronym: str | None
    type: str | None  # beta.gouv.fr's organisation type; None when the organisations do not list the sponsor


@dataclass(frozen=True)
class ProductRecord:
    """A product as the copy of beta.gouv.fr's records holds it."""
    id: str
    name: str
    pitch: str | None
    phases: tuple[tuple[str, str | None, str | None], ...]  # (phase id, start, end); the last is the current one
    sponsors: tuple[Sponsor, ...]
    synced_at: datetime

    @property
    def phase(self) -> tuple[str, str | None, str | None] | None:
        return self.phases[-1] if self.phases else None


def phase_label(rules: Rules, phase_id: str) -> str:
    option = rules.questions[ids.PHASE].option_for(phase_id)
    return option.label if option is not None else phase_id


def administration_type(beta: BetaRules, sponsor: Sponsor) -> str | None:
    """The wizard's option for the sponsor's kind of body; None when the record does not tell."""
    return beta.administration_types.get(sponsor.type) if sponsor.type else None


def product_view(rules: Rules, beta: BetaRules, record: ProductRecord) -> dict:
    """The record as `eig-wizard beta show` prints it, and as the pages list it."""
    phases = [{"id": name, "label": phase_label(rules, name), "since": start, "until": end}
              for name, start, end in record.phases]
    return {
        "id": record.id, "name": record.name, "pitch": record.pitch, "url": beta.page_url(record.id),
        "phase": {key: phases[-1][key] for key in ("id", "label", "since")} if phases else None,
        "phases": phases,
        "sponsors": [{"id": s.id, "name": s.name, "acronym": s.acronym, "type": s.type,
                      "administration_type": administration_type(beta, s)} for s in record.sponsors],
        "synced_at": record.synced_at.isoformat(timespec="seconds"),
    }


def recorded_answers(rules: Rules, beta: BetaRules, record: ProductRecord) -> dict[str, Any]:
    """The answers the record gives: the page is published (it has a record), its address, its current phase
    (when beta.gouv.fr names one the rules know)."""
    answers: dict[str, Any] = {ids.BETA_PAGE_PUBLISHED: True, ids.BETA_PAGE_URL: beta.page_url(record.id)}
    phase = record.phase
    if phase is not None and rules.questions[ids.PHASE].option_for(phase[0]) is not None:
        answers[ids.PHASE] = phase[0]
    return {key: value for key, value in answers.items() if key in beta.recorded_questions}


def verify(rules: Rules, beta: BetaRules, declared: Mapping[str, Any],
           record: ProductRecord) -> tuple[dict[str, Any], list[dict]]:
    """The answers the record gives, to put in place of the declared ones (normalised values, see
    engine.read_answers), and one fact for each: what was declared, what is recorded, since when, from where."""
    recorded = recorded_answers(rules, beta, record)
    since = record.phase[1] if record.phase else None
    facts = [{"question": question, "declared": declared.get(question), "recorded": value,
              "since": since if question == ids.PHASE else None,
              "source": beta.source, "synced_at": record.synced_at.isoformat(timespec="seconds")}
             for question, value in recorded.items()]
    return recorded, facts


def apply_record(rules: Rules, beta: BetaRules, answers: Mapping[str, Any],
                 record: ProductRecord | None) -> tuple[dict[str, Any], tuple[dict, ...]]:
    """The answers with what the record says in place of what was declared, and the facts; the answers as they are
    without a record. The one way the site and `eig-wizard assess --verify` apply a product's record."""
    if record is None:
        return dict(answers), ()
    declared, _ = read_answers(rules, answers, partial=True)
    recorded, found = verify(rules, beta, declared, record)
    sponsor = sponsor_fact(beta, declared, record)
    return {**answers, **recorded}, tuple(found) + ((sponsor,) if sponsor else ())


def sponsor_fact(beta: BetaRules, declared: Mapping[str, Any], record: ProductRecord) -> dict | None:
    """The kind of body declared beside the one beta.gouv.fr gives the sponsor the agent named (as the sponsor step
    writes it, by its name or by its acronym), when it gives one. A fact to show, not an answer put in place: the
    declared kind decides (see ADR 020)."""
    name = declared.get(ids.ADMINISTRATION_NAME)
    named = " ".join(name.split()).casefold() if isinstance(name, str) else None
    sponsor = next((s for s in record.sponsors
                    if named in {sponsor_label(s).casefold(), s.name.casefold(), (s.acronym or s.name).casefold()}), None)
    kind = administration_type(beta, sponsor) if sponsor else None
    if kind is None:
        return None
    return {"question": ids.ADMINISTRATION_TYPE, "declared": declared.get(ids.ADMINISTRATION_TYPE), "recorded": kind,
            "since": None, "source": beta.source, "synced_at": record.synced_at.isoformat(timespec="seconds")}


# --- What the managers see of the facts: the declared answer as declared, beside the recorded one -----------------

def is_verified(fact: Mapping[str, Any]) -> bool:
    """A fact beta.gouv.fr's copy confirms or contradicts; one without a recorded value (an address not in the
    copy, kept as declared) is declared, not verified."""
    return fact.get("recorded") is not None


def differs(fact: Mapping[str, Any]) -> bool:
    return is_verified(fact) and fact.get("declared") is not None and fact["declared"] != fact["recorded"]


def declared_answers(answers: Mapping[str, Any], found: Any) -> dict[str, Any]:
    """The stored answers (the recorded values in place of the declared ones) with what the agent declared put
    back: what the agent answered, as they answered it; a question they left to the record is not theirs."""
    declared = dict(answers)
    for fact in found or ():
        if fact.get("declared") is None:
            declared.pop(fact["question"], None)
        else:
            declared[fact["question"]] = fact["declared"]
    return declared


def checked_summary(found: Any) -> dict[str, Any]:
    """What the managers' list filters and shows of the facts: whether a declared answer differs from the record,
    the declared phase, the kind of body beta.gouv.fr gives, and when the copy was taken."""
    found = [fact for fact in found or () if isinstance(fact, Mapping)]
    by_question = {fact.get("question"): fact for fact in found}
    phase, kind = by_question.get(ids.PHASE), by_question.get(ids.ADMINISTRATION_TYPE)
    synced = next((fact.get("synced_at") for fact in found if fact.get("synced_at")), None)
    return {"declared_differs": any(differs(fact) for fact in found),
            "declared_phase": phase.get("declared") if phase else None,
            "recorded_type": kind.get("recorded") if kind else None,
            "beta_synced_at": datetime.fromisoformat(synced).replace(tzinfo=None) if synced else None}


def fact_sentence(rules: Rules, beta: BetaRules, fact: Mapping[str, Any]) -> str | None:
    """« Vous avez indiqué Construction ; beta.gouv.fr indique En consolidation depuis le 1er mars 2025. »,
    for a phase declared otherwise than recorded (or as recorded); None when nothing was declared."""
    if fact["question"] != ids.PHASE or fact["declared"] is None:
        return None
    key = "same" if fact["declared"] == fact["recorded"] else "differs"
    return beta.texts[key].format(declared=phase_label(rules, fact["declared"]),
                                  recorded=phase_label(rules, fact["recorded"]), since=day_label(fact["since"]))


def day_label(iso_day: str | None) -> str:
    """An ISO day of a record, written out (« 1er mars 2025 »); the text itself when it is not a day."""
    try:
        return french_date(date.fromisoformat((iso_day or "")[:10]))
    except ValueError:
        return iso_day or "?"


def synced_label(beta: BetaRules, synced_at: str | datetime) -> str:
    """« D'après beta.gouv.fr (données du 12 août 2026) »."""
    moment = synced_at if isinstance(synced_at, datetime) else datetime.fromisoformat(synced_at)
    return beta.texts["recorded"].format(date=french_date(moment.date()))


def chosen_product(rules: Rules, beta: BetaRules, answers: Mapping[str, Any], record: ProductRecord) -> dict[str, Any]:
    """The answers once the agent has picked their product in the records: its name and what it records."""
    return {**answers, ids.PRODUCT_NAME: record.name, **recorded_answers(rules, beta, record)}


def not_listed(beta: BetaRules, answers: Mapping[str, Any]) -> dict[str, Any]:
    """The answers once the agent says their product is not listed: they answer the recorded questions themselves."""
    return {key: value for key, value in answers.items() if key not in beta.recorded_questions}


def chosen_sponsor(beta: BetaRules, answers: Mapping[str, Any], sponsor: Sponsor) -> dict[str, Any]:
    """The answers once the agent has picked the body that carries the project among the product's sponsors;
    its kind is left to the agent when the record does not tell it."""
    name, kind = sponsor_label(sponsor), administration_type(beta, sponsor)
    chosen = {key: value for key, value in answers.items() if key != ids.ADMINISTRATION_TYPE}
    return {**chosen, ids.ADMINISTRATION_NAME: name, **({ids.ADMINISTRATION_TYPE: kind} if kind else {})}


def sponsor_label(sponsor: Sponsor) -> str:
    """« Agence de l'environnement et de la maîtrise de l'énergie (ADEME) », the name alone without an acronym."""
    same = not sponsor.acronym or sponsor.acronym.casefold() == sponsor.name.casefold()
    return sponsor.name if same else f"{sponsor.name} ({sponsor.acronym})"
