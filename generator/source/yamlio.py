"""YAML as gongkai reads it: no implicit dates, no aliases, and one ladder of errors.

Dates stay text so every date reaches our own parser (PyYAML would turn
``2017-13-01`` into an exception instead of a message). Aliases (``*a``) are
refused: no item needs them, and nested ones can blow up memory ("billion
laughs") in anything that walks the value.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

import yaml

from ..model.text import line_at
from .text import SourceError


class Loader(yaml.SafeLoader):
    """SafeLoader without implicit timestamps or aliases."""

    def compose_node(self, parent: yaml.Node | None, index: int) -> yaml.Node | None:
        if self.check_event(yaml.AliasEvent):
            raise AliasUsed(self.peek_event().start_mark)  # type: ignore[no-untyped-call]
        return super().compose_node(parent, index)


class AliasUsed(yaml.YAMLError):
    def __init__(self, mark: yaml.Mark) -> None:
        super().__init__("alias")
        self.mark = mark


Loader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


@dataclass(frozen=True)
class Words:
    """How one kind of file words each YAML error (front matter or a catalogue file)."""

    control: str  # {char}: an invisible control character
    deep: str
    alias: str
    syntax: str  # {problem}: what PyYAML says
    other: str  # {error}


@contextmanager
def loader(text: str, words: Words, first: int, fallback: int) -> Iterator[Loader]:
    """A Loader over ``text``; any YAML error inside becomes a SourceError in ``words``.

    ``first`` is the file's line number of the text's first line; ``fallback`` the
    line reported when PyYAML says none.
    """
    try:
        found = Loader(text)
    except yaml.reader.ReaderError as exc:
        char = repr(exc.character)
        raise SourceError(
            line_at(text, exc.position, first), words.control.format(char=char)
        ) from None
    try:
        yield found
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
