"""Stable identifiers for exported records.

Open Referral wants a UUID for every record. Ours are version 5 UUIDs (made
from a name, not at random) of the record's permanent web address: the same
file name on the same site gives the same id at every build, and two sites
that share a file name still give different ids.
"""

from __future__ import annotations

import hashlib
import uuid

from signpost.core.kinds import KINDS
from signpost.models.site import SiteSettings


def page_address(site: SiteSettings, stem: str) -> str:
    """The full web address of an asset's page."""
    return site.absolute(KINDS["asset"].url(stem))


_NAMESPACE = uuid.NAMESPACE_URL.bytes


def stable_id(address: str, *parts: str | int) -> str:
    """The UUID of ``address``, or of a part of it such as ``("schedule", 2)``.

    The same as ``str(uuid.uuid5(uuid.NAMESPACE_URL, name))``, made without
    the UUID object: a 10,000-asset export makes about 200,000 of them.
    """
    name = address + ("#" + "-".join(str(part) for part in parts) if parts else "")
    digest = bytearray(hashlib.sha1(_NAMESPACE + name.encode()).digest()[:16])
    digest[6] = (digest[6] & 0x0F) | 0x50  # version 5
    digest[8] = (digest[8] & 0x3F) | 0x80  # the RFC 4122 variant
    text = digest.hex()
    return f"{text[:8]}-{text[8:12]}-{text[12:16]}-{text[16:20]}-{text[20:]}"


def asset_id(site: SiteSettings, stem: str) -> str:
    """The service id of the asset in file ``stem``."""
    return stable_id(page_address(site, stem))
