"""``python -m lawgov``: the same command line as ``lawgov``."""

import sys

from lawgov.cli import main

sys.exit(main())
