"""The Markdown extensions the portal renders item bodies with, read from mkdocs.yml.

The checker's HTML warnings and the search index must see a body as the portal
renders it, so they use these extensions, not a list of their own. This reads
the YAML only (MkDocs is not imported): ``markdown_extensions`` as MkDocs reads
it, after the extensions MkDocs always adds.
"""

from __future__ import annotations

import importlib
import os
from pathlib import Path
from typing import Any

import yaml

from ..model.catalogue import MarkdownConfig

# MkDocs adds these before a portal's own (mkdocs/config/defaults.py: markdown_extensions).
BUILTINS = ("toc", "tables", "fenced_code")


class _Loader(yaml.SafeLoader):
    """mkdocs.yml's tags: ``!ENV`` and ``!!python/name:`` as MkDocs reads them, others as data."""


def _env(loader: yaml.SafeLoader, node: yaml.Node) -> Any:
    """``!ENV NAME`` or ``!ENV [NAME, OTHER, default]``: the first variable set, else the default."""
    if isinstance(node, yaml.SequenceNode):
        values = [str(v) for v in loader.construct_sequence(node)]
        names, default = (values[:-1], values[-1]) if len(values) > 1 else (values, None)
    else:
        names, default = [str(node.value)], None
    return next((os.environ[n] for n in names if n in os.environ), default)


def _python_name(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> Any:
    module, _, attr = suffix.rpartition(".")
    return getattr(importlib.import_module(module), attr)


def _other(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> Any:
    if isinstance(node, yaml.MappingNode):
        return loader.construct_mapping(node)
    if isinstance(node, yaml.SequenceNode):
        return loader.construct_sequence(node)
    return loader.construct_scalar(node)  # type: ignore[arg-type]


_Loader.add_constructor("!ENV", _env)
_Loader.add_multi_constructor("tag:yaml.org,2002:python/name:", _python_name)
_Loader.add_multi_constructor("!", _other)


class ConfigError(Exception):
    """mkdocs.yml's markdown_extensions cannot be read; the message says why."""


def markdown_config(path: Path) -> MarkdownConfig:
    """The extensions and their settings in ``path`` (MkDocs' own when there is no file)."""
    if not path.is_file():
        return MarkdownConfig(BUILTINS)
    try:
        data = yaml.load(path.read_text(encoding="utf-8-sig"), Loader=_Loader)
    except (yaml.YAMLError, OSError, UnicodeDecodeError, ImportError, AttributeError) as exc:
        raise ConfigError(f"无法读取 markdown_extensions（{exc}）") from None
    value = data.get("markdown_extensions") if isinstance(data, dict) else None
    names: list[str] = []
    configs: dict[str, dict[str, Any]] = {}
    rows = list(value.items()) if isinstance(value, dict) else list(value or [])
    for row in rows:
        if isinstance(row, tuple):
            name, cfg = row
        elif isinstance(row, dict) and len(row) == 1:
            [(name, cfg)] = row.items()
        elif isinstance(row, str):
            name, cfg = row, None
        else:
            raise ConfigError(f"markdown_extensions 中的「{row}」应为扩展名或「扩展名: 设置」")
        names.append(str(name))
        if cfg is not None:
            if not isinstance(cfg, dict):
                raise ConfigError(f"markdown_extensions 中 {name} 的设置应为映射")
            configs[str(name)] = cfg
    return MarkdownConfig(tuple(dict.fromkeys([*BUILTINS, *names])), configs)
