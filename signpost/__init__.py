"""Signpost: load, validate and render a community asset directory.

The package knows nothing of any site engine; ``signpost.engines.mkdocs`` is
the one place that talks to MkDocs.
"""

__version__ = "0.1.0"
