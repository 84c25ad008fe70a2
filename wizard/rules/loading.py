"""Load the rules folder (YAML) into the objects of wizard.rules.model, reporting every problem with its file and line."""
from __future__ import annotations

import dataclasses
import re
from datetime import date
from fractions import Fraction
from pathlib import Path
from types import MappingProxyType
from typing import Any

from wizard.paths import RULES_DIR
from wizard.rules.calendar_and_causes import read_call, read_causes, read_steps_by_status
from wizard.rules.faq import Faq, FaqError, load_faq
from wizard.rules.sources import read_sources
from wizard.rules.ids import NAMED_QUESTIONS
from wizard.rules.message_keys import MESSAGE_KEYS
from wizard.rules.model import BOOLEAN_OPTIONS, KINDS, OUTCOMES, TEXT_KINDS, Band, Contact, Criterion, DossierItem, DossierSection, Option, ProcedureGroup, Programme, Question, Rules, Stake, Step
from wizard.rules.cross_checks import check_corrections_applied, check_dossier_answers, check_faq_references, check_unique_ids
from wizard.rules.typography import french_spacing, rule_text
from wizard.rules.yaml_lines import QUOTE_HINT, Problem, Reader, YamlMap, display_path, is_a


# Counts in words, for the checker's messages.
_COUNT_WORDS = ("zéro", "un", "deux", "trois", "quatre", "cinq", "six", "sept", "huit", "neuf", "dix")


class RulesError(Exception):
    def __init__(self, problems: list[Problem]):
        super().__init__("\n".join(map(str, problems)))
        self.problems = problems


def load_rules(folder: Path = RULES_DIR) -> Rules:
    """Load and check the rules folder; raise RulesError listing every problem found."""
    problems: list[Problem] = []
    readers = {name: Reader(folder / f"{name}.yaml", problems) for name in ("programme", "questions", "criteria", "messages")}
    raw = {name: reader.load() for name, reader in readers.items()}
    if problems:
        raise RulesError(problems)
    programme_file = readers["programme"]
    top = programme_file.record(raw["programme"], 1, "programme", {
        "version": str, "programme": str, "promotion": int, "operator": str, "faq_file": str, "call": dict,
        "dossier": dict, "contacts": list, "notice": str, "notice_faq": "slugs", "next_steps": dict,
        "dossier_sections": list}, {"corrections": list, "causes": list, "version_date": str,
                                   "sources_differ": dict, "reglement": dict, "alternatives": dict})
    faq = None
    corrections = _read_corrections(programme_file, top)
    if top is not None and isinstance(top.get("faq_file"), str):
        faq = _load_faq(folder, top, programme_file, corrections)
    messages = _read_messages(readers["messages"], raw["messages"])
    questions, steps = _read_questions(readers["questions"], raw["questions"])
    _check_named_questions(readers["questions"], questions)
    stakes, criteria, scale, strength, bands = _read_criteria(readers["criteria"], raw["criteria"])
    rule_ids = {question.id for question in questions.values() if question.is_rule}
    programme = _read_programme(programme_file, top, rule_ids) if top is not None else None
    known_ids = [*questions, *(criterion.id for criterion in criteria)]
    if programme is not None:
        check_dossier_answers(programme_file, top, set(known_ids))
    check_unique_ids(readers, raw)
    check_corrections_applied(readers, raw, corrections)
    if faq is not None:
        check_faq_references(readers, raw, faq.slugs)
    if problems:
        raise RulesError(problems)
    return Rules(programme=programme, steps=steps, questions=MappingProxyType(questions), stakes=stakes,
                 criteria=criteria, scale=scale, strength=strength, bands=bands,
                 messages=MappingProxyType(messages), faq=faq, warnings=faq.warnings)


def _read_corrections(reader: Reader, top: YamlMap | None) -> dict[str, str]:
    corrections = {}
    for item, line in reader.items(top, "corrections", "correction"):
        record = reader.record(item, line, "correction", {"wrong": str, "right": str})
        if record is not None:
            corrections[record["wrong"]] = record["right"]
    return corrections


def _load_faq(folder: Path, top: YamlMap, reader: Reader, corrections: dict[str, str]) -> Faq | None:
    try:
        return load_faq(Path(display_path(folder / top["faq_file"])), corrections)
    except OSError as error:
        reader.fail(top.line_of("faq_file"), f"fichier de FAQ illisible : {top['faq_file']} ({error.strerror})")
    except FaqError as error:
        reader.problems.append(Problem(display_path(error.path), error.line, error.message))
    return None


