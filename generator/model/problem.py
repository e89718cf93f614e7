"""A problem with the input, addressed to the clerk who must fix it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from .catalogue import FieldSpec

Severity = Literal["error", "warning"]


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the input: where, which field, what to do."""

    path: str  # relative to the portal root, with forward slashes
    line: int  # 1-based; 0 when the problem is about the whole file
    message: str
    field: str = ""  # the field key, when the problem is about one field
    label: str = ""  # the field's Chinese label
    severity: Severity = "error"

    @classmethod
    def of(
        cls,
        path: str,
        line: int,
        message: str,
        spec: FieldSpec | None = None,
        severity: Severity = "error",
    ) -> Problem:
        """A problem about ``spec``'s field (or the whole file, without one)."""
        return cls(
            path, line, message, spec.key if spec else "", spec.label if spec else "", severity
        )

    def format(self) -> str:
        """``path:line: field (标签): message``, as editors and CI logs expect."""
        where = f"{self.path}:{self.line}" if self.line else self.path
        what = f" {self.field} ({self.label}):" if self.field else ""
        mark = "警告 warning: " if self.severity == "warning" else ""
        return f"{where}:{what} {mark}{self.message}"


def errors(problems: list[Problem]) -> list[Problem]:
    return [p for p in problems if p.severity == "error"]
