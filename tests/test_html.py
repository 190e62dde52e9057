"""The HTML and link checkers the site tests use (signpost/sitetests/htmlcheck.py) notice what they are for.

The site tests run them on every page of a site; here they meet a page made
invalid and links made broken on purpose, on the engine's own fixture site.
"""

from __future__ import annotations

import shutil

import pytest

from signpost.sitetests.htmlcheck import HtmlCheckerError, broken_links, find_vnu, nu_checker_errors
from tests.conftest import REPO

VNU = find_vnu(REPO)
needs_vnu = pytest.mark.skipif(VNU is None or not shutil.which("java"), reason="run 'make test' to install vnu-jar and Java")


@needs_vnu
def test_the_html_checker_notices_an_invalid_page_and_an_unread_one(tmp_path):
    good, bad = tmp_path / "good.html", tmp_path / "bad.html"
    good.write_text('<!doctype html><html lang="en"><title>Good</title><p>Fine.</p></html>')
    bad.write_text('<!doctype html><html lang="en"><title>Bad</title><p><div></span></div></html>')
    assert nu_checker_errors(VNU, [good], tmp_path) == []
    assert "bad.html:1: Stray end tag “span”." in nu_checker_errors(VNU, [good, bad], tmp_path)
    with pytest.raises(HtmlCheckerError, match="checked 1 of 2 pages"):
        nu_checker_errors(VNU, [good, tmp_path / "missing.html"], tmp_path)


def test_the_link_checker_notices_a_missing_page_picture_and_fragment(example_site, tmp_path):
    site = tmp_path / "site"
    shutil.copytree(example_site, site)
    home = site / "index.html"
    broken = '<a href="directory/no-such-club/">x</a><img src="media/no-such.jpg" alt=""><a href="#no-such-id">y</a>'
    home.write_text(home.read_text().replace("</article>", broken + "</article>", 1))
    assert broken_links(site) == [
        "index.html -> directory/no-such-club/",
        "index.html -> #no-such-id (no #no-such-id)",
        "index.html -> media/no-such.jpg",
    ]
