"""Read a rubric document's text (YAML or JSON) safely, noting the line of every field.

A rubric file comes from people (the CLI, the web editor, the API), so reading it must stay cheap
and must not crash whatever the text holds:

* the text may hold at most :data:`MAX_DOCUMENT_CHARS` characters (the packaged rubrics are
  about 13,000);
* fields may nest at most :data:`MAX_DEPTH` deep (a rubric needs 6), so a ``[[[[...]]]]``
  thousands deep is refused before anything recurses into it;
* the document may hold at most :data:`MAX_VALUES` values once YAML aliases (``*name``) are
  expanded: a few nested aliases ("billion laughs") would otherwise expand into billions, and an
  alias inside its own anchor is refused (it would never end). Anchors and aliases themselves
  stay allowed: ``yaml.safe_dump`` writes them for a list used twice;
* a field given twice is a problem (YAML and JSON both silently keep the last one).

Every refusal is a :class:`~partnerpath.core.rubric.errors.Problem` with the line it is on.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import Any

import yaml

from partnerpath.core.rubric.errors import Path, Problem, format_path

MAX_DOCUMENT_CHARS = 256 * 1024
MAX_DEPTH = 20
MAX_VALUES = 200_000


class Refused(Exception):
    """The text cannot be read as a rubric document; ``problems`` says where and why."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("; ".join(map(str, problems)))
        self.problems = problems


@dataclass
class Document:
    """The parsed data, the line of each field and list item, and the fields given twice."""

    data: Any
    lines: dict[Path, int] = field(default_factory=lambda: {(): 1})
    duplicates: list[Problem] = field(default_factory=list)


def _too_deep(line: int | None) -> Problem:
    return Problem(
        "(document)",
        f"nested more than {MAX_DEPTH} levels deep; a rubric needs far fewer (check the brackets)",
        line,
    )


def check_size(text: str) -> None:
    """Refused when the text is longer than a rubric document can be."""
    if len(text) > MAX_DOCUMENT_CHARS:
        raise Refused(
            [
                Problem(
                    "(document)",
                    f"too long: longer than the {MAX_DOCUMENT_CHARS:,} characters a rubric "
                    "may have",
                    1,
                )
            ]
        )


@dataclass(frozen=True)
class _Size:
    """How big a node is once its aliases are expanded: values in all, and depth."""

    values: int
    depth: int


class _SafeComposer(yaml.SafeLoader):
    """PyYAML's safe loader that measures every node while composing it and refuses a document
    nesting too deep or expanding (through aliases) into too many values."""

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self.depth = 0
        self.values = 0
        self.sizes: dict[int, _Size] = {}  # id(node) -> its size, once composed

    def compose_node(self, parent: yaml.Node | None, index: Any) -> yaml.Node | None:
        event = self.peek_event()  # type: ignore[no-untyped-call]
        line = event.start_mark.line + 1
        if isinstance(event, yaml.AliasEvent):
            self._expand(event, line)
            return super().compose_node(parent, index)  # an undefined alias: ComposerError
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise Refused([_too_deep(line)])
        try:
            node = super().compose_node(parent, index)
        finally:
            self.depth -= 1
        if node is not None:
            self._count(node, line)
        return node

    def _expand(self, event: yaml.AliasEvent, line: int) -> None:
        """Count what the alias repeats; refuse an alias inside its own anchor (endless)."""
        target = self.anchors.get(event.anchor)
        if target is None:
            return
        size = self.sizes.get(id(target))
        name = f"*{str(event.anchor)[:40]}"
        if size is None:
            raise Refused([Problem("(document)", f"alias {name} is inside its own anchor", line)])
        if self.depth + size.depth > MAX_DEPTH:
            raise Refused([_too_deep(line)])
        self._add(size.values, line, f" (alias {name} repeats {size.values:,})")

    def _count(self, node: yaml.Node, line: int) -> None:
        """Measure a node just composed: its children (aliases included) are measured."""
        children: list[yaml.Node] = []
        if isinstance(node, yaml.SequenceNode):
            children = list(node.value)
        elif isinstance(node, yaml.MappingNode):
            children = [part for pair in node.value for part in pair]
        inner = [self.sizes[id(c)] for c in children]
        self.sizes[id(node)] = _Size(
            1 + sum(s.values for s in inner), 1 + max((s.depth for s in inner), default=0)
        )
        self._add(1, line)

    def _add(self, values: int, line: int, why: str = "") -> None:
        self.values += values
        if self.values > MAX_VALUES:
            message = f"expands to more than {MAX_VALUES:,} values{why}; a rubric needs far fewer"
            raise Refused([Problem("(document)", message, line)])


