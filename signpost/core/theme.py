"""Where the default look lives, and how a site's own files take its place.

The default look (page templates, the theme's overrides of Material,
stylesheets, scripts, icons and the vendored libraries) ships inside the
package, in ``signpost/theme/``. A site keeps only what it changes, in its
own ``templates/`` folder, at the same relative path: a file there wins over
the package's file of that name, as Material's ``custom_dir`` does.
"""

from __future__ import annotations

from pathlib import Path

# The package's own copy of the look: package data, found beside the code.
THEME = Path(__file__).resolve().parent.parent / "theme"

# Signpost's own page templates (not Material's) live in this subfolder of
# the theme, and of a site's templates/ folder when it overrides one.
PAGES = "signpost"

PAGE_TEMPLATES = THEME / PAGES


def page_template_folders(site_pages: Path | None) -> list[Path]:
    """Where page templates are looked up, first match wins: the site's own folder, then the package's."""
    folders = [site_pages] if site_pages is not None else []
    return [*folders, PAGE_TEMPLATES]
