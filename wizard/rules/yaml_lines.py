"""YAML read with the line of every key, and a reader that collects problems with their file and line."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml


@dataclass(frozen=True)
class Problem:
    file: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.message}"


class YamlMap(dict):
    """A YAML mapping that remembers the line of each key (1-based)."""
    line = 0
    key_lines: dict

    def line_of(self, key: str) -> int:
        return self.key_lines.get(key, self.line)


class _Duplicates:
    """A reader that collects the duplicate keys _construct_map finds."""

    def __init__(self, stream):
        super().__init__(stream)
        self.duplicates: list[tuple[int, str]] = []  # (line, message)


class _Loader(_Duplicates, yaml.SafeLoader):
    """The pure-Python reader: it refuses an alias where it is met, and its errors are the ones syntax_error words."""

    def compose_node(self, parent, index):
        # An alias is refused where it is met, before anything is built: nine levels of aliases in 1 KB expand
        # to billions of nodes (an "alias bomb"), which a reader, a check or a message would walk through.
        if self.check_event(yaml.AliasEvent):
            raise yaml.composer.ComposerError(None, None, ALIAS_REFUSED, self.peek_event().start_mark)
        return super().compose_node(parent, index)


class _FastLoader(_Duplicates, yaml.CSafeLoader):
    """libyaml's reader, ten times faster: used for a document without alias, which it reads to the same data."""


def _construct_map(loader: _Loader | _FastLoader, node: yaml.MappingNode) -> YamlMap:
    loader.flatten_mapping(node)
    mapping = YamlMap()
    mapping.line, mapping.key_lines = node.start_mark.line + 1, {}
    for key_node, value_node in node.value:
        if not isinstance(key_node, yaml.ScalarNode):  # `[a, b]: 1` would be a list as a key, which no dict takes
            raise yaml.constructor.ConstructorError(None, None, KEY_NOT_SCALAR, key_node.start_mark)
        key = loader.construct_object(key_node, deep=True)
        line = key_node.start_mark.line + 1
        if key in mapping.key_lines:
            # PyYAML keeps the last value silently: a second `outcome:` could flip a verdict unseen.
            loader.duplicates.append((line, f"clé « {key} » en double (déjà à la ligne {mapping.key_lines[key]})"))
            continue
        mapping[key] = loader.construct_object(value_node, deep=True)
        mapping.key_lines[key] = line
    return mapping


for _reader in (_Loader, _FastLoader):
    _reader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_map)
    # Dates stay text: the rules show them, they never compute with them.
    _reader.yaml_implicit_resolvers = {
        first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
        for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
    }


ALIAS_REFUSED = "alias refused"
KEY_NOT_SCALAR = "key not scalar"


def load_yaml(text: str) -> tuple[Any, list[tuple[int, str]]]:
    """The YAML document (mappings as YamlMap) and its duplicate keys (line, message); raises yaml.YAMLError on bad syntax."""
    try:
        if not any(isinstance(event, yaml.AliasEvent) for event in yaml.parse(text, Loader=yaml.CSafeLoader)):
            return _read(_FastLoader, text)
    except yaml.YAMLError:
        pass
    # An alias or an error: the pure-Python reader refuses or words it where it is (the same text reads the same).
    return _read(_Loader, text)


def _read(reader: type[_Loader] | type[_FastLoader], text: str) -> tuple[Any, list[tuple[int, str]]]:
    loader = reader(text)
    try:
        return loader.get_single_data(), loader.duplicates
    finally:
        loader.dispose()


# PyYAML's problems in French; for each, whether the line to show is where the construct began (the context:
# an unclosed quote is found only at the end of the file) or where the parser stopped.
_SYNTAX = (
    ("quoted scalar", "end of stream", True, "guillemet ouvert à cette ligne et jamais fermé"),
    ("quoted scalar", "escape character", False, "séquence d'échappement inconnue entre guillemets doubles "
                                                 "(écrivez « \\\\ » pour une barre oblique inverse)"),
    ("flow sequence", "", False, "crochet « [ » ouvert à la ligne {context} et jamais fermé"),
    ("flow mapping", "", False, "accolade « {{ » ouverte à la ligne {context} et jamais fermée"),
    ("simple key", "", True, "« : » manquant après la clé"),
    ("", "mapping values are not allowed", False, "« : » inattendu ici{quote}"),
    ("", "cannot start any token", False, "caractère inattendu (une tabulation ? indentez avec des espaces)"),
    ("block", "expected <block end>", False, "indentation incohérente avec les lignes précédentes"),
    ("", ALIAS_REFUSED, False, "les alias (« *nom ») ne sont pas acceptés : écrivez chaque valeur en entier"),
    ("", KEY_NOT_SCALAR, False, "une clé doit être un texte, pas une liste ni un ensemble de clés"),
)


