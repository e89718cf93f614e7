"""The code keeps its promises about structure: no vocabulary value written as a literal.

Every value a choice field may take is declared in catalogue/ (fields.yml and
vocabularies.yml) and read from there by Python and, through search/shards.json,
by the browser. A value written into code drifts from the catalogue (the search
page once marked 已修改 as repealed while item pages said amended), so this test
reads the code and fails on one. The layers are checked by import-linter
(`lint-imports`, run by `make test`; contracts in pyproject.toml).
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import yaml

from conftest import REPO

HAN = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"


def vocabulary_values() -> set[str]:
    """Every value declared in the demo catalogue's vocabularies and inline choices."""
    catalogue = REPO / "catalogue"
    values: set[str] = set()
    vocabularies = yaml.safe_load((catalogue / "vocabularies.yml").read_text("utf-8"))
    for terms in vocabularies.values():
        values |= {str(t["value"] if isinstance(t, dict) else t) for t in terms}
    for spec in yaml.safe_load((catalogue / "fields.yml").read_text("utf-8")):
        values |= {str(c) for c in spec.get("choices") or []}
    return values


def found_in(text: str, values: set[str]) -> list[str]:
    """Values standing in ``text`` as words of their own, not inside a longer word
    (有效性, the field's label, holds 有效 but is not the value)."""
    return sorted(v for v in values if re.search(rf"(?<![{HAN}]){re.escape(v)}(?![{HAN}])", text))


def python_strings(path: Path) -> list[tuple[int, str]]:
    """The string literals of a module (f-string parts included), docstrings left out."""
    tree = ast.parse(path.read_text("utf-8"))
    docstrings = {
        id(node.body[0].value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef)
        and node.body
        and isinstance(node.body[0], ast.Expr)
        and isinstance(node.body[0].value, ast.Constant)
    }
    return [
        (node.lineno, node.value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant) and isinstance(node.value, str)
        and id(node) not in docstrings
    ]  # fmt: skip


def without_js_comments(text: str) -> str:
    text = re.sub(r"/\*.*?\*/", "", text, flags=re.DOTALL)
    return re.sub(r"(?m)(^|[^:\\])//.*$", r"\1", text)


def test_vocabulary_values_are_read_from_the_catalogue() -> None:
    values = vocabulary_values()
    assert {"有效", "已修改", "政策解读", "主动公开"} <= values  # the reader reads them
    found = []
    for path in sorted((REPO / "generator").rglob("*.py")):
        for line, text in python_strings(path):
            found += [f"{path.relative_to(REPO)}:{line}: {v}" for v in found_in(text, values)]
    for path in sorted((REPO / "site_config").rglob("*")):
        if path.suffix in (".js", ".html", ".css"):
            text = path.read_text("utf-8")
            code = without_js_comments(text) if path.suffix == ".js" else text
            found += [f"{path.relative_to(REPO)}: {v}" for v in found_in(code, values)]
    assert found == [], "vocabulary values written as literals (read them from catalogue/)"


def test_the_literal_check_finds_a_literal(tmp_path: Path) -> None:
    module = tmp_path / "bad.py"
    module.write_text('"""已废止 in a docstring is prose."""\nkind = "已废止"\nlabel = "有效性"\n')
    hits = [(line, found_in(text, {"已废止", "有效"})) for line, text in python_strings(module)]
    assert [h for h in hits if h[1]] == [(2, ["已废止"])]
    js = 'const x = "ok"; // 有效 in a comment\nif (s !== "有效") {}\n'
    assert found_in(without_js_comments(js), {"有效"}) == ["有效"]
    assert found_in(without_js_comments(js.splitlines()[0]), {"有效"}) == []
