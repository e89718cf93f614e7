# gongkai — the two set-up commands work on a fresh machine:
#   make site   creates .venv, installs gongkai, builds the demo portal into site/
#   make test   installs what the tests need (Chromium included) and runs them all

PYTHON ?= python3
VENV   ?= .venv
PY     := $(VENV)/bin/python
GONGKAI := $(VENV)/bin/gongkai

.PHONY: site test lint check serve golden readme bench bench-build bench-markdown bench-exports bench-weight screenshots lighthouse clean demo-attachments

$(VENV)/.site: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e .
	touch $@

$(VENV)/.test: $(VENV)/.site
	$(PY) -m pip install --quiet -e '.[test]'
	touch $@

site: $(VENV)/.site
	$(GONGKAI) build

check: $(VENV)/.site
	$(GONGKAI) check

serve: $(VENV)/.site
	$(GONGKAI) serve

# Debian's Chromium: Playwright drives it (its own browser download is not used).
/usr/bin/chromium:
	@if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
	$$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium

lint: $(VENV)/.test
	$(PY) -m ruff check generator tests benchmarks
	$(PY) -m ruff format --check generator tests benchmarks
	$(PY) -m mypy
	$(VENV)/bin/lint-imports

# A Chinese font, so that screenshots of the portal show its text (Debian's WenQuanYi).
CJK_FONT := /usr/share/fonts/truetype/wqy/wqy-microhei.ttc
$(CJK_FONT):
	@if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
	$$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq fonts-wqy-microhei

test: $(VENV)/.test /usr/bin/chromium $(CJK_FONT) lint
	$(PY) -m pytest

# Refresh the golden copies after an intended change: the small portal's compiled Markdown
# and the demo portal's HTML, page by page; review the diff.
golden: $(VENV)/.test
	GONGKAI_UPDATE_GOLDEN=1 $(PY) -m pytest -q tests/pages/test_golden.py tests/build/test_site_golden.py

clean:
	rm -rf site .site.* site.part-* .gongkai-cache $(VENV) *.egg-info

# Regenerate the demo's attachments (PDF, DOCX, XLSX, OFD) from their text in
# tests/fixtures/attachments.py: the same bytes every time (a test checks them).
demo-attachments: $(VENV)/.test $(CJK_FONT)
	$(PY) -m tests.fixtures.attachments content/czj/2024-0003

# Refresh the README's field table and catalogue/item-template.md from catalogue/fields.yml.
readme: $(VENV)/.site
	$(GONGKAI) fields --update-docs

# Benchmarks (numbers, not pass/fail tests): a one-item change in a 100,000-item catalogue;
# every item's history from git at 100,000 items in 20,000 commits;
# the search index and a query in Chromium at 1,000, 10,000 and 100,000 items.
bench: $(VENV)/.test /usr/bin/chromium
	$(PY) benchmarks/check_changed.py --items 100000
	$(PY) benchmarks/history.py --items 100000 --commits 20000
	$(PY) benchmarks/search_index.py --items 1000 10000 100000

# The whole build at 1,000, 10,000 and 100,000 items, phase by phase, against Hugo + Pagefind
# (Debian's hugo, installed here when missing). ITEMS="1000 10000" for a quick run.
ITEMS ?= 1000 10000 100000
/usr/bin/hugo:
	@if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
	$$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq hugo

bench-build: $(VENV)/.test /usr/bin/hugo
	$(PY) benchmarks/build.py --items $(ITEMS)

# The open-data outputs (feeds, sitemap, catalogue.json/.csv) for 1,000, 10,000 and 100,000
# synthetic items built in memory: time and size of each (numbers, not pass/fail).
# EXPORT_ITEMS="1000 10000" for a quick run.
EXPORT_ITEMS ?= 1000 10000 100000
bench-exports: $(VENV)/.test
	$(PY) benchmarks/exports.py --items $(EXPORT_ITEMS)

# What a reader's browser downloads to open an item page: requests and gzipped bytes by
# kind (HTML, CSS, JS), and what blocks the first render.
bench-weight: $(VENV)/.test /usr/bin/chromium
	$(PY) benchmarks/page_weight.py

# The README's screenshots (docs/screenshots/): home, an item and a search at 360 and 1280 px.
screenshots: $(VENV)/.test /usr/bin/chromium $(CJK_FONT)
	$(PY) benchmarks/screenshots.py

# Lighthouse's accessibility score (home, an item, a search; phone and desktop) against the
# built demo served on loopback, with Debian's Chromium. Not part of `make test`: it needs
# Node (20 will do: Lighthouse 12.2.3; 13.x needs Node 22) and installs Lighthouse here.
LIGHTHOUSE := .lighthouse/node_modules/.bin/lighthouse
$(LIGHTHOUSE):
	npm install --silent --prefix .lighthouse -E lighthouse@12.2.3

lighthouse: $(VENV)/.test /usr/bin/chromium $(LIGHTHOUSE)
	$(PY) benchmarks/lighthouse.py --lighthouse $(LIGHTHOUSE)

# Markdown renderers for bodies against Python-Markdown as configured: ms a body and
# fidelity after clean() (numbers, not pass/fail; a few seconds).
bench-markdown: $(VENV)/.test
	$(PY) -m pip install --quiet -e '.[bench]'
	$(PY) benchmarks/markdown_renderers.py
