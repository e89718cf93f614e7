"""CODEOWNERS from the catalogue: departments review their folders, the office the rest.

GitHub and Gitea/Forgejo both read a CODEOWNERS file at the repository root;
the last matching pattern wins, so the office's catch-all comes first.
"""

from __future__ import annotations

from ..model.catalogue import Catalogue

HEADER = "# 由 gongkai codeowners 根据 catalogue/ 生成，请勿手工修改。\n# Generated from catalogue/ by `gongkai codeowners`; do not edit.\n"


def codeowners(catalogue: Catalogue) -> str:
    office = " ".join(catalogue.settings.office)
    lines = [HEADER]
    if office:
        lines += [
            "# 公开办：目录定义、网站样式和其他一切",
            f"* {office}",
            f"/catalogue/ {office}",
            f"/site_config/ {office}",
            "",
        ]
    lines.append("# 各部门的文件夹：部门审核人（公开办合并）")
    for dep in catalogue.departments:
        owners = " ".join(dict.fromkeys([*dep.reviewers, *catalogue.settings.office]))
        if owners:
            lines.append(f"/content/{dep.folder}/ {owners}")
    return "\n".join(lines) + "\n"
