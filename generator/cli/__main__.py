"""``python -m generator.cli``: the same as the ``gongkai`` command."""

from .main import command

command()