def _walk(node: yaml.Node, path: Path, doc: Document) -> None:
    """Record each field's line; catch a key given twice (YAML keeps the last silently)."""
    if isinstance(node, yaml.MappingNode):
        seen: set[str] = set()
        for key_node, value_node in node.value:
            key = str(key_node.value)
            here = (*path, key)
            line = key_node.start_mark.line + 1
            if key in seen:
                doc.duplicates.append(Problem(format_path(here), "field given twice", line))
            seen.add(key)
            doc.lines.setdefault(here, line)
            _walk(value_node, here, doc)
    elif isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            doc.lines[(*path, i)] = item.start_mark.line + 1
            _walk(item, (*path, i), doc)


def read_yaml(text: str) -> Document:
    """The YAML text's data and lines; Refused, yaml.YAMLError or ValueError when unreadable."""
    check_size(text)
    loader = _SafeComposer(text)
    try:
        node = loader.get_single_node()
        data = None if node is None else loader.construct_document(node)
    finally:
        loader.dispose()
    doc = Document(data)
    if node is not None:
        _walk(node, (), doc)
    return doc


# A token of JSON text that json.loads accepted: a string, a punctuation mark, or a bare value.
_JSON_TOKEN = re.compile(r'"(?:[^"\\]|\\.)*"|[{}\[\],:]|[^\s{}\[\],:"]+')


@dataclass
class _Open:
    """An object or array being read: where it is, the next item's index, the current key."""

    path: Path
    is_object: bool
    index: int = 0
    key: str = ""
    expect_key: bool = True
    seen: set[str] = field(default_factory=set)


def _json_key(token: str) -> str:
    try:
        return str(json.loads(token))
    except ValueError:
        return token.strip('"')


def _json_layout(text: str, doc: Document) -> None:
    """Lines of each field and item, keys given twice, and nesting depth, without recursion.

    Runs before ``json.loads`` (which recurses), so it tolerates invalid text: its findings
    are only used when the text turns out to be valid JSON, except a depth refusal.
    """
    stack: list[_Open] = []
    line, last = 1, 0
    for match in _JSON_TOKEN.finditer(text):
        token, start = match.group(), match.start()
        line += text.count("\n", last, start)
        last = start
        top = stack[-1] if stack else None
        if token in ("}", "]"):
            if stack:
                stack.pop()
            continue
        if top is None:
            path: Path = ()
        elif token == ",":
            top.index += 1
            top.expect_key = top.is_object
            continue
        elif token == ":":
            top.expect_key = False
            continue
        elif top.is_object and top.expect_key:
            top.key = _json_key(token)
            here = (*top.path, top.key)
            if top.key in top.seen:
                doc.duplicates.append(Problem(format_path(here), "field given twice", line))
            top.seen.add(top.key)
            doc.lines.setdefault(here, line)
            continue
        elif top.is_object:
            path = (*top.path, top.key)
        else:
            path = (*top.path, top.index)
            doc.lines[path] = line
        if token in ("{", "["):
            if len(stack) >= MAX_DEPTH:
                raise Refused([_too_deep(line)])
            stack.append(_Open(path, is_object=token == "{"))


def read_json(text: str) -> Document:
    """The JSON text's data and lines; Refused or ValueError (JSONDecodeError) when unreadable."""
    check_size(text)
    doc = Document(None)
    _json_layout(text, doc)
    doc.data = json.loads(text)
    return doc
