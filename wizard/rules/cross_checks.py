"""Checks across records and files of the rules: unique ids, FAQ references, dossier answers, corrected texts."""
from __future__ import annotations

from wizard.rules.yaml_lines import Reader, YamlMap, records, walk


def check_dossier_answers(reader: Reader, top: YamlMap, known_ids: set[str]) -> None:
    for section, _line in reader.items(top, "dossier_sections", "section"):
        for item, _item_line in reader.items(section if isinstance(section, YamlMap) else None, "items", "élément"):
            if isinstance(item, YamlMap) and isinstance(item.get("answer"), str) and item["answer"] not in known_ids:
                reader.fail(item.line_of("answer"), f"section « {section.get('id')} » : la réponse « {item['answer']} » n'est pas une question")


def check_unique_ids(readers: dict[str, Reader], raw: dict) -> None:
    """Ids are unique within their kind; question and criterion ids share one namespace, that of answers."""
    questions, criteria, programme = readers["questions"], readers["criteria"], readers["programme"]
    kinds = (
        [(questions, r) for r in records(raw["questions"], "steps", "questions")]
        + [(criteria, r) for r in records(raw["criteria"], "criteria")],
        [(questions, r) for r in records(raw["questions"], "steps")],
        [(criteria, r) for r in records(raw["criteria"], "stakes")],
        [(criteria, r) for r in records(raw["criteria"], "bands")],
        [(programme, r) for r in records(raw["programme"], "dossier_sections")],
    )
    for group in kinds:
        seen: dict[str, str] = {}
        for reader, record in group:
            record_id = record.get("id")
            if not isinstance(record_id, str):
                continue
            if record_id in seen:
                reader.fail(record.line_of("id"), f"identifiant « {record_id} » déjà utilisé ({seen[record_id]})")
            else:
                seen[record_id] = f"{reader.name}:{record.line_of('id')}"


# The keys that cite FAQ entries by slug, at any depth (`notice_faq` at the top of programme.yaml).
FAQ_KEYS = ("faq", "notice_faq")


def check_faq_references(readers: dict[str, Reader], raw: dict, slugs: frozenset[str]) -> None:
    for name, reader in readers.items():
        for mapping in walk(raw[name]):
            for key in FAQ_KEYS:
                references = mapping.get(key)
                for slug in references if isinstance(references, list) else ():
                    if slug not in slugs:
                        reader.fail(mapping.line_of(key), f"référence à une entrée de FAQ inexistante : « {slug} »")


def check_corrections_applied(readers: dict[str, Reader], raw: dict, corrections: dict[str, str]) -> None:
    """A text the FAQ gets corrected for (the misspelled dossier address) must not be in the rules themselves."""
    for name, reader in readers.items():
        for mapping in walk(raw[name]):
            for key, value in mapping.items():
                texts = [value] if isinstance(value, str) else value if isinstance(value, list) else ()
                for wrong, right in corrections.items():
                    if key != "wrong" and any(isinstance(text, str) and wrong in text for text in texts):
                        reader.fail(mapping.line_of(key), f"« {key} » contient « {wrong} », l'adresse mal orthographiée "
                                                          f"que « corrections » corrige dans la FAQ : écrivez « {right} »")
