"""``python -m lawgov``: the same command line as ``lawgov``."""
import sys

from .cli import main

sys.exit(main())
