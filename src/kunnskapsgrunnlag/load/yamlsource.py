"""YAML that remembers where each value came from, so messages can name the line.

PyYAML's composer knows every node's position; we keep it on the containers we build:
`LocatedMap.key_lines[key]` and `LocatedList.item_lines[i]` give the 1-based line of a value.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from ..errors import Problem
from ..limits import MAX_CONTENT_FILE_BYTES, MAX_YAML_NODES
from .contentfile import UnreadableFile, read_content_file
from .textcheck import invalid_character_problems


class LocatedMap(dict):
    """A mapping that knows its own line and the line of each key."""

    line: int
    key_lines: dict[str, int]

    def line_of(self, key: str) -> int:
        return self.key_lines.get(key, self.line)


class LocatedList(list):
    """A list that knows its own line and the line of each item."""

    line: int
    item_lines: list[int]

    def line_of(self, index: int) -> int:
        return self.item_lines[index] if index < len(self.item_lines) else self.line


# libyaml's parser (CSafeLoader) is several times faster; node marks and constructors work the same.
_BaseLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _LocatingLoader(_BaseLoader):
    def construct_document(self, node: yaml.Node) -> Any:
        # Aliases share one node, so a small file can name a billion values ("billion laughs");
        # count the values as if every alias were written out, and refuse before building them.
        _check_expanded_size(node)
        return super().construct_document(node)


def _check_expanded_size(root: yaml.Node) -> None:
    weights: dict[int, int] = {}
    visiting: set[int] = set()
    # Children before parents, without recursion (a deep file must not exhaust the stack).
    stack: list[tuple[yaml.Node, bool]] = [(root, False)]
    while stack:
        node, done = stack.pop()
        if id(node) in weights:
            continue
        children = _children(node)
        if not done:
            if id(node) in visiting:
                continue
            visiting.add(id(node))
            stack.append((node, True))
            for child in children:
                if id(child) in visiting and id(child) not in weights:
                    raise yaml.constructor.ConstructorError(
                        None, None, "et alias peker på verdien det selv står i (rekursivt anker)", child.start_mark
                    )
                if id(child) not in weights:
                    stack.append((child, False))
            continue
        weights[id(node)] = 1 + sum(weights.get(id(child), 1) for child in children)
        if weights[id(node)] > MAX_YAML_NODES:
            raise yaml.constructor.ConstructorError(
                None,
                None,
                f"filen utvides til mer enn {MAX_YAML_NODES} verdier (ankere og alias som peker på hverandre); "
                "skriv verdiene ut eller del filen",
                node.start_mark,
            )


def _children(node: yaml.Node) -> list[yaml.Node]:
    if isinstance(node, yaml.MappingNode):
        return [n for pair in node.value for n in pair]
    if isinstance(node, yaml.SequenceNode):
        return list(node.value)
    return []


def _construct_mapping(loader: _LocatingLoader, node: yaml.MappingNode) -> LocatedMap:
    loader.flatten_mapping(node)
    result = LocatedMap()
    result.line = node.start_mark.line + 1
    result.key_lines = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        key = str(key) if not isinstance(key, str) else key
        if key in result:
            raise yaml.constructor.ConstructorError(None, None, f"nøkkelen '{key}' står to ganger", key_node.start_mark)
        result[key] = loader.construct_object(value_node, deep=True)
        result.key_lines[key] = key_node.start_mark.line + 1
    return result


def _construct_sequence(loader: _LocatingLoader, node: yaml.SequenceNode) -> LocatedList:
    result = LocatedList(loader.construct_object(child, deep=True) for child in node.value)
    result.line = node.start_mark.line + 1
    result.item_lines = [child.start_mark.line + 1 for child in node.value]
    return result


_LocatingLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
_LocatingLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _construct_sequence)
# Keep dates and times as the strings the editor wrote: "2019" and "2017-2020" must not change type.
_LocatingLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in _BaseLoader.yaml_implicit_resolvers.items()
}


class YamlSyntaxError(Exception):
    def __init__(self, problem: Problem):
        self.problem = problem
        super().__init__(str(problem))


def parse_yaml(text: str, display: str, problems: list[Problem] | None = None) -> Any:
    """Parse YAML text; a syntax error becomes a `Problem` naming line and column.

    Characters a presentation cannot hold (written as escapes such as "\\x1b") are removed from
    the values and, with `problems`, reported as warnings at their line.
    """
    try:
        data = yaml.load(text, Loader=_LocatingLoader)
        return _clean_strings(data, display, problems)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        column = f", kolonne {mark.column + 1}" if mark else ""
        what = exc.problem or exc.context or "ugyldig YAML"
        raise YamlSyntaxError(Problem(display, line, f"YAML-feil{column}: {what}")) from exc
    except yaml.YAMLError as exc:
        raise YamlSyntaxError(Problem(display, None, f"YAML-feil: {exc}")) from exc
    except RecursionError as exc:
        raise YamlSyntaxError(Problem(display, None, "YAML-feil: verdiene er nøstet for dypt")) from exc
    except (ValueError, OverflowError, TypeError) as exc:  # e.g. an integer of 5000 digits
        raise YamlSyntaxError(Problem(display, None, f"YAML-feil: {exc}")) from exc


def _clean_strings(data: Any, display: str, problems: list[Problem] | None, line: int = 1) -> Any:
    """`data` with every string made safe for XML; each removal reported once at its line."""
    if isinstance(data, str):
        found = invalid_character_problems(data, display, line)
        if not found:
            return data
        if problems is not None:
            problems.extend(found)
        from ..ooxml.xml import xml_safe

        return xml_safe(data)
    if isinstance(data, LocatedMap):
        for key in list(data):
            data[key] = _clean_strings(data[key], display, problems, data.line_of(key))
    elif isinstance(data, LocatedList):
        for i, item in enumerate(data):
            data[i] = _clean_strings(item, display, problems, data.line_of(i))
    return data


def read_yaml(
    path: Path,
    display: str,
    root: Path | None = None,
    max_bytes: int = MAX_CONTENT_FILE_BYTES,
    problems: list[Problem] | None = None,
) -> Any:
    """A YAML content file: a regular file inside `root` (default: its own folder), size-capped."""
    try:
        text = read_content_file(path, root or path.parent, max_bytes)
    except UnreadableFile as exc:
        raise YamlSyntaxError(Problem(display, exc.problem.line, exc.problem.message)) from exc
    return parse_yaml(text, display, problems)
