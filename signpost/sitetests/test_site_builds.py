"""The site's content passes ``check``, and the site builds."""

from __future__ import annotations

from signpost.sitetests.conftest import run_signpost


def test_the_content_passes_check(site):
    code, said = run_signpost("check", "--content", str(site.content), *site.today)
    assert code == 0, f"signpost check finds problems in {site.content}:\n{said}"


def test_the_site_builds_a_home_page_and_a_not_found_page(built_site):
    assert (built_site / "index.html").is_file()
    assert (built_site / "404.html").is_file()
