"""gongkai 公开目录: a static-site generator for government information-disclosure catalogues.

The pipeline is load (``load``, ``frontmatter``) → check (``check``) → model
(``model``) → compile pages (``pages``), MkDocs-free; ``plugin`` hands the pages
to MkDocs and ``cli`` is the ``gongkai`` command.
"""

__version__ = "0.1.0"
