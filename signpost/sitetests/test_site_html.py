"""Every page of the built site is valid HTML (the Nu Html Checker), and its links and pictures resolve."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from signpost.sitetests.htmlcheck import broken_links, find_vnu, html_files, nu_checker_errors


@pytest.fixture(scope="session")
def vnu(site) -> Path:
    """The Nu Html Checker and Java, or a failure saying how to install them."""
    found = find_vnu(site.folder, Path.cwd())
    if found is None or not found.is_file() or not shutil.which("java"):
        pytest.fail("the HTML check needs Java and the Nu Html Checker: run 'bash .ci/install-test-tools' (or set SIGNPOST_VNU)")
    return found


def test_every_page_is_valid_html(built_site, vnu, record_property):
    pages = html_files(built_site)
    assert pages, "the site has no pages"
    errors = nu_checker_errors(vnu, pages, built_site)
    record_property("checked:vnu (Nu Html Checker)", len(pages))
    assert errors == [], "\n".join(errors[:40])


def test_every_link_and_picture_resolves(built_site, base_path, record_property):
    record_property("checked:links", len(html_files(built_site)))
    assert broken_links(built_site, base_path) == []