def _check_named_questions(reader: Reader, questions: dict[str, Question]) -> None:
    """The questions the code reads by id (wizard/rules/ids.py) are asked, with a kind it can read."""
    for question_id, kinds in NAMED_QUESTIONS.items():
        question = questions.get(question_id)
        if question is None:
            reader.fail(1, f"questionnaire : la question « {question_id} » est obligatoire (le registre, le rapport "
                           "et les filtres des responsables de portefeuille la lisent)")
        elif question.kind not in kinds:
            reader.fail(1, f"questionnaire : la question « {question_id} » doit être de type {' ou '.join(kinds)}, "
                           f"pas {question.kind}")


def _read_messages(reader: Reader, data: Any) -> dict:
    record = reader.record(data, 1, "messages", {group: dict for group in MESSAGE_KEYS})
    if record is None:
        return {}
    for group, keys in MESSAGE_KEYS.items():
        section = record.get(group)
        if not isinstance(section, YamlMap):
            continue
        for key in keys:
            if key not in section:
                reader.fail(section.line, f"messages : le message « {group}.{key} » est obligatoire")
        for key in section:
            if key not in keys:
                reader.fail(section.line_of(key), f"messages : message inconnu « {group}.{key} »")
    return {group: _spaced(dict(record.get(group) or {})) for group in MESSAGE_KEYS}


def _spaced(messages: dict) -> dict:
    """The messages (and those of a nested group, as the verdicts') with French spacing."""
    return {key: _spaced(dict(text)) if isinstance(text, dict) else french_spacing(text) if isinstance(text, str) else text
            for key, text in messages.items()}


def _read_questions(reader: Reader, data: Any) -> tuple[dict[str, Question], tuple[Step, ...]]:
    top = reader.record(data, 1, "questionnaire", {"steps": list}, {"option_sets": dict})
    option_sets = {}
    for name in (top or {}).get("option_sets", {}):
        options = [_read_option(reader, item, line) for item, line in reader.items(top["option_sets"], name, "option")]
        option_sets[name] = tuple(option for option in options if option)
    questions: dict[str, Question] = {}
    steps = []
    for step_data, line in reader.items(top, "steps", "étape"):
        step = reader.record(step_data, line, "étape", {"id": str, "title": str, "intro": str},
                             {"questions": list, "criteria": bool, "optional": bool, "checklist": bool, "faq": "slugs"})
        if step is None:
            continue
        ids = []
        for question_data, question_line in reader.items(step, "questions", "question"):
            question = _read_question(reader, question_data, question_line, step.get("id", ""), option_sets, questions)
            if question is not None and question.id not in questions:
                questions[question.id] = question
                ids.append(question.id)
        if not ids and not step.get("criteria"):
            reader.fail(step.line, f"étape « {step.get('id')} » : elle doit contenir des questions ou les critères")
        steps.append(Step(id=step.get("id", ""), title=rule_text(step.get("title")), intro=rule_text(step.get("intro")),
                          questions=tuple(ids), criteria=bool(step.get("criteria")), optional=bool(step.get("optional")),
                          checklist=bool(step.get("checklist")), faq=tuple(step.get("faq", ()))))
    if sum(step.criteria for step in steps) != 1:
        reader.fail(top.line if top else 1, "questionnaire : exactement une étape doit porter « criteria: true »")
    return questions, tuple(steps)


def _read_option(reader: Reader, data: Any, line: int) -> Option | None:
    record = reader.record(data, line, "option", {"id": str, "label": str},
                           {"hint": str, "outcome": str, "message": str, "legacy": bool})
    if record is None:
        return None
    if "outcome" in record and record["outcome"] not in OUTCOMES:
        reader.fail(record.line_of("outcome"), f"option « {record.get('id')} » : issue « {record['outcome']} » inconnue "
                                               f"(possibles : {', '.join(OUTCOMES)})")
    return Option(id=str(record.get("id")), label=rule_text(record.get("label")), hint=rule_text(record.get("hint")),
                  outcome=record.get("outcome"), message=rule_text(record.get("message")) or None,
                  legacy=bool(record.get("legacy")))


