"""gongkai 公开目录: a static-site generator for government information-disclosure catalogues.

One package per stage, each importing only from those below it (README:
Architecture): ``model`` → ``schema`` → ``source`` and ``body`` → ``check`` →
``pages``, ``outputs`` and ``search`` → ``build`` → ``plugin`` (the only code
importing MkDocs) → ``cli``, the ``gongkai`` command.
"""

__version__ = "0.1.0"
