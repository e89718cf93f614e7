"""The public build drops the writers' affordances; a preview build keeps them."""

from __future__ import annotations

from pathlib import Path

from mkdocs.config import load_config

from generator.plugin.public import public_build

REPO = Path(__file__).parent.parent.parent


def test_public_build_strips_edit_and_git_links() -> None:
    config = load_config(str(REPO / "mkdocs.yml"))
    assert config.repo_url and "content.action.edit" in config.theme["features"]
    public_build(config)
    assert config.repo_url is None and config.edit_uri is None
    assert "content.action.edit" not in config.theme["features"]
    assert config.extra["generator"] is False  # no theme credit
