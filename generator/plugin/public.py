"""The public build drops the affordances meant for the people who write the portal.

A citizen does not edit pages or read git: the edit pencil, the header's link to the
repository (发布登记（git 历史）) and the theme's credit stay in ``--preview`` builds only.
"""

from __future__ import annotations

from typing import Any

# Theme features that only make sense to the portal's writers.
WRITERS_FEATURES = ("content.action.edit", "content.action.view")


def public_build(config: Any) -> None:
    """Strip the writers' affordances from a MkDocs config, before any page is built."""
    config["repo_url"] = None
    config["repo_name"] = None
    config["edit_uri"] = None
    config["edit_uri_template"] = None
    features = config.theme.get("features") or []
    config.theme["features"] = [f for f in features if f not in WRITERS_FEATURES]
    config.extra["generator"] = False  # the theme's "Made with Material for MkDocs"
