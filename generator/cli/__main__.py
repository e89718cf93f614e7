"""``python -m generator.cli``: the same as the ``gongkai`` command."""

from .main import command

if __name__ == "__main__":  # not when a process of the build's imports it again (spawn)
    command()