def _read_question(reader: Reader, data: Any, line: int, step: str, option_sets: dict,
                   earlier: dict[str, Question]) -> Question | None:
    record = reader.record(data, line, "question", {"id": str, "kind": str, "label": str}, {
        "hint": str, "required": bool, "options": "str_or_list", "when": dict, "faq": "slugs", "max_length": int,
        "pattern": str, "pattern_message": str, "messages": dict, "source": str})
    if record is None or not isinstance(record.get("id"), str):
        return None
    qid, kind = record["id"], record.get("kind")
    what = f"question « {qid} »"
    if kind not in KINDS:
        reader.fail(record.line_of("kind"), f"{what} : type « {kind} » inconnu (possibles : {', '.join(KINDS)})")
        return None
    options = _question_options(reader, record, what, option_sets)
    options = _with_messages(reader, record, what, options)
    if kind in TEXT_KINDS and "options" in record:
        reader.fail(record.line_of("options"), f"{what} : une question de type {kind} n'a pas d'options")
    if kind not in TEXT_KINDS and not options:
        reader.fail(record.line, f"{what} : des options sont obligatoires pour le type {kind}")
    if kind == "boolean" and {option.id for option in options} != set(BOOLEAN_OPTIONS):
        reader.fail(record.line_of("options"), f"{what} : une question oui / non a exactement les options « oui » et « non »")
    _check_unique_options(reader, record, what, options)
    if "max_length" in record and record["max_length"] <= 0:
        reader.fail(record.line_of("max_length"), f"{what} : « max_length » doit être positif")
    question = Question(id=qid, kind=kind, label=rule_text(record["label"]), step=step, hint=rule_text(record.get("hint")),
                        required=record.get("required", True), options=options,
                        faq=tuple(record.get("faq", ())), max_length=record.get("max_length"),
                        pattern=_pattern(reader, record, what), pattern_message=rule_text(record.get("pattern_message")),
                        source=rule_text(record.get("source")))
    return _with_condition(reader, record, what, question, earlier)


def _check_unique_options(reader: Reader, record: YamlMap, what: str, options: tuple[Option, ...]) -> None:
    inline = [line for _, line in reader.items(record, "options", "option")]
    seen = set()
    for index, option in enumerate(options):
        if option.id in seen:
            line = inline[index] if index < len(inline) else record.line_of("options")
            reader.fail(line, f"{what} : l'identifiant d'option « {option.id} » est déjà utilisé par une autre option")
        seen.add(option.id)


def _question_options(reader: Reader, record: YamlMap, what: str, option_sets: dict) -> tuple[Option, ...]:
    options = record.get("options")
    if isinstance(options, str):
        if options not in option_sets:
            reader.fail(record.line_of("options"), f"{what} : jeu d'options « {options} » inconnu")
        return option_sets.get(options, ())
    parsed = (_read_option(reader, item, line) for item, line in reader.items(record, "options", "option"))
    return tuple(option for option in parsed if option)


def _with_messages(reader: Reader, record: YamlMap, what: str, options: tuple[Option, ...]) -> tuple[Option, ...]:
    """Each option with an outcome needs a message: its own, or the question's one for that outcome."""
    messages = record.get("messages") or {}
    for outcome in messages:
        if outcome not in OUTCOMES:
            reader.fail(messages.line_of(outcome), f"{what} : issue « {outcome} » inconnue dans « messages »")
    completed = []
    for option in options:
        message = option.message or rule_text(messages.get(option.outcome)) or None
        if option.outcome and not message:
            reader.fail(record.line, f"{what} : l'option « {option.id} » a une issue mais pas de message")
        completed.append(Option(option.id, option.label, option.hint, option.outcome, message, option.legacy))
    return tuple(completed)


def _pattern(reader: Reader, record: YamlMap, what: str) -> re.Pattern | None:
    if "pattern" not in record:
        return None
    try:
        return re.compile(record["pattern"])
    except re.error as error:
        reader.fail(record.line_of("pattern"), f"{what} : expression régulière invalide ({error})")
        return None


def _with_condition(reader: Reader, record: YamlMap, what: str, question: Question,
                    earlier: dict[str, Question]) -> Question:
    pairs = []
    for other_id, option_id in (record.get("when") or {}).items():
        other = earlier.get(other_id)
        line = record["when"].line_of(other_id)
        option = next((o for o in other.options if o.id == str(option_id).lower()), None) if other else None
        if other is None:
            reader.fail(line, f"{what} : « when » cite « {other_id} », qui n'est pas une question posée avant")
        elif option is None:
            reader.fail(line, f"{what} : « when » cite la réponse « {option_id} », absente de « {other_id} »")
        else:
            pairs.append((other_id, other.value_of(option)))
    return dataclasses.replace(question, when=tuple(pairs))


