"""The plain model of a catalogue: dataclasses with no I/O, read by every stage above.

Nothing here knows about files, YAML or MkDocs, so the same model serves the
checker, the pages, the search index, the CLI and whatever renderer comes after
mkdocs-material.
"""
