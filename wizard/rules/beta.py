"""The rules about beta.gouv.fr's records (rules/beta.yaml): the organisation types read as answers, the wording."""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType
from collections.abc import Mapping

from wizard.rules import addresses, ids
from wizard.paths import RULES_DIR
from wizard.rules.loading import RulesError
from wizard.rules.model import Rules
from wizard.rules.typography import rule_text
from wizard.rules.yaml_lines import Problem, Reader

TEXT_KEYS = ("recorded", "differs", "same", "search_label", "search_hint", "search_button", "results_legend",
             "no_match", "not_listed", "not_listed_hint", "no_sponsor", "sponsors_intro", "other_body",
             "verified", "declared", "choose_button", "choose_error", "sponsor_legend", "sponsor_button",
             "sponsor_error", "chosen", "facts_title", "record_title", "record_phase", "record_no_phase",
             "record_sponsors", "record_no_body", "facts_published", "record_person_left_out", "record_page", "declared_beside",
             "recorded_value", "recorded_since", "record_decides", "change_record", "change_record_link", "write_team",
             "early_ineligible", "early_to_confirm", "early_see_verdict", "sponsor_kind_outcome", "sponsor_kind_unknown",
             "address_absent", "address_suggestions", "address_go_on", "address_go_on_hint", "address_declared",
             "address_declared_sentence")
ORGANISATION_TYPES = ("administration-centrale", "operateur", "service-deconcentre", "collectivite-territoriale",
                      "securite-sociale", "autre")


@dataclass(frozen=True)
class KindCorrection:
    """A body whose recorded kind is debatable, read as another option of `administration_type`, with why."""
    administration_type: str
    reason: str
    id: str | None = None  # one organisation of beta.gouv.fr
    name: re.Pattern | None = None  # or the names of a kind of body

    def applies(self, organisation_id: str, name: str) -> bool:
        return organisation_id == self.id if self.id is not None else bool(self.name and self.name.search(name))


@dataclass(frozen=True)
class BetaRules:
    source: str
    product_page: str  # with {id}
    administration_types: Mapping[str, str | None]
    first_steps: tuple[str, ...]  # with a copy of the records, these steps come first
    product_step: str  # the step where the agent finds the product in the records
    sponsor_step: str  # the step where the agent picks the body that carries the project among its sponsors
    recorded_questions: tuple[str, ...]
    texts: Mapping[str, str]
    page_pattern: re.Pattern | None  # the pattern of the question that asks for the page's address
    kind_corrections: tuple[KindCorrection, ...] = ()
    person_name: re.Pattern | None = None  # the name of a person among the sponsors (with no acronym)

    def page_url(self, product_id: str) -> str:
        return self.product_page.format(id=product_id)

    def product_id(self, url: str) -> str | None:
        """The product id in a product page's address, or None when it is not one; the address is read as the
        question reads it (wizard/rules/addresses.py), so that a page pasted otherwise is found all the same."""
        prefix, _, suffix = self.product_page.partition("{id}")
        url = addresses.fitted(url, self.page_pattern)
        if self.page_pattern is not None and not self.page_pattern.match(url):
            return None
        if url.startswith(prefix) and url.endswith(suffix) and len(url) > len(prefix) + len(suffix):
            return url[len(prefix):len(url) - len(suffix)]
        return None


def load_beta_rules(rules: Rules, folder: Path = RULES_DIR) -> BetaRules:
    """Read rules/beta.yaml, checked against the questions it refers to; raise RulesError listing its problems."""
    problems: list[Problem] = []
    reader = Reader(folder / "beta.yaml", problems)
    data = reader.load()
    top = None if problems else reader.record(data, 1, "beta", {
        "source": str, "product_page": str, "administration_types": dict, "first_steps": "slugs", "recorded_questions": "slugs",
        "product_step": str, "sponsor_step": str, "texts": dict, "kind_corrections": list, "person_name": str})
    if top is None or problems:  # a key missing or of the wrong kind: named, before anything reads it
        raise RulesError(problems)
    types = top["administration_types"]
    options = {option.id for option in rules.questions[ids.ADMINISTRATION_TYPE].options}
    for kind in ORGANISATION_TYPES:
        if kind not in types:
            reader.fail(types.line, f"beta : le type d'organisation « {kind} » doit avoir une correspondance (ou null)")
    for kind, option in types.items():
        if option is not None and option not in options:
            reader.fail(types.line_of(kind), f"beta : « {option} » n'est pas une réponse de « administration_type »")
    for question in top["recorded_questions"]:
        if question not in rules.questions:
            reader.fail(top.line_of("recorded_questions"), f"beta : la question « {question} » n'existe pas")
    step_ids = {known.id for known in rules.steps}
    for step in top["first_steps"]:
        if step not in step_ids:
            reader.fail(top.line_of("first_steps"), f"beta : l'étape « {step} » n'existe pas")
    for key in ("product_step", "sponsor_step"):
        if top[key] not in step_ids:
            reader.fail(top.line_of(key), f"beta : l'étape « {top[key]} » ({key}) n'existe pas")
    texts = top["texts"]
    for key in TEXT_KEYS:
        if key not in texts:
            reader.fail(texts.line, f"beta : le texte « {key} » est obligatoire")
    if "{id}" not in top["product_page"]:
        reader.fail(top.line_of("product_page"), "beta : l'adresse d'une fiche produit doit contenir {id}")
    corrections = []
    for number, entry in enumerate(top["kind_corrections"]):
        line = top.line_of("kind_corrections")
        if not isinstance(entry, dict) or not isinstance(entry.get("reason"), str) or \
                not isinstance(entry.get("id", entry.get("name")), str):
            reader.fail(line, f"beta : correction {number + 1} : « id » ou « name », et « reason » sont obligatoires")
            continue
        if entry.get("administration_type") not in options:
            reader.fail(line, f"beta : « {entry.get('administration_type')} » n'est pas une réponse de « administration_type »")
            continue
        try:
            name = re.compile(entry["name"], re.IGNORECASE) if "name" in entry else None
        except re.error as error:
            reader.fail(line, f"beta : motif de nom invalide ({error})")
            continue
        corrections.append(KindCorrection(entry["administration_type"], rule_text(" ".join(entry["reason"].split())),
                                          entry.get("id"), name))
    try:
        person_name = re.compile(top["person_name"])
    except re.error as error:
        reader.fail(top.line_of("person_name"), f"beta : motif invalide ({error})")
    if problems:
        raise RulesError(problems)
    return BetaRules(kind_corrections=tuple(corrections), person_name=person_name,
                     source=top["source"], product_page=top["product_page"],
                     administration_types=MappingProxyType(dict(types)), first_steps=tuple(top["first_steps"]),
                     product_step=top["product_step"], sponsor_step=top["sponsor_step"],
                     recorded_questions=tuple(top["recorded_questions"]),
                     texts=MappingProxyType({key: rule_text(texts[key]) for key in TEXT_KEYS}),
                     page_pattern=rules.questions[ids.BETA_PAGE_URL].pattern)
