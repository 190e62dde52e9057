"""What leaves the site: feeds, emails and share previews need full addresses.

A page on the site may link with a relative address; a feed reader, an email
program or a chat app's preview has no page to resolve it from. The helpers
here turn relative links in finished, sanitised HTML into full ones, and name
the picture shown when a page with no picture of its own is shared.
"""

from __future__ import annotations

import html
import re
from urllib.parse import urljoin

# The picture shown when someone shares a page that has none of its own
# (signpost/theme/assets/images/share.png; tools/make_share_image.py draws it).
SHARE_IMAGE = "assets/images/share.png"
SHARE_IMAGE_SIZE = (1200, 630)

# Sanitised HTML (nh3) always quotes attributes with double quotes.
_LINK_ATTRIBUTE = re.compile(r'(\s(?:href|src)=")([^"]*)(")')


def absolute_links(fragment: str, base: str) -> str:
    """``fragment`` (sanitised HTML) with every href and src resolved against the full address ``base``."""

    def resolve(match: re.Match) -> str:
        target = urljoin(base, html.unescape(match.group(2)))
        return match.group(1) + html.escape(target, quote=True) + match.group(3)

    return _LINK_ATTRIBUTE.sub(resolve, fragment)
