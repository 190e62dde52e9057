"""The settings a team chooses for its site, kept in content/site.yml.

This is the one typed configuration of a Signpost site. ``mkdocs.yml`` holds
only the engine's theme settings; everything a team sets lives here.
"""

from __future__ import annotations

import re
import zoneinfo
from typing import Annotated

from pydantic import AfterValidator, Field, field_validator, model_validator

from signpost.models.colours import Colours
from signpost.models.common import EMAIL_PATTERN, Email, Line, Strict, Text, Url, field_error


def _folder_url(value: str) -> str:
    # Every absolute address is the site address joined to a relative one,
    # so it must end with a slash ("https://x.org/directory" would lose a part).
    return value if value.endswith("/") else value + "/"


def _web_or_email(value: str) -> str:
    # Where people sign up: a web page, or an email address (with or without mailto:).
    address = value.removeprefix("mailto:")
    if re.match(r"^https?://[^\s<>\"']+$", value, re.IGNORECASE) or re.match(EMAIL_PATTERN, address):
        return value
    raise ValueError("must be a web address starting with https://, or an email address such as news@example.org")


def _tile_address(value: str) -> str:
    # The one third-party address a page may use: one fixed https host (no
    # {s} subdomains, so exactly one origin to allow), and the tile's place.
    if not re.match(r"^https://[A-Za-z0-9.-]+(:[0-9]+)?/[^\s<>\"'`]*$", value):
        raise ValueError("must be a web address starting with https:// and a fixed host name, with no spaces or {s}")
    missing = [part for part in ("{z}", "{x}", "{y}") if part not in value]
    if missing:
        raise ValueError(f"must contain {', '.join(missing)}; for example https://tile.openstreetmap.org/{{z}}/{{x}}/{{y}}.png")
    return value


def _media_picture(value: str) -> str:
    # A picture the site publishes itself (content/media/ is published as it is):
    # nothing is fetched from elsewhere, and no path leads out of the folder.
    if ".." in value or not re.fullmatch(r"media/[A-Za-z0-9][A-Za-z0-9._/-]*\.(png|jpe?g|gif|webp|avif)", value, re.IGNORECASE):
        raise ValueError(
            f"'{value}' is not a picture in the media folder; put a .png, .jpg, .gif, .webp or .avif picture in "
            "content/media/ and write its name after media/, such as media/logo.png"
        )
    return value


SiteUrl = Annotated[Url, AfterValidator(_folder_url)]
MediaPicture = Annotated[str, Field(max_length=200), AfterValidator(_media_picture)]
TileAddress = Annotated[str, Field(max_length=500), AfterValidator(_tile_address)]
WebOrEmail = Annotated[str, Field(max_length=2000), AfterValidator(_web_or_email)]
Branch = Annotated[str, Field(pattern=r"^[A-Za-z0-9][A-Za-z0-9._/-]{0,99}$")]


class Licence(Strict):
    """The licence the open data is published under."""

    name: Line = Field(description="The licence's name, for example 'Open Government Licence v3.0'.")
    url: Url = Field(description="The web address of the licence's text.")


