"""Lighthouse's accessibility score for the demo portal's home, an item and a search.

Builds the demo, serves it on loopback and runs Lighthouse (``LIGHTHOUSE``, by
default the copy ``make lighthouse`` installs in .lighthouse/) with Debian's
Chromium, headless; prints each page's score and every audit that failed.
Lighthouse 12.2.3: 13.x needs Node 22.

    python benchmarks/lighthouse.py [--lighthouse .lighthouse/node_modules/.bin/lighthouse]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "tests"))
from loopback import serving  # noqa: E402  (the tests' loopback server, shared)

sys.path.insert(0, str(REPO / "benchmarks"))
from demo_build import build  # noqa: E402

PAGES = {"home": "", "item": "items/330103--2017--0510/", "search": "search/?q=三公经费"}
LIGHTHOUSE = REPO / ".lighthouse/node_modules/.bin/lighthouse"


def audit(lighthouse: Path, url: str, form_factor: str) -> dict[str, object]:
    flags = ["--headless=new", "--no-sandbox", "--disable-gpu"]
    proc = subprocess.run(
        [str(lighthouse), url, "--only-categories=accessibility", "--output=json", "--quiet",
         f"--chrome-flags={' '.join(flags)}", f"--form-factor={form_factor}",
         *(["--screenEmulation.disabled"] if form_factor == "desktop" else [])],
        capture_output=True, text=True, env=os.environ | {"CHROME_PATH": "/usr/bin/chromium"},
    )  # fmt: skip
    if proc.returncode:
        sys.exit(proc.stderr[-2000:])
    report: dict[str, object] = json.loads(proc.stdout)
    return report


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--lighthouse", type=Path, default=LIGHTHOUSE)
    args = parser.parse_args()
    worst = 100
    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp) / "site"
        build(site)
        with serving(site, compress=True) as url:
            for form_factor in ("mobile", "desktop"):
                for name, path in PAGES.items():
                    report = audit(args.lighthouse, url + path, form_factor)
                    category = report["categories"]["accessibility"]  # type: ignore[index]
                    score = round(category["score"] * 100)
                    worst = min(worst, score)
                    print(f"{name:<7} {form_factor:<8} accessibility {score}")
                    for ref in category["auditRefs"]:
                        result = report["audits"][ref["id"]]  # type: ignore[index]
                        if result["score"] is not None and result["score"] < 1 and ref["weight"]:
                            print(f"    failed: {ref['id']}: {result['title']}")
    sys.exit(0 if worst == 100 else 1)


if __name__ == "__main__":
    main()