def _read_criteria(reader: Reader, data: Any):
    top = reader.record(data, 1, "critères", {"scale": list, "stakes": list, "criteria": list, "strength": str,
                                              "bands": list})
    scale = []
    for item, line in reader.items(top, "scale", "niveau"):
        record = reader.record(item, line, "niveau", {"level": int, "label": str})
        if record is not None:
            scale.append((record.get("level"), rule_text(record.get("label"))))
    if len(scale) < 2 or [level for level, _ in scale] != list(range(len(scale))):
        reader.fail(top.line_of("scale") if top else 1,
                    "critères : l'échelle doit compter au moins deux niveaux, numérotés dans l'ordre à partir de 0")
    stakes = []
    for item, line in reader.items(top, "stakes", "enjeu"):
        record = reader.record(item, line, "enjeu", {"id": str, "label": str})
        if record is not None:
            stakes.append(Stake(id=record.get("id", ""), label=rule_text(record.get("label"))))
    criteria = tuple(filter(None, (_read_criterion(reader, item, line, {s.id for s in stakes}, len(scale))
                                   for item, line in reader.items(top, "criteria", "critère"))))
    if top is not None and not criteria:
        reader.fail(top.line_of("criteria"), "critères : au moins un critère est attendu")
    _check_stake_order(reader, top, stakes, criteria)
    bands = _read_bands(reader, top)
    return tuple(stakes), criteria, tuple(label for _, label in scale), rule_text((top or {}).get("strength")), bands


def _check_stake_order(reader: Reader, top: YamlMap | None, stakes: list[Stake], criteria: tuple[Criterion, ...]) -> None:
    """Grouping the criteria under their stakes must keep the rules' order, so that every page, chart and export
    lists them in one order: each stake's criteria follow one another, the stakes in the order of their criteria."""
    order = list(dict.fromkeys(criterion.stake for criterion in criteria))
    grouped = [criterion.stake for criterion in criteria] == [s for s in order for c in criteria if c.stake == s]
    if not grouped or order != [stake.id for stake in stakes if stake.id in order]:
        reader.fail(top.line_of("stakes") if top else 1, "critères : les critères d'un même enjeu doivent se suivre, "
                                                           "et les enjeux venir dans l'ordre de leurs critères")


def _read_criterion(reader: Reader, data: Any, line: int, stakes: set[str], size: int) -> Criterion | None:
    record = reader.record(data, line, "critère", {"id": str, "label": str, "stake": str, "weight": int,
                                                   "wording": str, "levels": list, "advice": list, "faq": "slugs"})
    if record is None or not isinstance(record.get("id"), str):
        return None
    what = f"critère « {record['id']} »"
    levels = record.get("levels")
    if isinstance(levels, list) and len(levels) != size:
        count = _COUNT_WORDS[size] if size < len(_COUNT_WORDS) else size
        reader.fail(record.line_of("levels"), f"{what} : {count} niveaux (0 à {size - 1}) sont attendus, {len(levels)} trouvés")
    if isinstance(levels, list) and not all(isinstance(level, str) for level in levels):
        reader.fail(record.line_of("levels"), f"{what} : chaque niveau doit être un texte{QUOTE_HINT}")
    advice = record.get("advice")
    if isinstance(advice, list) and (len(advice) != size - 1 or not all(isinstance(text, str) for text in advice)):
        count = _COUNT_WORDS[size - 1] if size - 1 < len(_COUNT_WORDS) else size - 1
        reader.fail(record.line_of("advice"), f"{what} : {count} conseils (niveaux 0 à {size - 2}) sont attendus, un texte "
                                              f"par niveau ; le niveau {size - 1} reçoit « strength »{QUOTE_HINT}")
    if "stake" in record and record["stake"] not in stakes:
        reader.fail(record.line_of("stake"), f"{what} : enjeu « {record['stake']} » inconnu")
    if is_a(record.get("weight"), int) and record["weight"] <= 0:
        reader.fail(record.line_of("weight"), f"{what} : le poids doit être un entier positif")
    return Criterion(id=record["id"], label=rule_text(record.get("label")), stake=record.get("stake", ""),
                     weight=record.get("weight", 1), wording=rule_text(record.get("wording")),
                     levels=tuple(rule_text(level) for level in (levels or [])), advice=tuple(rule_text(text) for text in (advice or [])),
                     faq=tuple(record.get("faq", ())))


