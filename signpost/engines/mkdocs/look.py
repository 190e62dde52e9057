"""The site's look in MkDocs: the package's default theme under the site's own files.

Material looks for every template, stylesheet, script and icon in its
theme's folders, first match wins. The site's ``templates/`` folder (its
``custom_dir``) comes first, then the default look that ships in the
package, then Material's own files: a site replaces any file of the default
look by keeping one of the same path, and deleting it brings the default back.
"""

from __future__ import annotations

from markupsafe import Markup
from mkdocs.config.defaults import MkDocsConfig

from signpost.core.theme import THEME
from signpost.models import SiteSettings
from signpost.models.colours import Colours, darker, rgb


def use_default_look(config: MkDocsConfig) -> None:
    """Put the package's theme folder just after the site's ``templates/`` (or first, when the site has none)."""
    folders = config.theme.dirs
    if str(THEME) in folders:
        return
    folders.insert(1 if config.theme.custom_dir else 0, str(THEME))


def own_folders(config: MkDocsConfig) -> set[str]:
    """The theme folders that hold our own templates (the site's and the package's), not Material's."""
    return {folder for folder in (config.theme.custom_dir, str(THEME)) if folder}


def apply_site_look(config: MkDocsConfig, site: SiteSettings) -> None:
    """The logo, colours and footer text a site sets in site.yml, where the theme's templates read them.

    Nothing is set for a setting left out, so the pages are exactly the default look's.
    """
    if site.logo:
        config.theme["logo"] = site.logo  # Material's logo partial shows it (a picture the site publishes)
    if site.colours:
        config.extra["signpost_colours"] = Markup(colour_rules(site.colours))
    if site.footer_text:
        # MkDocs' templates do not escape what they are given.
        config.extra["footer_text"] = Markup.escape(site.footer_text)


def colour_rules(colours: Colours) -> str:
    """The stylesheet rules that put a site's colours in place of the theme's (the same selector as signpost.css)."""
    variables: dict[str, str] = {}
    if colours.main:
        # The header and buttons take the colour; the footer a darker shade of it, as the default look does.
        footer = darker(colours.main, 0.3)
        variables.update(
            {
                "--md-primary-fg-color": colours.main,
                "--md-primary-fg-color--light": colours.main,
                "--md-primary-fg-color--dark": footer,
                "--md-footer-bg-color": footer,
                "--md-footer-bg-color--dark": darker(colours.main, 0.55),
            }
        )
    if colours.accent:
        red, green, blue = rgb(colours.accent)
        variables["--md-accent-fg-color"] = colours.accent
        variables["--md-accent-fg-color--transparent"] = f"rgba({red}, {green}, {blue}, 0.1)"
    if colours.links:
        variables["--md-typeset-a-color"] = colours.links
    return ":root > * { " + " ".join(f"{name}: {value};" for name, value in variables.items()) + " }"