def syntax_error(error: yaml.YAMLError) -> tuple[int, str]:
    """The 1-based line (0 if unknown) and the French wording of a YAML syntax error."""
    context, problem = getattr(error, "context", None) or "", getattr(error, "problem", None) or ""
    context_mark, problem_mark = getattr(error, "context_mark", None), getattr(error, "problem_mark", None)
    for context_part, problem_part, at_context, message in _SYNTAX:  # noqa: B007 (message is the one found)
        if context_part in context and problem_part in problem:
            mark = context_mark if at_context and context_mark else problem_mark or context_mark
            break
    else:
        mark, message = problem_mark or context_mark, "texte mal formé à cet endroit"
    context_line = context_mark.line + 1 if context_mark else "?"
    return (mark.line + 1 if mark else 0), message.format(context=context_line, quote=QUOTE_HINT)


class Reader:
    """Reads the records of one file, collecting problems instead of stopping at the first."""

    def __init__(self, path: Path, problems: list[Problem]):
        self.path, self.problems = path, problems
        self.name = display_path(path)

    def fail(self, line: int, message: str) -> None:
        self.problems.append(Problem(self.name, line, message))

    def load(self) -> Any:
        try:
            data, duplicates = load_yaml(self.path.read_text(encoding="utf-8"))
        except OSError as error:
            self.fail(0, f"fichier illisible ({error.strerror})")
        except UnicodeDecodeError:
            self.fail(0, "le fichier doit être encodé en UTF-8")
        except yaml.YAMLError as error:
            line, message = syntax_error(error)
            self.fail(line, f"syntaxe YAML invalide : {message}")
        else:
            for line, message in duplicates:
                self.fail(line, message)
            return data
        return None

    def record(self, value: Any, where: int, what: str, required: dict, optional: dict | None = None) -> YamlMap | None:
        """Check that `value` is a mapping with the given keys, each of the given type."""
        optional = optional or {}
        if not isinstance(value, YamlMap):
            self.fail(where, f"{what} : un ensemble de clés est attendu")
            return None
        for key in value:
            if key not in required and key not in optional:
                expected = ", ".join(sorted([*required, *optional]))
                self.fail(value.line_of(key), f"{what} : clé inconnue « {key} » (clés possibles : {expected})")
        for key in required:
            if key not in value:
                self.fail(value.line, f"{what} : la clé « {key} » est obligatoire")
        for key, kind in {**required, **optional}.items():
            if key in value and not is_a(value[key], kind):
                self.fail(value.line_of(key), f"{what} : « {key} » doit être {_KIND_NAMES[kind]}")
        return value

    def items(self, record: YamlMap | None, key: str, what: str) -> list:
        """The list under `key`, each item paired with its line."""
        if record is None or not isinstance(record.get(key), list):
            return []
        return [(item, item.line if isinstance(item, YamlMap) else record.line_of(key)) for item in record[key]]


QUOTE_HINT = " (un texte qui contient « : » s'écrit entre guillemets)"
_KIND_NAMES = {str: "un texte", int: "un nombre entier", bool: "true ou false", list: "une liste",
               dict: "un ensemble de clés", "number": "un nombre", "slugs": "une liste de textes" + QUOTE_HINT,
               "str_or_list": "un texte ou une liste"}


def is_a(value: Any, kind: Any) -> bool:
    if kind is int:
        return isinstance(value, int) and not isinstance(value, bool)
    if kind == "number":
        return isinstance(value, (int, float)) and not isinstance(value, bool)
    if kind == "slugs":
        return isinstance(value, list) and all(isinstance(item, str) for item in value)
    if kind == "str_or_list":
        return isinstance(value, (str, list))
    return isinstance(value, kind)


def display_path(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def walk(value: Any):
    """Every mapping in a YAML tree."""
    if isinstance(value, YamlMap):
        yield value
        for child in value.values():
            yield from walk(child)
    elif isinstance(value, list):
        for child in value:
            yield from walk(child)


def records(data: Any, *path: str):
    """The mappings found by following `path` through nested lists, e.g. ("steps", "questions")."""
    if not path:
        if isinstance(data, YamlMap):
            yield data
        return
    items = data.get(path[0]) if isinstance(data, YamlMap) else None
    for item in items if isinstance(items, list) else ():
        yield from records(item, *path[1:]) if len(path) > 1 else records(item)
