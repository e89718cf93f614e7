"""YAML as gongkai reads it: no implicit dates, no aliases, and one ladder of errors.

Dates stay text so every date reaches our own parser (PyYAML would turn
``2017-13-01`` into an exception instead of a message). Aliases (``*a``) are
refused: no item needs them, and nested ones can blow up memory ("billion
laughs") in anything that walks the value.

Files are read with libyaml (PyYAML's C loader, eight times faster) where it is
installed. A file it finds fault with is read again with the pure-Python loader,
whose errors say exactly where and what; so the messages are the same either way.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

import yaml

from ..model.text import line_at
from .text import SourceError


class Loader(yaml.SafeLoader):
    """SafeLoader without implicit timestamps or aliases; its errors point at the place."""

    def compose_node(self, parent: yaml.Node | None, index: int) -> yaml.Node | None:
        if self.check_event(yaml.AliasEvent):
            raise AliasUsed(self.peek_event().start_mark)  # type: ignore[no-untyped-call]
        return super().compose_node(parent, index)

    def single_node(self) -> yaml.Node | None:
        return self.get_single_node()


class _Retry(Exception):
    """libyaml found something wrong: read the text again, slowly, for the message."""


class FastLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    """libyaml's loader, without implicit timestamps; an alias is caught after composing
    (libyaml composes in C) as a node reached twice."""

    def single_node(self) -> yaml.Node | None:
        node: yaml.Node | None = self.get_single_node()
        if node is not None and _reached_twice(node):
            raise _Retry
        return node


def _reached_twice(root: yaml.Node) -> bool:
    """Whether any node of the tree is reached along two paths (what an alias makes)."""
    seen: set[int] = set()
    todo = [root]
    while todo:
        node = todo.pop()
        if id(node) in seen:
            return True
        seen.add(id(node))
        if isinstance(node, yaml.MappingNode):
            todo += [part for pair in node.value for part in pair]
        elif isinstance(node, yaml.SequenceNode):
            todo += node.value
    return False


class AliasUsed(yaml.YAMLError):
    def __init__(self, mark: yaml.Mark) -> None:
        super().__init__("alias")
        self.mark = mark


Loader.yaml_implicit_resolvers = FastLoader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
T = TypeVar("T")


# The same words in every kind of file: an alias is never what the writer meant.
ALIAS = "不支持 YAML 引用（& 和 *），请直接写出每个值"


@dataclass(frozen=True)
class Words:
    """How one kind of file words each YAML error (front matter or a catalogue file)."""

    control: str  # {char}: an invisible control character
    deep: str
    syntax: str  # {problem}: what PyYAML says
    other: str  # {error}
    alias: str = ALIAS


def load(text: str, words: Words, first: int, fallback: int, read: Callable[[Any], T]) -> T:
    """``read(loader)`` over ``text``; any YAML error becomes a SourceError in ``words``.

    ``read`` gets a loader with ``single_node()`` and PyYAML's ``construct_object``;
    it runs once with libyaml and, should that fail, once more with the pure
    loader. ``first`` is the file's line number of the text's first line;
    ``fallback`` the line reported when PyYAML says none.
    """
    fast = None
    try:
        fast = FastLoader(text)
        return read(fast)
    except (yaml.YAMLError, _Retry, RecursionError):
        pass  # read again below, for the exact message
    finally:
        if fast is not None:
            fast.dispose()
    return read_slowly(text, words, first, fallback, read)


def read_slowly(text: str, words: Words, first: int, fallback: int, read: Callable[[Any], T]) -> T:
    try:
        found = Loader(text)
    except yaml.reader.ReaderError as exc:
        char = repr(exc.character)
        line = line_at(text, exc.position, first)
        raise SourceError(line, words.control.format(char=char)) from None
    try:
        return read(found)
    except RecursionError:
        raise SourceError(fallback, words.deep) from None
    except AliasUsed as exc:
        raise SourceError(exc.mark.line + first, words.alias) from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + first if mark is not None else fallback
        raise SourceError(line, words.syntax.format(problem=exc.problem or "格式错误")) from None
    except yaml.YAMLError as exc:
        raise SourceError(fallback, words.other.format(error=exc)) from None
    finally:
        found.dispose()
