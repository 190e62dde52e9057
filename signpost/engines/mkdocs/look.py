"""The site's look in MkDocs: the package's default theme under the site's own files.

Material looks for every template, stylesheet, script and icon in its
theme's folders, first match wins. The site's ``templates/`` folder (its
``custom_dir``) comes first, then the default look that ships in the
package, then Material's own files: a site replaces any file of the default
look by keeping one of the same path, and deleting it brings the default back.
"""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig

from signpost.core.theme import THEME


def use_default_look(config: MkDocsConfig) -> None:
    """Put the package's theme folder just after the site's ``templates/`` (or first, when the site has none)."""
    folders = config.theme.dirs
    if str(THEME) in folders:
        return
    folders.insert(1 if config.theme.custom_dir else 0, str(THEME))


def own_folders(config: MkDocsConfig) -> set[str]:
    """The theme folders that hold our own templates (the site's and the package's), not Material's."""
    return {folder for folder in (config.theme.custom_dir, str(THEME)) if folder}
