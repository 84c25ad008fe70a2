"""Read the programme's call calendar, the causes of a verdict and the next steps by status (programme.yaml), with
their file and line."""
from __future__ import annotations

from datetime import date
from types import MappingProxyType

from wizard.rules.model import CALL_PHASES, OUTCOMES, Call, CallPhase, Cause
from wizard.rules.typography import rule_text
from wizard.rules.yaml_lines import QUOTE_HINT, Reader, YamlMap, is_a


def read_call(reader: Reader, top: YamlMap) -> Call | None:
    call = reader.record(top.get("call"), top.line_of("call"), "appel à projets",
                         {"opens": str, "closes": str, "faq": "slugs", **{phase: dict for phase in CALL_PHASES}})
    if call is None:
        return None
    opens, closes = _date(reader, call, "opens"), _date(reader, call, "closes")
    if opens and closes and closes < opens:
        reader.fail(call.line_of("closes"), "appel à projets : la date de clôture précède celle d'ouverture")
    phases = {}
    for phase in CALL_PHASES:
        record = reader.record(call.get(phase), call.line_of(phase), f"appel à projets, « {phase} »",
                               {"summary": str, "next_step": str})
        if record is not None:
            phases[phase] = CallPhase(summary=rule_text(record.get("summary")), next_step=rule_text(record.get("next_step")))
    if opens is None or closes is None or len(phases) != len(CALL_PHASES):
        return None
    return Call(opens=opens, closes=closes, phases=MappingProxyType(phases), faq=tuple(call.get("faq", ())))


def _date(reader: Reader, record: YamlMap, key: str) -> date | None:
    try:
        return date.fromisoformat(str(record.get(key)))
    except ValueError:
        reader.fail(record.line_of(key), f"appel à projets : « {key} » doit être une date de la forme AAAA-MM-JJ")
        return None


def read_causes(reader: Reader, top: YamlMap, rule_ids: set[str]) -> tuple[Cause, ...]:
    """Each cause covers rules (question ids) and says, by status, what the verdict means and what to do."""
    causes = []
    for item, line in reader.items(top, "causes", "cause"):
        record = reader.record(item, line, "cause", {"id": str, "label": str, "rules": "slugs"},
                               {status: dict for status in OUTCOMES if status != "eligible"})
        if record is None:
            continue
        what = f"cause « {record.get('id')} »"
        for rule in record.get("rules", ()):
            if rule not in rule_ids:
                reader.fail(record.line_of("rules"), f"{what} : « {rule} » n'est pas une règle d'éligibilité")
        verdict, steps = {}, {}
        for status in OUTCOMES:
            part = reader.record(record[status], record.line_of(status), f"{what}, « {status} »", {},
                                 {"verdict": str, "next_steps": "slugs"}) if status in record else None
            if part is None:
                continue
            if "verdict" in part:
                verdict[status] = rule_text(part["verdict"])
            if not is_a(part.get("next_steps", []), "slugs"):
                reader.fail(part.line_of("next_steps"), f"{what} : une liste de textes est attendue{QUOTE_HINT}")
            steps[status] = tuple(rule_text(step) for step in part.get("next_steps", ()) if isinstance(step, str))
        causes.append(Cause(id=str(record.get("id")), label=rule_text(str(record.get("label", ""))), rules=tuple(record.get("rules", ())),
                            verdict=MappingProxyType(verdict), next_steps=MappingProxyType(steps)))
    return tuple(causes)


def read_steps_by_status(reader: Reader, next_steps: YamlMap | None, key: str) -> dict[str, tuple[str, ...]]:
    """A list of texts for each status (none given: an empty list)."""
    steps: dict[str, tuple[str, ...]] = {}
    if next_steps is None or not isinstance(next_steps.get(key), YamlMap):
        return steps
    for outcome in OUTCOMES:
        items = next_steps[key].get(outcome)
        if not is_a(items, "slugs"):
            reader.fail(next_steps[key].line, f"prochaines étapes ({key}) : une liste de textes est attendue pour « {outcome} »{QUOTE_HINT}")
        steps[outcome] = tuple(rule_text(item) for item in items or ())
    return steps
