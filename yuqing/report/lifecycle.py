"""The issue life cycle: publish a draft (numbered, frozen, archived with checksums), correct it later.

::

    draft ──publish──> published ──correct──> correction ──publish──> correction (published)
    (yuqing report      (frozen; files in       (own record, same        (files in …/correction-<id>/)
     recomposes it)      reports/archive/        number, title marked
                         <year>/<number>/)        （更正）)

Plain functions over a :class:`~yuqing.store.repo.Store` and :class:`~yuqing.settings.Settings`, for
the CLI and the web UI alike. Database reads and writes are in :mod:`yuqing.store.issues`.
"""

from __future__ import annotations

import hashlib
import shutil
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from yuqing.errors import ReportError
from yuqing.models import Issue
from yuqing.report.window import Window
from yuqing.settings import Settings
from yuqing.store import issues as store_issues
from yuqing.store.repo import Store

__all__ = [
    "MANIFEST",
    "Published",
    "archive_folder",
    "correct",
    "ensure_recomposable",
    "load_issue",
    "numbering",
    "publish",
    "verify_archive",
]

MANIFEST = "SHA256SUMS"
"""The checksum manifest of an archive folder, in ``sha256sum -c`` form."""
NUMBERINGS = ("continuous", "yearly")


@dataclass(slots=True)
class Published:
    """What :func:`publish` did: the frozen issue, its archived files and the delivery outcome."""

    issue: Issue
    folder: Path
    paths: list[Path] = field(default_factory=list)
    manifest: Path | None = None
    delivered_to: int = 0
    delivery_error: str | None = None


def ensure_recomposable(store: Store, profile: str, window: Window) -> None:
    """Raise :class:`ReportError` when ``window`` already has a published issue (it is frozen)."""
    row = store_issues.frozen_issue_of_window(store, profile, window.first, window.last)
    if row is not None:
        raise ReportError(
            f"issue {row['number']} for {window.first} – {window.last} is published and frozen; it cannot be "
            f"recomposed. To change it, publish a correction: `yuqing issues correct {row['number']}`")


def numbering(store: Store, settings: Settings, profile: str, day: date) -> tuple[str, int]:
    """Return (counter name, floor) for a new issue dated ``day`` under ``masthead.numbering``.

    ``continuous``: one counter, starting at ``masthead.next_number``. ``yearly``: a counter per year;
    the first year the store ever numbers starts at ``masthead.next_number``, later years at 1.
    """
    from yuqing.report.compose import counter_name

    mode = settings["masthead.numbering"]
    if mode not in NUMBERINGS:
        raise ReportError(f"masthead.numbering is {mode!r}; expected one of {', '.join(NUMBERINGS)}")
    floor = int(settings["masthead.next_number"])
    if mode == "continuous":
        return counter_name(profile), floor
    base = counter_name(profile) + ":"
    counter = f"{base}{day.year}"
    if store_issues.counter_exists(store, base) and not store_issues.counter_exists(store, counter):
        floor = 1
    return counter, floor


def load_issue(store: Store, settings: Settings, issue_id: int) -> Issue:
    """Return issue record ``issue_id`` ready to render: items plus the sections settings switch on."""
    from yuqing.report.sections import add_sections

    issue = store_issues.get_issue(store, issue_id)
    if issue is None:
        raise ReportError(f"no issue record {issue_id}")
    return add_sections(issue, store, settings)


def archive_folder(settings: Settings, issue: Issue) -> Path:
    """Return where ``issue``'s files are archived: reports/archive/<year>/<number>/[correction-<id>/]."""
    folder = settings.reports_dir / "archive" / str(issue.issue_date.year) / str(issue.number)
    return folder / f"correction-{issue.id}" if issue.status == "correction" else folder


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 16), b""):
            digest.update(block)
    return digest.hexdigest()


def write_manifest(folder: Path, paths: list[Path]) -> Path:
    """Write ``folder``/SHA256SUMS for ``paths`` (``sha256sum -c`` checks it); return its path."""
    manifest = folder / MANIFEST
    manifest.write_text("".join(f"{_sha256(p)}  {p.name}\n" for p in sorted(paths)), encoding="utf-8")
    return manifest


