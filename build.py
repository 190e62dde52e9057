#!/usr/bin/env python3
"""Build, check or preview the site: a thin entry point over ``signpost.cli``.

python build.py                 # same as: python build.py build
python build.py check           # report every problem in content/
python build.py serve           # live preview at http://127.0.0.1:8000/
"""

import sys

from signpost.cli import main

if __name__ == "__main__":
    sys.exit(main())
