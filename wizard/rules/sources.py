"""Read what programme.yaml says of its two sources: where the FAQ and the règlement disagree, the règlement's file,
and what the règlement names besides the EIG programme for a project turned away."""
from __future__ import annotations

from types import MappingProxyType

from wizard.rules.model import Alternatives, SourceNote
from wizard.rules.typography import rule_text
from wizard.rules.yaml_lines import Reader, YamlMap

_ALTERNATIVES = {"source": str, "intro": str, "items": "slugs", "button": str, "subject": str, "subject_of": str,
                 "contact": str}


def read_sources(reader: Reader, top: YamlMap) -> dict:
    """The Programme's fields `sources_differ`, `reglement` and `alternatives` (each optional in the file)."""
    notes = {}
    differ = top.get("sources_differ")
    if differ is not None:
        if not isinstance(differ, YamlMap):
            reader.fail(top.line_of("sources_differ"), "sources_differ : un ensemble de clés est attendu")
        else:
            for key in differ:
                note = reader.record(differ[key], differ.line_of(key), f"sources_differ, « {key} »", {"faq": str, "text": str})
                if note is not None:
                    notes[str(key)] = SourceNote(faq=note["faq"], text=rule_text(note["text"]))
    fields: dict = {"sources_differ": MappingProxyType(notes)}
    if "reglement" in top:
        reglement = reader.record(top["reglement"], top.line_of("reglement"), "règlement", {"label": str, "file": str})
        if reglement is not None:
            fields["reglement"] = (rule_text(reglement["label"]), reglement["file"])
    if "alternatives" in top:
        record = reader.record(top["alternatives"], top.line_of("alternatives"), "autres voies", _ALTERNATIVES)
        if record is not None and all(key in record for key in _ALTERNATIVES):
            fields["alternatives"] = Alternatives(items=tuple(map(rule_text, record["items"])),
                                                  **{key: rule_text(record[key]) for key in _ALTERNATIVES if key != "items"})
    return fields
