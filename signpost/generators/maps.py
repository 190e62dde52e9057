"""The map data of each type of activity and each area, for the map a listing shows when asked."""

from __future__ import annotations

from collections.abc import Iterator

from signpost.core.kinds import TAXONOMIES
from signpost.core.outputs import FileOutput
from signpost.render import maps
from signpost.render.registry import generator
from signpost.render.site import SiteRenderer


@generator(order=25, makes="domains/<id>/map.json and areas/<id>/map.json: the activities of each on a map")
def map_data(renderer: SiteRenderer) -> Iterator[FileOutput]:
    """The map files of every domain and area that has activities to show."""
    for taxonomy in TAXONOMIES.values():
        yield from maps.map_files(renderer.site, taxonomy, renderer.lists.members(taxonomy.name))
