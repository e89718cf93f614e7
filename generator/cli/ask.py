"""Interactive questions for `gongkai new`: numbered choices, by number or by name.

Prompts go to stderr, so stdout carries only the new file's path, as without
questions. End of input (Ctrl-D) cancels.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")


class Cancelled(Exception):
    """The clerk ended the input before answering."""


def _say(text: str = "") -> None:
    print(text, file=sys.stderr, flush=True)


def _answer(prompt: str) -> str:
    print(prompt, end="", file=sys.stderr, flush=True)
    line = sys.stdin.readline()
    if not line:
        raise Cancelled
    return line.strip()


def choose(
    title: str,
    options: list[T],
    label: Callable[[T], str],
    lookup: Callable[[str], T | None],
    many: bool = False,
    default: T | None = None,
) -> list[T]:
    """Ask until the answer names one option (or several, with ``many``); numbers or names."""
    _say(title)
    for n, option in enumerate(options, start=1):
        _say(f"  {n:>3}. {label(option)}")
    while True:
        text = _answer("> ")
        if not text:
            if default is not None:
                return [default]
            _say("请输入序号或名称。")
            continue
        words = [w for w in re.split(r"[\s,，、]+", text) if w] if many else [text]
        chosen: list[T] = []
        for word in words:
            found = (
                options[int(word) - 1]
                if word.isdigit() and 0 < int(word) <= len(options)
                else lookup(word)
            )
            if found is None:
                _say(f"「{word}」不在可选范围内，请输入序号或名称。")
                break
            if found not in chosen:
                chosen.append(found)
        else:
            if chosen:
                return chosen
            _say("请至少选择一项。")


def text(prompt: str, required: bool = True) -> str:
    while True:
        value = _answer(prompt)
        if value or not required:
            return value
        _say("不能为空，请输入。")