def _read_bands(reader: Reader, top: YamlMap | None) -> tuple[Band, ...]:
    bands = []
    for item, line in reader.items(top, "bands", "palier"):
        record = reader.record(item, line, "palier", {"id": str, "label": str, "min_percent": "number",
                                                      "allows_blocking": bool, "summary": str})
        if record is None or not is_a(record.get("min_percent"), "number"):
            continue
        threshold = record["min_percent"]
        if not 0 <= threshold <= 100:
            reader.fail(record.line_of("min_percent"), f"palier « {record.get('id')} » : le seuil doit être entre 0 et 100, pas {threshold}")
        if bands and Fraction(str(threshold)) >= bands[-1].min_percent:
            reader.fail(record.line_of("min_percent"), f"palier « {record.get('id')} » : les seuils doivent être décroissants")
        bands.append(Band(id=record.get("id", ""), label=rule_text(record.get("label")),
                          min_percent=Fraction(str(threshold)), allows_blocking=record.get("allows_blocking", True),
                          summary=rule_text(record.get("summary"))))
    if top is not None and (not bands or bands[-1].min_percent != 0 or not bands[-1].allows_blocking):
        reader.fail(top.line_of("bands"), "paliers : le dernier palier doit avoir un seuil de 0 et accepter les points bloquants, "
                                          "pour que tout score ait un palier")
    return tuple(bands)


def _read_programme(reader: Reader, top: YamlMap, rule_ids: set[str]) -> Programme | None:
    call = read_call(reader, top)
    dossier = reader.record(top.get("dossier"), top.line_of("dossier"), "dossier",
                            {"url": str, "label": str, "faq": "slugs"})
    contacts = []
    for item, line in reader.items(top, "contacts", "contact"):
        record = reader.record(item, line, "contact", {"label": str}, {"email": str, "url": str})
        if record is not None:
            contacts.append(Contact(label=rule_text(record.get("label")), email=record.get("email", ""), url=record.get("url", "")))
    next_steps = reader.record(top.get("next_steps"), top.line_of("next_steps"), "prochaines étapes",
                               {"by_status": dict, "procedure": list}, {"before_closing": dict})
    by_status = read_steps_by_status(reader, next_steps, "by_status")
    before_closing = read_steps_by_status(reader, next_steps, "before_closing")
    procedure = []
    for item, line in reader.items(next_steps, "procedure", "étape de procédure"):
        record = reader.record(item, line, "étape de procédure", {"title": str, "steps": "slugs", "faq": "slugs"})
        if record is not None:
            procedure.append(ProcedureGroup(title=rule_text(record.get("title")), steps=tuple(map(rule_text, record.get("steps", ()))),
                                            faq=tuple(record.get("faq", ()))))
    sections = [_read_section(reader, item, line) for item, line in reader.items(top, "dossier_sections", "section")]
    version_date = str(top.get("version_date", ""))
    if version_date and not _is_iso_date(version_date):
        reader.fail(top.line_of("version_date"), "version_date : une date AAAA-MM-JJ est attendue")
    if call is None or dossier is None or next_steps is None:
        return None
    return Programme(version_date=version_date,
        version=top["version"], name=rule_text(top["programme"]), promotion=top["promotion"], operator=rule_text(top["operator"]),
        call=call, dossier_url=dossier.get("url", ""), dossier_label=rule_text(dossier.get("label")),
        dossier_faq=tuple(dossier.get("faq", ())), contacts=tuple(contacts), notice=rule_text(top["notice"]),
        notice_faq=tuple(top["notice_faq"]), next_steps=MappingProxyType(by_status),
        before_closing=MappingProxyType(before_closing),
        causes=read_causes(reader, top, rule_ids), procedure=tuple(procedure),
        dossier_sections=tuple(section for section in sections if section), **read_sources(reader, top))


def _is_iso_date(text: str) -> bool:
    try:
        date.fromisoformat(text)
    except ValueError:
        return False
    return True


def _read_section(reader: Reader, data: Any, line: int) -> DossierSection | None:
    record = reader.record(data, line, "section", {"id": str, "title": str, "items": list, "faq": "slugs"})
    if record is None:
        return None
    items = []
    for item, item_line in reader.items(record, "items", "élément"):
        entry = reader.record(item, item_line, "élément", {"label": str, "answer": str})
        if entry is not None:
            items.append(DossierItem(label=rule_text(entry.get("label")), answer=entry.get("answer", "")))
    return DossierSection(id=record.get("id", ""), title=rule_text(record.get("title")), items=tuple(items),
                          faq=tuple(record.get("faq", ())))