def verify_archive(folder: Path) -> list[str]:
    """Return the names in ``folder``'s manifest whose file is missing or changed (empty: all intact)."""
    manifest = folder / MANIFEST
    if not manifest.is_file():
        raise ReportError(f"no {MANIFEST} in {folder}")
    bad = []
    for line in manifest.read_text(encoding="utf-8").splitlines():
        digest, name = line.split("  ", 1)
        path = folder / name
        if not path.is_file() or _sha256(path) != digest:
            bad.append(name)
    return bad


def publish(store: Store, settings: Settings, issue_id: int, formats: list[str] | None = None,
            send: bool | None = None) -> Published:
    """Publish issue record ``issue_id``: render every format into its archive folder with a checksum
    manifest, then freeze the record; then send the files (``delivery.on_publish``, or ``send``).

    The files are written before the record is frozen, so a failed render publishes nothing.
    A delivery failure does not undo the publication; it is reported in ``delivery_error``.
    """
    from yuqing.report import RENDERERS, write_issue

    issue = load_issue(store, settings, issue_id)
    if issue.status == "published" or (issue.status == "correction" and _is_published(store, issue_id)):
        raise ReportError(f"issue {issue.number} (record {issue_id}) is already published and frozen")
    if issue.status == "draft":
        issue.status = "published"  # render as what it becomes
    folder = archive_folder(settings, issue)
    partial = folder.with_name(folder.name + ".partial")
    shutil.rmtree(partial, ignore_errors=True)
    paths = write_issue(issue, partial, formats or list(RENDERERS), docx_template=docx_template(settings))
    write_manifest(partial, paths)
    if folder.exists():  # left by a publication whose record was never frozen
        shutil.rmtree(folder)
    partial.rename(folder)
    paths = [folder / p.name for p in paths]
    try:
        store_issues.publish_issue(store, issue_id,
                                   files=[str(p.relative_to(settings.workspace)) for p in paths])
    except ReportError:
        shutil.rmtree(folder, ignore_errors=True)
        raise
    result = Published(issue=issue, folder=folder, paths=paths, manifest=folder / MANIFEST)
    if send if send is not None else settings["delivery.on_publish"]:
        send_files(settings, issue, paths, result)
    return result


def send_files(settings: Settings, issue: Issue, paths: list[Path], result: Published | None = None) -> int:
    """Send ``paths`` to every ``delivery.urls`` channel; return how many. Errors go to ``result`` if given."""
    from yuqing.report.deliver import deliver, delivery_urls

    urls = delivery_urls(settings["delivery.urls"])
    if not urls:
        return 0
    try:
        deliver(issue, paths, urls)
    except ReportError as exc:
        if result is None:
            raise
        result.delivery_error = str(exc)
        return 0
    if result is not None:
        result.delivered_to = len(urls)
    return len(urls)


def _is_published(store: Store, issue_id: int) -> bool:
    rows = [r for r in store_issues.list_issues(store) if r["id"] == issue_id]
    return bool(rows and rows[0]["published_at"] is not None)


def docx_template(settings: Settings) -> Path | None:
    """Return the configured Word template (``report.docx_template``, inside the workspace), or ``None``."""
    value = settings["report.docx_template"]
    if not value:
        return None
    path = Path(value).expanduser()
    return path if path.is_absolute() else settings.workspace / path


def correct(store: Store, settings: Settings, profile: str, number: int, year: int | None = None,
            recompose: bool = True) -> Issue:
    """Create a correction of published issue ``number`` (its own record, not yet published).

    ``recompose``: select the window's items from the store again (after articles were fixed or
    re-imported); otherwise copy the published items for an editor to change. Returns the correction.
    """
    from yuqing.report.compose import select_items

    row = store_issues.find_published(store, profile, number, year)
    if row is None:
        raise ReportError(f"issue {number} is not published; only a published issue can be corrected "
                          f"(a draft is changed by `yuqing report` again)")
    items = None
    if recompose:
        items = select_items(store, profile, Window(row["window_from"], row["window_to"]))
        if not items:
            raise ReportError(f"the window of issue {number} has no items now; nothing to correct with")
    return store_issues.create_correction(store, row["id"], items)
