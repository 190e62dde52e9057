"""Read a content folder: every file, every problem, one pass.

The loader never stops at the first mistake. It reads each file, checks its
name, decodes it, parses its YAML (or front matter) and validates it against
its model, collecting :class:`Problem` objects as it goes.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from pathlib import Path

from signpost.check.guess import names_of
from signpost.check.placeholders import with_placeholders
from signpost.check.references import check_references
from signpost.check.validation import validate
from signpost.core.content import Content, Record
from signpost.core.kinds import KINDS, MEDIA_FOLDER, NEWS_INDEX, SITE_FILE, SITE_MODEL, TAXONOMIES, ContentKind
from signpost.core.problems import Problem
from signpost.core.renames import FIELD_CHANGES, SITE_SETTINGS, FieldChange, changes_for
from signpost.load.fences import fence_problem
from signpost.load.links import files_under, first_link, link_problem, link_problems, readable_folder
from signpost.load.sourcelines import FrontMatterError, split_front_matter
from signpost.load.yamlguard import size_problem
from signpost.load.yamlsource import YamlDocument, parse_yaml
from signpost.models import Area, Domain
from signpost.models.common import STEM_PATTERN
from signpost.models.site import SiteSettings

# Pictures only: an SVG can carry script, so it is not among them.
IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".gif", ".webp", ".avif")
KNOWN_ENTRIES = (
    {SITE_FILE, NEWS_INDEX.split("/")[0], MEDIA_FOLDER}
    | {taxonomy.file for taxonomy in TAXONOMIES.values()}
    | {kind.folder.split("/")[0] for kind in KINDS.values()}
)


def media_files(root: Path) -> list[Path]:
    """The pictures in the media folder that may be published, in a stable order."""
    folder = root / MEDIA_FOLDER
    return [path for path in files_under(root, folder, hidden=False) if path.name.lower().endswith(IMAGE_SUFFIXES)]


def load_content(
    root: Path | str, today: dt.date | None = None, changes: Sequence[FieldChange] = FIELD_CHANGES
) -> tuple[Content | None, list[Problem]]:
    """Load and check everything under ``root``.

    Returns the content (``None`` if even the site file is unusable) and
    every problem found, errors and warnings alike. ``changes`` are the
    fields renamed or removed since earlier versions: a file that still uses
    an old name is told the new one.
    """
    root = Path(root)
    if not root.is_dir():
        return None, [Problem(str(root), 1, "", "the content folder does not exist", "check the --content option")]
    problems: list[Problem] = link_problems(root)  # nothing below reads through one
    site = _load_site(root, problems, changes)
    content = Content(root, site, today or dt.date.today()) if site else None
    unreadable: dict[str, set[str]] = {}
    taxonomies = {
        taxonomy.attribute: _load_taxonomy(root / taxonomy.file, taxonomy.model, problems, changes_for(taxonomy.name, changes))
        for taxonomy in TAXONOMIES.values()
    }
    known = _known_ids(root, taxonomies)
    records = {
        kind.attribute: _load_kind(root, kind, problems, unreadable.setdefault(kind.attribute, set()), known, changes)
        for kind in KINDS.values()
    }
    if content is None:
        return None, problems
    for name, value in {**records, **taxonomies}.items():
        setattr(content, name, value)
    content.unreadable = unreadable
    problems.extend(check_references(content))
    problems.extend(_layout_problems(root))
    return content, problems


def reload_record(
    content: Content, kind: ContentKind, path: Path, changes: Sequence[FieldChange] = FIELD_CHANGES
) -> tuple[Record | None, list[Problem]]:
    """Read and check one file of ``kind`` again, as :func:`load_content` reads it.

    For a live preview, where one file was saved: returns the record (None
    when the file has errors) and the file's own problems. What it refers to
    in other files is for :func:`check_references` over the whole content.
    """
    if linked := first_link(content.root, path):
        return None, [link_problem(linked)]
    problems: list[Problem] = []
    taxonomies = {taxonomy.attribute: getattr(content, taxonomy.attribute) for taxonomy in TAXONOMIES.values()}
    record = _load_record(path, kind, problems, _known_ids(content.root, taxonomies), changes)
    return record, problems


def _known_ids(root: Path, taxonomies: dict[str, dict[str, Record]]) -> dict[str, dict[str, list[str]]]:
    """The ids a field may refer to, by kind, so a mistyped one can be guessed while validating."""
    known = {attribute: names_of(records) for attribute, records in taxonomies.items()}
    for kind in KINDS.values():
        folder = root / kind.folder
        stems = (
            {path.stem for path in folder.glob("*") if path.suffix in kind.suffixes} if readable_folder(root, folder) else set()
        )
        known[kind.attribute] = {stem: [] for stem in sorted(stems)}
    return known


def _layout_problems(root: Path) -> list[Problem]:
    """Files in places where nothing reads them: say so rather than ignore them."""
    problems = []
    if not (root / NEWS_INDEX).is_file():
        problems.append(
            Problem(
                _display(root / NEWS_INDEX),
                1,
                "",
                "is missing",
                "create it with a heading such as '# News' and a sentence about the news",
            )
        )
    for path in sorted(root.iterdir()):
        if path.name not in KNOWN_ENTRIES and not path.name.startswith("."):
            problems.append(
                Problem(
                    _display(path),
                    1,
                    "",
                    "is not used by Signpost, so it is not published",
                    "move it out of the content folder, or into the right folder",
                    "warning",
                )
            )
    news = root / NEWS_INDEX.split("/")[0]
    for path in sorted(news.glob("*")) if readable_folder(root, news) else []:
        if path.name not in (Path(NEWS_INDEX).name, Path(KINDS["news"].folder).name) and not path.name.startswith("."):
            problems.append(
                Problem(
                    _display(path),
                    1,
                    "",
                    "only index.md and the posts folder belong in news/",
                    "put news posts in content/news/posts/",
                )
            )
    for path in files_under(root, root / MEDIA_FOLDER):
        if not path.name.startswith(".") and not path.name.lower().endswith(IMAGE_SUFFIXES):
            problems.append(
                Problem(
                    _display(path),
                    1,
                    "",
                    "only pictures belong in media/",
                    "use a .png, .jpg, .gif or .webp file; other files are not published",
                )
            )
    return problems


def _display(path: Path) -> str:
    return path.as_posix()


def _read_text(path: Path, problems: list[Problem]) -> str | None:
    if path.is_symlink():  # reported where it is found (signpost.load.links)
        return None
    if not path.is_file():  # a device or a named pipe: reading it might never end
        problems.append(Problem(_display(path), 1, "", "is not an ordinary file, so it is not read", "put a text file here"))
        return None
    if oversized := size_problem(path, _display(path)):
        problems.append(oversized)
        return None
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        problems.append(
            Problem(
                _display(path),
                line,
                "",
                f"has a character that is not UTF-8 text (byte {error.start + 1})",
                "retype the accented letter or symbol on this line, or save the file as UTF-8",
            )
        )
        return None
    if not text.strip():
        problems.append(Problem(_display(path), 1, "", "the file is empty", "fill it in, or delete the file"))
        return None
    return text


def _load_site(root: Path, problems: list[Problem], changes: Sequence[FieldChange]) -> SiteSettings | None:
    path = root / SITE_FILE
    if not path.is_file():
        problems.append(
            Problem(_display(path), 1, "", "is missing", "create content/site.yml with the site's name and introduction")
        )
        return None
    document = _read_yaml(path, problems)
    if document is None or not _is_mapping(document, path, problems):
        return None
    site, found = validate(SITE_MODEL, document, _display(path), changes=changes_for(SITE_SETTINGS, changes))
    problems.extend(found)
    if site is not None and site.logo and not (root / site.logo).is_file():
        problems.append(_missing_logo(root, site.logo, _display(path), document.line_of(("logo",))))
    return site


def _missing_logo(root: Path, logo: str, source: str, line: int) -> Problem:
    # The model knows a logo's name is a picture in media/; only here is the folder to look in.
    return Problem(
        source,
        line,
        "logo",
        f"there is no picture {logo} in the content folder",
        f"put the picture at {root.name}/{logo}, or correct its name",
    )


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
    problems.append(
        Problem(
            _display(path),
            document.line_of(()),
            "",
            f"should be a set of {what}, but it is {shape}",
            "start each line with a field name, like 'name: Hollinsford Library'",
        )
    )
    return False


def _load_kind(
    root: Path,
    kind: ContentKind,
    problems: list[Problem],
    unreadable: set[str],
    known: dict[str, dict[str, list[str]]],
    changes: Sequence[FieldChange],
) -> dict[str, Record]:
    folder = root / kind.folder
    records: dict[str, Record] = {}
    seen: dict[str, Path] = {}
    for path in sorted(folder.glob("*")) if readable_folder(root, folder) else []:
        if path.name.startswith("."):
            continue
        if path.is_dir():
            problems.append(
                Problem(
                    _display(path),
                    1,
                    "",
                    f"is a folder inside {kind.folder}/, so nothing in it is read or published",
                    f"move its files up into content/{kind.folder}/",
                )
            )
            continue
        if not _acceptable_name(path, kind, seen, problems):
            continue
        seen[path.stem] = path
        record = _load_record(path, kind, problems, known, changes)
        if record is not None:
            records[record.stem] = record
        else:
            unreadable.add(path.stem)
    return records


def _acceptable_name(path: Path, kind: ContentKind, seen: dict[str, Path], problems: list[Problem]) -> bool:
    source = _display(path)
    if path.suffix not in kind.suffixes:
        problems.append(
            Problem(
                source,
                1,
                "",
                f"is not a {kind.suffix} file, so it is not read or published",
                f"rename it to end in {kind.suffix}, or move it out of {kind.folder}/",
                "warning",
            )
        )
        return False
    if path.stem == "index":
        problems.append(
            Problem(
                source,
                1,
                "",
                f"'index' names the list page of {kind.folder}/",
                f"choose another file name, such as main-{kind.folder.split('/')[-1]}{kind.suffix}",
            )
        )
        return False
    if not re.match(STEM_PATTERN, path.stem):
        fixed = re.sub(r"[^a-z0-9]+", "-", path.stem.lower()).strip("-") or "new-name"
        problems.append(
            Problem(
                source,
                1,
                "",
                "the file name is not allowed (it becomes the page address)",
                f"use lowercase letters, numbers and hyphens: rename it to {fixed}{kind.suffix}",
            )
        )
        return False
    if path.stem in seen:
        problems.append(
            Problem(
                source,
                1,
                "",
                f"has the same name as {_display(seen[path.stem])}",
                "each file needs its own name; rename or delete one of them",
            )
        )
        return False
    return True


def _load_record(
    path: Path, kind: ContentKind, problems: list[Problem], known: dict, changes: Sequence[FieldChange]
) -> Record | None:
    text = _read_text(path, problems)
    if text is None:
        return None
    document, body = _split(text, path, kind, problems)
    if document is None or not _is_mapping(document, path, problems, "fields"):
        return None
    item, found = validate(kind.model, document, _display(path), known=known, changes=changes_for(kind.name, changes))
    # A file that still says FILL IN (from ``signpost new``) is never published.
    found, unfinished = with_placeholders(found, kind.model, document, _display(path), text if kind.has_body else None)
    problems.extend(found)
    # The parsed YAML and its line map are dropped here: lines are found
    # again from the file if a later check needs one.
    return Record(path.stem, item, _display(path), body) if item and not unfinished else None


def _split(text: str, path: Path, kind: ContentKind, problems: list[Problem]) -> tuple[YamlDocument | None, str]:
    if not kind.has_body:
        document, found = parse_yaml(text, _display(path))
        problems.extend(found)
        return (document if not found else None), ""
    try:
        fields, body, offset = split_front_matter(text)
    except FrontMatterError as error:
        problems.append(fence_problem(text, _display(path), error))
        return None, ""
    document, found = parse_yaml(fields, _display(path), line_offset=offset, front_matter=True)
    problems.extend(found)
    return (document if not found else None), body.strip("\n")


def _load_taxonomy(
    path: Path, model: type[Domain | Area], problems: list[Problem], changes: Sequence[FieldChange]
) -> dict[str, Record]:
    """The entries of a taxonomy file (domains.yml, areas.yml) by id; ``changes`` are its renamed fields."""
    if not path.is_file():
        problems.append(
            Problem(
                _display(path),
                1,
                "",
                "is missing",
                f"create {path.name} with a list of entries, each with id, name and description",
            )
        )
        return {}
    document = _read_yaml(path, problems)
    if document is None:
        return {}
    if not isinstance(document.data, list):
        problems.append(
            Problem(
                _display(path),
                document.line_of(()),
                "",
                "should be a list of entries",
                "start each entry with '- id: ...' and indent name and description under it",
            )
        )
        return {}
    return _taxonomy_records(path, model, document, problems, changes)


def _taxonomy_records(
    path: Path, model: type[Domain | Area], document: YamlDocument, problems: list[Problem], changes: Sequence[FieldChange]
) -> dict[str, Record]:
    records: dict[str, Record] = {}
    first_lines: dict[str, int] = {}
    for index, _ in enumerate(document.data):
        item, found = validate(model, document, _display(path), prefix=(index,), changes=changes)
        problems.extend(found)
        if item is None:
            continue
        line = document.line_of((index, "id"))
        if item.id in records:
            problems.append(
                Problem(
                    _display(path),
                    line,
                    "id",
                    f"'{item.id}' is used twice (first on line {first_lines[item.id]})",
                    "give each entry its own id",
                )
            )
            continue
        first_lines[item.id] = line
        records[item.id] = Record(item.id, item, _display(path), prefix=(index,))
    return records
