"""The adapter between Signpost's engine-free core and MkDocs with Material.

Nothing outside this package imports MkDocs.
"""
