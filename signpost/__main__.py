"""``python -m signpost``: the same command as ``signpost``."""

import sys

from signpost.cli import main

sys.exit(main())
