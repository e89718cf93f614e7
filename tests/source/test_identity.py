"""The body's identity (header and footer) is read from catalogue/catalogue.yml."""

from __future__ import annotations

from pathlib import Path

from generator.model.problem import Problem
from generator.source.catalogue import load_settings

SMALL = Path(__file__).parent.parent / "fixtures" / "small"


def test_identity_is_read_from_the_catalogue() -> None:
    problems: list[Problem] = []
    identity = load_settings(SMALL, problems).identity
    assert problems == []
    assert identity.host == "示例县人民政府办公室"
    assert identity.site_code == "0000000001"
    assert identity.icp.startswith("示ICP备")


def test_an_unknown_identity_key_is_a_problem(tmp_path: Path) -> None:
    (tmp_path / "catalogue").mkdir()
    (tmp_path / "catalogue" / "catalogue.yml").write_text(
        "name: 测试\nidentity:\n  hots: 拼错了\n", encoding="utf-8"
    )
    problems: list[Problem] = []
    load_settings(tmp_path, problems)
    assert any("identity" in p.message for p in problems)
