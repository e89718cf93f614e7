"""A site built in parts on several machines, and the parts joined into one site.

``gongkai build --part K/N`` writes every N-th page and search shard into a
folder of its own, with a manifest saying which part it is and what the whole
site is made of (every page's cache key, as a digest). ``gongkai assemble``
checks that the parts are all there, once each, from the same catalogue and
code, and joins them: a file that several parts write (the theme's assets, the
search manifest) must be the same in each. The result is the site one machine
builds, file for file; it replaces the published site in one step.
"""

from __future__ import annotations

import filecmp
import hashlib
import json
import os
from dataclasses import dataclass
from pathlib import Path

from ..model.part import Part
from ..source.files import link_or_copy
from .site import BuildError, build_site

MANIFEST = ".gongkai-part.json"


@dataclass(frozen=True)
class BuiltPart:
    folder: Path
    part: Part
    build: str  # the digest of the whole site's page keys: equal for parts of one build


def write_manifest(folder: Path, part: Part, keys: list[tuple[str, str]]) -> None:
    """Say, in the part's folder, which part it is and which whole site it belongs to."""
    digest = hashlib.sha256("\n".join(f"{src} {key}" for src, key in keys).encode()).hexdigest()
    folder.mkdir(parents=True, exist_ok=True)
    data = {"part": part.number, "of": part.count, "build": digest}
    (folder / MANIFEST).write_text(json.dumps(data), encoding="utf-8")


def read_part(folder: Path) -> BuiltPart:
    try:
        data = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
        return BuiltPart(folder, Part(int(data["part"]), int(data["of"])), str(data["build"]))
    except FileNotFoundError:
        raise BuildError(
            f"{folder} 不是 `gongkai build --part` 生成的部分（缺少 {MANIFEST}）"
        ) from None
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise BuildError(f"{folder / MANIFEST} 无法读取：{exc}") from None


def check_parts(parts: list[BuiltPart]) -> None:
    """Every part of one build, each once; otherwise say what is missing or mixed."""
    if not parts:
        raise BuildError("没有可合并的部分；先运行 `gongkai build --part K/N`")
    count = parts[0].part.count
    if any(p.part.count != count for p in parts):
        raise BuildError(
            "各部分的总数 N 不一致："
            + "，".join(f"{p.folder.name} 为 {p.part.count}" for p in parts)
        )
    numbers = sorted(p.part.number for p in parts)
    missing = sorted(set(range(1, count + 1)) - set(numbers))
    if missing:
        raise BuildError(f"缺少第 {'、'.join(map(str, missing))} 部分（共 {count} 部分）")
    if len(numbers) != len(set(numbers)):
        raise BuildError("同一部分出现了多次：" + "，".join(str(p.folder) for p in parts))
    if len({p.build for p in parts}) > 1:
        raise BuildError("各部分不是由同一版本的目录和程序生成的，请全部重新生成")


def assemble(folders: list[Path], site_dir: Path) -> int:
    """Join the parts in ``folders`` into ``site_dir`` (swapped in whole); returns files placed."""
    parts = [read_part(folder) for folder in folders]
    check_parts(parts)
    placed: dict[str, Path] = {}

    def render(tmp: Path) -> None:
        for built in sorted(parts, key=lambda p: p.part.number):
            for dirpath, _, names in os.walk(built.folder):
                for name in names:
                    src = Path(dirpath, name)
                    rel = src.relative_to(built.folder).as_posix()
                    if rel == MANIFEST:
                        continue
                    if rel in placed:
                        if not filecmp.cmp(placed[rel], src, shallow=False):
                            raise BuildError(
                                f"{rel} 在 {placed[rel].parent} 与 {built.folder} 中不同；"
                                "各部分不是由同一版本生成的"
                            )
                        continue
                    dest = tmp / rel
                    dest.parent.mkdir(parents=True, exist_ok=True)
                    link_or_copy(src, dest)
                    placed[rel] = src

    build_site(site_dir, render)
    return len(placed)
