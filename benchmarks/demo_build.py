"""The demo portal built into a folder, as `gongkai build` does it: what the page-weight,
screenshot and Lighthouse scripts measure."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def build(site: Path) -> None:
    """Build the demo into ``site``; exit with gongkai's own message if it fails."""
    proc = subprocess.run(
        [sys.executable, "-m", "generator.cli", "build", "--root", str(REPO), "--site-dir", str(site)],
        cwd=REPO, capture_output=True, text=True,
    )  # fmt: skip
    if proc.returncode:
        sys.exit(proc.stdout + proc.stderr)
