"""What ``make bench`` measures at one size: synthetic content and a bare MkDocs project.

Run in a process of its own (``python -m bench.prepare COUNT FOLDER``): it
loads and renders the whole synthetic site, and the bench process must stay
small, because the kernel counts a child's peak memory from the memory of the
parent that starts it.
"""

from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path

import yaml

from bench.measure import EXAMPLES, SEED, TODAY, plan_path
from signpost.build.outputs import render_site
from signpost.check.loader import load_content
from signpost.core import urls
from signpost.core.outputs import Output, Page, SourceFile
from signpost.core.problems import errors_in, format_problems
from signpost.core.theme import PAGE_TEMPLATES
from signpost.load.yamlsource import parse_yaml
from signpost.render.site import NAVIGATION

TEMPLATES = PAGE_TEMPLATES


def copy_stem(number: int) -> str:
    """The file stem of synthetic asset ``number``: a copy of one example, in turn."""
    return f"a{number:05d}-{EXAMPLES[number % len(EXAMPLES)].stem}"


def synthesise(target: Path, count: int) -> Path:
    """A content folder with ``count`` assets: the examples, then copies of them.

    Deterministic: the same count always gives the same files, byte for byte.
    """
    shutil.copytree(SEED, target)
    for number in range(count - len(EXAMPLES)):
        data = _read_as_signpost_does(EXAMPLES[number % len(EXAMPLES)])
        data["name"] = f"{data['name']} {number:05d}"
        # Copies link to nothing and keep no notes: every copy's page is alike.
        data["connections"] = []
        data.pop("staff_notes", None)
        text = yaml.safe_dump(data, sort_keys=False, allow_unicode=True)
        (target / "assets" / f"{copy_stem(number)}.yml").write_text(text)
    return target


def _read_as_signpost_does(path: Path) -> dict:
    """An example asset's data, read by Signpost's own YAML rules.

    Plain PyYAML reads ``taking_new_people: yes`` as True and would write the
    copy back as ``true``; read as Signpost reads it, "yes" stays a word, and
    the dumper quotes it so the copy means what the example means.
    """
    document, problems = parse_yaml(path.read_text(), str(path))
    if document is None:
        raise SystemExit(format_problems(problems))
    return document.data


def bare_project(content: Path, target: Path) -> list[str]:
    """Write the same page bodies as a stock MkDocs Material project into ``target``.

    Returns the site paths of the pages our build puts in its search index,
    so the indexer can be measured on exactly those pages.
    """
    loaded, problems = load_content(content, TODAY)
    if loaded is None or errors_in(problems):
        # Stop before measuring anything: our build would refuse this content.
        raise SystemExit(f"the synthetic content in {content} has errors:\n{format_problems(errors_in(problems)[:5])}")
    searchable = []
    for output in render_site(loaded, TEMPLATES):
        _write_bare(target / "docs", output)
        if (path := search_path(output)) is not None:
            searchable.append(path)
    config = {
        "site_name": "Bare",
        "docs_dir": "docs",
        "theme": {"name": "material", "font": False},
        "plugins": ["search"],
        "nav": [{label: f"{url}index.md"} for label, url in NAVIGATION],
    }
    (target / "mkdocs.yml").write_text(yaml.safe_dump(config, allow_unicode=True))
    return searchable


def _write_bare(docs: Path, output: Output) -> None:
    """One output as a bare project's source file; plain files (sitemap, robots) are Material's own."""
    if isinstance(output, Page):
        meta = yaml.safe_dump({"title": output.title, "description": output.description}, allow_unicode=True, width=10_000)
        _write(docs / f"{output.url}index.md", f"---\n{meta}---\n\n{output.body.strip()}\n".encode())
    elif isinstance(output, SourceFile) and output.path.startswith("news/"):
        # No blog plugin in a stock project: the news index and posts are plain pages.
        _write(docs / "news" / Path(output.path).name, output.source.read_bytes())
    elif isinstance(output, SourceFile):
        _write(docs / output.path, output.source.read_bytes())


def _write(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)


def search_path(output: Output) -> str | None:
    """The site path of ``output`` when our build puts it in the search index (as the pipeline does)."""
    if isinstance(output, Page) and output.searchable:
        return output.path
    if isinstance(output, SourceFile) and output.searchable and output.url is not None:
        return f"{output.url}index.html"
    return None


def prepare(count: int, work: Path) -> None:
    """Write ``content-COUNT``, ``bare-COUNT`` and the plan (the asset page to weigh, the pages to index)."""
    content = synthesise(work / f"content-{count}", count)
    searchable = bare_project(content, work / f"bare-{count}")
    plan = {"asset_page": f"{urls.of('asset', copy_stem(1))}index.html", "searchable": searchable}
    plan_path(work, count).write_text(json.dumps(plan))


if __name__ == "__main__":
    prepare(int(sys.argv[1]), Path(sys.argv[2]))
