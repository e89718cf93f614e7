"""The extensions the checker and the search index render with are the ones MkDocs uses."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from conftest import FIXTURES, REPO
from generator.source.mkdocs_yml import ConfigError, markdown_config


@pytest.mark.parametrize("root", [REPO, FIXTURES / "small"], ids=["demo", "small"])
def test_extensions_are_what_mkdocs_loads(root: Path) -> None:
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    from mkdocs.config import load_config

    config = load_config(str(root / "mkdocs.yml"))
    ours = markdown_config(root / "mkdocs.yml")
    assert list(ours.extensions) == config.markdown_extensions
    assert ours.configs == config.mdx_configs


def test_settings_and_env_tags_are_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GK_TEST_PERMALINK", "¶")
    (tmp_path / "mkdocs.yml").write_text(
        "site_name: !ENV [GK_UNSET, x]\nmarkdown_extensions:\n"
        "  - toc:\n      permalink: !ENV GK_TEST_PERMALINK\n  - admonition\n",
        encoding="utf-8",
    )
    config = markdown_config(tmp_path / "mkdocs.yml")
    assert config.extensions == ("toc", "tables", "fenced_code", "admonition")
    assert config.configs == {"toc": {"permalink": "¶"}}


def test_a_broken_list_is_a_message(tmp_path: Path) -> None:
    (tmp_path / "mkdocs.yml").write_text("markdown_extensions:\n  - [a, b]\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="应为扩展名"):
        markdown_config(tmp_path / "mkdocs.yml")
