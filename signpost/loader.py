"""Read a content folder: every file, every problem, one pass.

The loader never stops at the first mistake. It reads each file, checks its
name, decodes it, parses its YAML (or front matter) and validates it against
its model, collecting :class:`Problem` objects as it goes.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path

import frontmatter
from pydantic import BaseModel

from signpost.content import Content, Record
from signpost.models import Area, Asset, CaseStudy, Domain, Event, NewsletterIssue, NewsPost, SiteInfo
from signpost.models.common import STEM_PATTERN
from signpost.problems import Problem
from signpost.references import check_references
from signpost.validation import validate
from signpost.yamlsource import YamlDocument, parse_yaml


@dataclass(frozen=True)
class Kind:
    """A folder of content files that all follow one model."""

    attribute: str
    folder: str
    suffix: str
    model: type[BaseModel]

    @property
    def has_body(self) -> bool:
        """Markdown kinds have front matter and a body; YAML kinds do not."""
        return self.suffix == ".md"


NEWS_POSTS = "news/posts"
KINDS = (
    Kind("assets", "assets", ".yml", Asset),
    Kind("case_studies", "case-studies", ".md", CaseStudy),
    Kind("events", "events", ".md", Event),
    Kind("newsletters", "newsletters", ".md", NewsletterIssue),
    Kind("news", NEWS_POSTS, ".md", NewsPost),
)
TAXONOMIES = (("domains", "domains.yml", Domain), ("areas", "areas.yml", Area))
SITE_FILE = "site.yml"
NEWS_INDEX = "news/index.md"
MEDIA_FOLDER = "media"
# Pictures only: an SVG can carry script, so it is not among them.
IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".gif", ".webp", ".avif")
KNOWN_ENTRIES = {SITE_FILE, "domains.yml", "areas.yml", "news", MEDIA_FOLDER} | {kind.folder.split("/")[0] for kind in KINDS}


def publishable_source(relative: str) -> bool:
    """True for the content files an engine may publish as they are.

    Only what the loader has checked: the news index, news posts directly in
    news/posts/, and pictures in media/. Everything else is rendered by
    Signpost from validated records, or not published at all.
    """
    parts = relative.split("/")
    if relative == NEWS_INDEX:
        return True
    if len(parts) == 3 and "/".join(parts[:2]) == NEWS_POSTS:
        return parts[2].endswith(".md") and re.match(STEM_PATTERN, parts[2][:-3]) is not None
    return parts[0] == MEDIA_FOLDER and relative.lower().endswith(IMAGE_SUFFIXES)


def load_content(root: Path | str, today: dt.date | None = None) -> tuple[Content | None, list[Problem]]:
    """Load and check everything under ``root``.

    Returns the content (``None`` if even the site file is unusable) and
    every problem found, errors and warnings alike.
    """
    root = Path(root)
    problems: list[Problem] = []
    if not root.is_dir():
        return None, [Problem(str(root), 1, "", "the content folder does not exist", "check the --content option")]
    site = _load_site(root, problems)
    content = Content(root, site, today or dt.date.today()) if site else None
    unreadable: dict[str, set[str]] = {}
    records = {kind.attribute: _load_kind(root, kind, problems, unreadable.setdefault(kind.attribute, set())) for kind in KINDS}
    taxonomies = {name: _load_taxonomy(root / filename, model, problems) for name, filename, model in TAXONOMIES}
    if content is None:
        return None, problems
    for name, value in {**records, **taxonomies}.items():
        setattr(content, name, value)
    content.unreadable = unreadable
    problems.extend(check_references(content))
    problems.extend(_layout_problems(root))
    return content, problems


def _layout_problems(root: Path) -> list[Problem]:
    """Files in places where nothing reads them: say so rather than ignore them."""
    problems = []
    if not (root / NEWS_INDEX).is_file():
        problems.append(Problem(_display(root / NEWS_INDEX), 1, "", "is missing",
                                "create it with a heading such as '# News' and a sentence about the news"))
    for path in sorted(root.iterdir()):
        if path.name not in KNOWN_ENTRIES and not path.name.startswith("."):
            problems.append(Problem(_display(path), 1, "", "is not used by Signpost, so it is not published",
                                    "move it out of the content folder, or into the right folder", "warning"))
    news = root / NEWS_INDEX.split("/")[0]
    for path in sorted(news.glob("*")) if news.is_dir() else []:
        if path.name not in (Path(NEWS_INDEX).name, Path(NEWS_POSTS).name) and not path.name.startswith("."):
            problems.append(Problem(_display(path), 1, "", "only index.md and the posts folder belong in news/",
                                    "put news posts in content/news/posts/"))
    for path in sorted((root / MEDIA_FOLDER).rglob("*")) if (root / MEDIA_FOLDER).is_dir() else []:
        if path.is_file() and not path.name.startswith(".") and not path.name.lower().endswith(IMAGE_SUFFIXES):
            problems.append(Problem(_display(path), 1, "", "only pictures belong in media/",
                                    "use a .png, .jpg, .gif or .webp file; other files are not published"))
    return problems


def _display(path: Path) -> str:
    return path.as_posix()


def _read_text(path: Path, problems: list[Problem]) -> str | None:
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        problems.append(Problem(_display(path), line, "", f"has a character that is not UTF-8 text (byte {error.start + 1})",
                                "retype the accented letter or symbol on this line, or save the file as UTF-8"))
        return None
    if not text.strip():
        problems.append(Problem(_display(path), 1, "", "the file is empty", "fill it in, or delete the file"))
        return None
    return text


def _load_site(root: Path, problems: list[Problem]) -> SiteInfo | None:
    path = root / SITE_FILE
    if not path.is_file():
        problems.append(Problem(_display(path), 1, "", "is missing", "create content/site.yml with the site's name and introduction"))
        return None
    document = _read_yaml(path, problems)
    if document is None or not _is_mapping(document, path, problems):
        return None
    site, found = validate(SiteInfo, document, _display(path))
    problems.extend(found)
    return site


def _read_yaml(path: Path, problems: list[Problem]) -> YamlDocument | None:
    text = _read_text(path, problems)
    if text is None:
        return None
    document, found = parse_yaml(text, _display(path))
    problems.extend(found)
    return document if not found else None


def _is_mapping(document: YamlDocument, path: Path, problems: list[Problem], what: str = "'key: value' lines") -> bool:
    if isinstance(document.data, dict):
        return True
    found = type(document.data).__name__
    shape = {"list": "a list", "str": "a single line of text", "NoneType": "empty"}.get(found, f"a {found}")
    problems.append(Problem(_display(path), document.line_of(()), "", f"should be a set of {what}, but it is {shape}",
                            "start each line with a field name, like 'name: Hollinsford Library'"))
    return False


def _load_kind(root: Path, kind: Kind, problems: list[Problem], unreadable: set[str]) -> dict[str, Record]:
    folder = root / kind.folder
    records: dict[str, Record] = {}
    seen: dict[str, Path] = {}
    for path in sorted(folder.glob("*")) if folder.is_dir() else []:
        if path.name.startswith("."):
            continue
        if path.is_dir():
            problems.append(Problem(_display(path), 1, "", f"is a folder inside {kind.folder}/, so nothing in it is read or published",
                                    f"move its files up into content/{kind.folder}/"))
            continue
        if not _acceptable_name(path, kind, seen, problems):
            continue
        seen[path.stem] = path
        record = _load_record(path, kind, problems)
        if record is not None:
            records[record.stem] = record
        else:
            unreadable.add(path.stem)
    return records


def _acceptable_name(path: Path, kind: Kind, seen: dict[str, Path], problems: list[Problem]) -> bool:
    source = _display(path)
    if path.suffix not in (kind.suffix, ".yaml" if kind.suffix == ".yml" else kind.suffix):
        problems.append(Problem(source, 1, "", f"is not a {kind.suffix} file, so it is not read or published", f"rename it to end in {kind.suffix}, or move it out of {kind.folder}/", "warning"))
        return False
    if path.stem == "index":
        problems.append(Problem(source, 1, "", f"'index' names the list page of {kind.folder}/", f"choose another file name, such as main-{kind.folder.split('/')[-1]}{kind.suffix}"))
        return False
    if not re.match(STEM_PATTERN, path.stem):
        fixed = re.sub(r"[^a-z0-9]+", "-", path.stem.lower()).strip("-") or "new-name"
        problems.append(Problem(source, 1, "", "the file name is not allowed (it becomes the page address)",
                                f"use lowercase letters, numbers and hyphens: rename it to {fixed}{kind.suffix}"))
        return False
    if path.stem in seen:
        problems.append(Problem(source, 1, "", f"has the same name as {_display(seen[path.stem])}",
                                "each file needs its own name; rename or delete one of them"))
        return False
    return True


def _load_record(path: Path, kind: Kind, problems: list[Problem]) -> Record | None:
    text = _read_text(path, problems)
    if text is None:
        return None
    document, body = _split(text, path, kind, problems)
    if document is None or not _is_mapping(document, path, problems, "fields"):
        return None
    item, found = validate(kind.model, document, _display(path))
    problems.extend(found)
    return Record(path.stem, item, _display(path), document, body) if item else None


def _split(text: str, path: Path, kind: Kind, problems: list[Problem]) -> tuple[YamlDocument | None, str]:
    if not kind.has_body:
        document, found = parse_yaml(text, _display(path))
        problems.extend(found)
        return (document if not found else None), ""
    handler = frontmatter.YAMLHandler()
    if not handler.detect(text):
        problems.append(Problem(_display(path), 1, "", "has no front matter",
                                "start the file with a line '---', then the fields, then another '---' line"))
        return None, ""
    try:
        fields, body = handler.split(text)
    except ValueError:
        problems.append(Problem(_display(path), 1, "", "the front matter is not closed",
                                "add a line '---' after the last field, before the text"))
        return None, ""
    # The front matter starts on line 2, just after the opening '---'.
    document, found = parse_yaml(fields, _display(path), line_offset=text[: text.index(fields)].count("\n"))
    problems.extend(found)
    return (document if not found else None), body.strip("\n")


def _load_taxonomy(path: Path, model: type[BaseModel], problems: list[Problem]) -> dict[str, Record]:
    if not path.is_file():
        problems.append(Problem(_display(path), 1, "", "is missing", f"create {path.name} with a list of entries, each with id, name and description"))
        return {}
    document = _read_yaml(path, problems)
    if document is None:
        return {}
    if not isinstance(document.data, list):
        problems.append(Problem(_display(path), document.line_of(()), "", "should be a list of entries",
                                "start each entry with '- id: ...' and indent name and description under it"))
        return {}
    return _taxonomy_records(path, model, document, problems)


def _taxonomy_records(path: Path, model: type[BaseModel], document: YamlDocument, problems: list[Problem]) -> dict[str, Record]:
    records: dict[str, Record] = {}
    first_lines: dict[str, int] = {}
    for index, _ in enumerate(document.data):
        item, found = validate(model, document, _display(path), prefix=(index,))
        problems.extend(found)
        if item is None:
            continue
        line = document.line_of((index, "id"))
        if item.id in records:
            problems.append(Problem(_display(path), line, "id", f"'{item.id}' is used twice (first on line {first_lines[item.id]})",
                                    "give each entry its own id"))
            continue
        first_lines[item.id] = line
        records[item.id] = Record(item.id, item, _display(path), document)
    return records