class SiteSettings(Strict):
    """What the site is, who runs it and where it lives (content/site.yml)."""

    name: Line = Field(description="The site's name, shown in every page header.")
    place: Line = Field(description="The place the directory covers.")
    tagline: Line = Field(description="One plain sentence that says what the site is for.")
    introduction: Text = Field(description="The welcome on the home page, in Markdown.")
    organisation: Line = Field(description="Who runs the site.")
    contact_email: Email = Field(description="Where people can send corrections.")
    site_url: SiteUrl = Field(
        description="The site's own web address, for example 'https://connects.example.org/'. "
        "Used for the sitemap, links in calendars and emails, and sharing."
    )
    repo_url: Url | None = Field(
        None, description="The GitHub repository the content is kept in, for example 'https://github.com/team/directory'."
    )
    edit_branch: Branch = Field("main", description="The branch that staff edit, usually 'main'.")
    content_folder: Line = Field("content", description="Where the content folder sits in the repository, usually 'content'.")
    licence: Licence | None = Field(None, description="The licence for the open data the site publishes.")
    timezone: Line = Field("Europe/London", description="The time zone of every time on the site, for example 'Europe/London'.")
    review_after_days: int = Field(
        365, ge=30, le=1000, description="Assets not checked for this many days are marked as due a check."
    )
    newsletter_subscribe: WebOrEmail | None = Field(
        None,
        description="Where people sign up for the newsletter: a web page (https://...) or an email address. "
        "Leave it out and the newsletter pages ask people to write to contact_email.",
    )
    map_tiles: TileAddress | None = Field(
        None,
        description="Where the map pictures come from, for example 'https://tile.openstreetmap.org/{z}/{x}/{y}.png'. "
        "The only address outside the site that pages use, and only when someone presses 'Show on a map'. "
        "Leave it out and there is no map.",
    )
    map_attribution: Line | None = Field(
        None,
        description="Who made the map, as plain text shown on it, for example '© OpenStreetMap contributors'. "
        "Needed when map_tiles is set.",
    )

    logo: MediaPicture | None = Field(
        None,
        description="A picture shown beside the site's name in every page header, as a path in the content folder, "
        "for example 'media/logo.png' (put the picture in content/media/). Leave it out for the default icon.",
    )
    colours: Colours | None = Field(
        None, description="The site's own colours (main, accent, links). Leave them out for the default blue and brown."
    )
    footer_text: Line | None = Field(
        None,
        description="One line of plain text at the foot of every page, above the contact line, "
        "for example 'Run by Moorside Community Trust, registered charity 1234567.'",
    )

    cms_auth_url: Url | None = Field(
        None,
        description="The sign-in service that lets staff log in to the web form at /admin/ with their GitHub account, "
        "for example 'https://auth.example.org/auth'. GitHub needs one for sites not hosted on Netlify: "
        "a small OAuth service for Decap CMS that your team runs or hosts.",
    )

    @model_validator(mode="after")
    def _map_credit(self) -> SiteSettings:
        if self.map_tiles and not self.map_attribution:
            raise field_error(
                "map_attribution", "is needed with map_tiles; add who made the map, such as '© OpenStreetMap contributors'"
            )
        return self

    @field_validator("timezone")
    @classmethod
    def _known_zone(cls, value: str) -> str:
        try:
            zoneinfo.ZoneInfo(value)
        except Exception:  # zoneinfo raises several kinds for odd names
            raise ValueError("is not a time zone name; use a name such as Europe/London") from None
        return value

    def absolute(self, url: str) -> str:
        """The full web address of a site-relative ``url`` such as ``directory/x/``."""
        return self.site_url + url.lstrip("/")

    def map_tiles_origin(self) -> str | None:
        """The origin (``https://host``) map tiles come from, if there is a map: the one allowed third party."""
        if not self.map_tiles:
            return None
        origin = re.match(r"^https://[^/]+", self.map_tiles)
        assert origin is not None  # the field's validator only accepts https:// addresses
        return origin.group(0)

    def newsletter_subscribe_link(self) -> str | None:
        """The link that signs someone up for the newsletter: a web page, or a mailto: link."""
        value = self.newsletter_subscribe
        if value is None or re.match(r"^(https?://|mailto:)", value, re.IGNORECASE):
            return value
        return f"mailto:{value}?subject=Newsletter"

    def edit_url(self, relative_source: str) -> str | None:
        """Where staff edit a content file (``assets/x.yml``) on GitHub, if a repository is set."""
        if not self.repo_url:
            return None
        folder = self.content_folder.strip("/")
        return f"{self.repo_url.rstrip('/')}/edit/{self.edit_branch}/{folder}/{relative_source}"
