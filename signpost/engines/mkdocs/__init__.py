"""The adapter between Signpost's engine-free core and MkDocs with Material.

Nothing outside this package imports MkDocs.

What it uses of MkDocs 1.6.1 (pinned exactly): the plugin events, the
classes of MkDocs' API reference and plugin guide (``File``, ``Files``,
``Page``, ``Navigation``, ``Theme`` through ``config.theme``, the config),
and four public names that the API reference does not list:
``mkdocs.config.load_config`` and ``mkdocs.commands.build.build`` (what
``mkdocs build`` runs), ``mkdocs.commands.build.get_context`` (a page's
template context) and ``mkdocs.utils.write_file``.

Private names it uses: none. It used to call ``mkdocs.commands.build._build_page``
to write the pages outside the navigation after MkDocs' own (see
``plugin.py``); MkDocs has no public call that writes one page, so
``KeptBuild.write_page`` now takes the same steps through public names.
One step of ``_build_page`` is left out on purpose: setting the private
``config._current_page``, which only the ``!relative`` tag of
``markdown_extensions`` reads, and these pages have no Markdown to convert.

What it relies on that no API promises, and so what to check when MkDocs
changes: the wording of MkDocs' link warnings ("Doc file '…' contains a
link '…'"), which ``engine.py`` reads to name the content file and line,
since MkDocs logs warnings as text only; and that MkDocs sets
``Page.content`` and ``Page.active`` in the order its build does, which
``RenderedPage`` uses to make each body only while its page is written.
"""
