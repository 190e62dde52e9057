"""Signpost: load, validate and render a community asset directory.

The package knows nothing of any site engine; ``signpost.engines.mkdocs`` is
the one place that talks to MkDocs.
"""

from importlib.metadata import PackageNotFoundError, version

try:
    # The one version number is pyproject.toml's; an install records it.
    __version__ = version("signpost")
except PackageNotFoundError:  # run from a copy of the code that was never installed
    __version__ = "0+unknown"
