"""The site tests: what any Signpost site must pass, whatever its content.

They read one site's folder (its ``content/``, ``mkdocs.yml``, ``templates/``
and ``.github/``), never the engine's fixtures: the content passes ``check``,
the site builds, every page is valid HTML whose links and pictures resolve,
one page of each type passes axe (WCAG 2.2 A and AA) and reflows on a phone,
and the workflows are valid and run these tests on each pull request.

Run them with ``signpost test-site --site DIR`` (or ``pytest
signpost/sitetests --site DIR``); the engine's own tests are in the
repository's ``tests/`` and build their own content folders.
"""
