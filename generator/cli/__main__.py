"""``python -m generator.cli``: the same as the ``gongkai`` command."""

import sys

from .main import main

sys.exit(main())
