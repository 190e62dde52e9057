"""Build the site-wide search index with Pagefind.

Pagefind reads the finished HTML and writes a split index into
``pagefind/``, so a search downloads only the fragments it needs: it stays
light at 10,000 assets, unlike an index that loads whole before the first
result. Only regions marked ``data-pagefind-body`` are indexed.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from signpost.problems import ContentError, Problem


def index_site(site_dir: Path) -> None:
    """Write the Pagefind index for the HTML in ``site_dir``."""
    command = [sys.executable, "-m", "pagefind", "--site", str(site_dir), "--silent"]
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        detail = (result.stderr or result.stdout).strip().splitlines()[-1:] or ["no output"]
        raise ContentError([Problem(str(site_dir), 1, "", f"the search index could not be built ({detail[0]})",
                                    "check that 'pagefind[bin]' is installed: run make site again")])
