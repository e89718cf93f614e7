"""How problems are printed: for clerks (text), for pull requests (github), for tools (json)."""

from __future__ import annotations

import json

from ..model.problem import Problem

FORMATS = ("text", "github", "json")


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def github(problem: Problem) -> str:
    """A workflow command, so the problem shows on the pull request's diff at its line."""
    props = [f"file={_escape_property(problem.path)}"]
    if problem.line:
        props.append(f"line={problem.line}")
    if problem.field:
        props.append(f"title={_escape_property(f'{problem.field} ({problem.label})')}")
    return f"::{problem.severity} {','.join(props)}::{_escape_data(problem.message)}"


def render(problems: list[Problem], fmt: str, items: int = 0) -> str:
    """All problems in one of FORMATS; json also says how many items were checked."""
    if fmt == "json":
        rows = [
            {"path": p.path, "line": p.line, "field": p.field, "label": p.label,
             "severity": p.severity, "message": p.message}
            for p in problems
        ]  # fmt: skip
        ok = not any(p.severity == "error" for p in problems)
        return json.dumps(
            {"ok": ok, "items": items, "problems": rows}, ensure_ascii=False, indent=2
        )
    line = github if fmt == "github" else Problem.format
    return "\n".join(line(p) for p in problems)
