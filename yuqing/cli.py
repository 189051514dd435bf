"""The command line: one command per user verb. Each parses, calls a stage, prints."""

from __future__ import annotations

import json
import logging
import sys
from datetime import date, datetime
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from yuqing.errors import ConfigError, YuqingError

app = typer.Typer(help="yuqing (舆情): watch Chinese media for a topic and compile the weekly bulletin.",
                  no_args_is_help=True, add_completion=False, pretty_exceptions_enable=False)
articles_app = typer.Typer(help="Look at stored articles.", no_args_is_help=True)
topics_app = typer.Typer(help="Work with topic profiles.", no_args_is_help=True)
app.add_typer(articles_app, name="articles")
app.add_typer(topics_app, name="topics")

console = Console()
err = Console(stderr=True)

WorkspaceOpt = Annotated[Path | None, typer.Option(
    "--workspace", "-w", help="Workspace folder (default: $YUQING_WORKSPACE or the current directory).")]


def _fail(exc: YuqingError, code: int = 2) -> typer.Exit:
    err.print(f"[bold red]error:[/] {exc}", highlight=False)
    return typer.Exit(code)


def _context(workspace: Path | None):  # type: ignore[no-untyped-def]
    """Return (settings, store, profile) of the workspace."""
    from yuqing.workspace import open_workspace

    ws = open_workspace(workspace)
    return ws.settings, ws.store, ws.profile


def _parse_day(value: str | None, flag: str) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise typer.BadParameter(f"{value!r} is not a date like 2017-10-23", param_hint=flag) from None


@app.command()
def init(
    folder: Annotated[Path, typer.Argument(help="Folder to make a workspace (created if missing).")] = Path("."),
    issuer: Annotated[str | None, typer.Option(help="Who issues the bulletin.")] = None,
    title: Annotated[str | None, typer.Option(help="The bulletin's title.")] = None,
    next_number: Annotated[int | None, typer.Option(help="Number of the first issue.")] = None,
    force: Annotated[bool, typer.Option(help="Rewrite an existing yuqing.toml.")] = False,
    sources: Annotated[str, typer.Option(
        help="sources.yaml to start from: default (real 卫生信息化 sources) or empty.")] = "default",
) -> None:
    """Make FOLDER a workspace: yuqing.toml, sources.yaml, topics/卫生信息化.yaml, reports/."""
    from yuqing.workspace import init_workspace

    values = {k: v for k, v in {"masthead.issuer": issuer, "masthead.title": title,
                                "masthead.next_number": next_number}.items() if v is not None}
    try:
        path = init_workspace(folder.resolve(), values, force=force, sources=sources)
    except YuqingError as exc:
        raise _fail(exc) from exc
    console.print(f"workspace ready: {path}")


def _print_import(report) -> None:  # type: ignore[no-untyped-def]
    c = report.counts
    console.print(f"new {c['new']}, updated {c['updated']}, unchanged {c['unchanged']}, "
                  f"matched {c['matched']}, skipped {c['skipped']}")
    if report.drops:
        table = Table("skipped", "reason", "detail", title="skipped pages")
        for d in report.drops:
            table.add_row(d.ref, d.reason, d.detail)
        err.print(table)


@app.command("import")
def import_(
    paths: Annotated[list[Path], typer.Argument(help="HTML files, folders of them, or JSONL files.")],
    workspace: WorkspaceOpt = None,
) -> None:
    """Bring pages into the store: extract, match the topic, upsert by canonical URL."""
    from yuqing.pipeline import ImportReport, import_pages, iter_pages

    try:
        settings, store, profile = _context(workspace)
        report = ImportReport()
        import_pages(iter_pages(paths, report), store, profile, report)
        store.record_drops(report.drops, stage="import")
    except YuqingError as exc:
        raise _fail(exc) from exc
    _print_import(report)
    raise typer.Exit(1 if report.failed else 0)


@articles_app.command("list")
def articles_list(
    from_: Annotated[str | None, typer.Option("--from", help="First day, 2017-10-23.")] = None,
    to: Annotated[str | None, typer.Option("--to", help="Last day (inclusive).")] = None,
    matched: Annotated[bool, typer.Option("--matched", help="Only articles over the topic threshold.")] = False,
    as_json: Annotated[bool, typer.Option("--json", help="One JSON object a line.")] = False,
    workspace: WorkspaceOpt = None,
) -> None:
    """List stored articles, oldest first, with their topic score."""
    from yuqing.report.window import window_between

    first, last = _parse_day(from_, "--from"), _parse_day(to, "--to")
    try:
        settings, store, profile = _context(workspace)
        start = end = None
        if first or last:
            bounds = window_between(first or date(1970, 1, 1), last or date(9999, 12, 30)).bounds_utc()
            start, end = bounds[0] if first else None, bounds[1] if last else None
        rows = list(store.list_articles(start, end, profile=profile.name, matched_only=matched))
    except (YuqingError, ValueError) as exc:
        raise _fail(exc if isinstance(exc, YuqingError) else ConfigError(str(exc))) from exc
    if as_json:
        from yuqing.dedup import story_views
        from yuqing.learn import classifier_scores

        views = story_views(store, [r["story_id"] for r in rows if r["story_id"] is not None])
        learned = classifier_scores(store, profile.name, [r["id"] for r in rows])
        for r in rows:
            record = {
                "id": r["id"], "url": r["url"], "title": r["title"], "outlet": r["outlet"], "site": r["site"],
                "tier": r["tier"],
                "published_at": _china_iso(r["published_at"]), "author": r["author"], "editor": r["editor"],
                "topic_score": r["topic_score"], "matched": bool(r["topic_matched"]), "story_id": r["story_id"],
            }
            view = views.get(r["story_id"])  # the story (yuqing.dedup) and the editor's classifier (yuqing.learn)
            record.update(origin_outlet=view.origin_outlet if view else r["outlet"], story_size=view.size if view else 1,
                          carrying_sites=view.sites if view else [s for s in (r["site"],) if s],
                          classifier_score=learned.get(r["id"]))
            sys.stdout.write(json.dumps(record, ensure_ascii=False) + "\n")
        return
    table = Table("published", "title", "outlet", "site", "score", title=f"{len(rows)} articles")
    for r in rows:
        table.add_row(_china_iso(r["published_at"]) or "-", r["title"] or "", r["outlet"] or "", r["site"] or "",
                      f"{r['topic_score']:.1f}" if r["topic_score"] is not None else "-")
    console.print(table)


def _china_iso(value: datetime | None) -> str | None:
    from yuqing.report.window import CHINA

    return value.astimezone(CHINA).isoformat() if value else None


@app.command()
def report(
    week: Annotated[str | None, typer.Option(help="Any day of the week to report (default: this week).")] = None,
    from_: Annotated[str | None, typer.Option("--from", help="First day of an explicit window.")] = None,
    to: Annotated[str | None, typer.Option("--to", help="Last day of an explicit window.")] = None,
    number: Annotated[int | None, typer.Option(help="Issue number (default: the next one).")] = None,
    formats: Annotated[str | None, typer.Option(
        "--format", help="Comma-separated: md,html,docx,pdf (or all); default: report.formats.")] = None,
    send: Annotated[bool, typer.Option("--send", help="Send the files to delivery.urls (apprise).")] = False,
    workspace: WorkspaceOpt = None,
) -> None:
    """Compose the draft issue of a window and write it under WORKSPACE/reports/ (a published one is frozen)."""
    from yuqing.report import parse_formats, write_issue
    from yuqing.report.compose import compose_issue
    from yuqing.report.lifecycle import docx_template, send_files
    from yuqing.report.sections import add_sections
    from yuqing.report.window import window_between, window_for

    if week and (from_ or to):
        raise typer.BadParameter("give --week or --from/--to, not both")
    if bool(from_) != bool(to):
        raise typer.BadParameter("--from and --to go together")
    try:
        settings, store, profile = _context(workspace)
        if from_ and to:
            window = window_between(_parse_day(from_, "--from"), _parse_day(to, "--to"))  # type: ignore[arg-type]
        else:
            day = _parse_day(week, "--week") or date.today()
            window = window_for(day, settings["window.start"], settings["window.end"])
        fmts = parse_formats(formats or settings["report.formats"])
        issue = add_sections(compose_issue(store, settings, profile.name, window, number=number), store, settings)
        paths = write_issue(issue, settings.reports_dir, fmts, docx_template=docx_template(settings))
        sent = send_files(settings, issue, paths) if send else 0
    except (YuqingError, ValueError) as exc:
        raise _fail(exc if isinstance(exc, YuqingError) else ConfigError(str(exc))) from exc
    console.print(f"issue {issue.number} (draft): {len(issue.items)} items, {window.first} – {window.last}")
    for p in paths:
        console.print(str(p), highlight=False, soft_wrap=True)
    if send:
        console.print(f"sent to {sent} channel(s)" if sent else "not sent: delivery.urls is empty")


@app.command()
def demo(
    out: Annotated[Path, typer.Option(help="Folder for the demo workspace.")] = Path("yuqing-demo"),
) -> None:
    """Build a workspace from the bundled corpus and write the bulletin of the week of 2017-10-23."""
    from rich.markup import escape

    from yuqing.demo import run_demo

    try:
        result = run_demo(out.resolve(), console=console)
    except YuqingError as exc:
        raise _fail(exc) from exc
    for p in result.paths:
        console.print(str(p), highlight=False, soft_wrap=True)
    for fmt, reason in result.failed.items():
        err.print(f"[bold yellow]{fmt} not written:[/] {escape(reason)}", highlight=False, soft_wrap=True)
    if result.failed:
        raise typer.Exit(1)


@app.command("extract")
def extract_cmd(
    paths: Annotated[list[Path], typer.Argument(help="HTML files to read.")],
    as_json: Annotated[bool, typer.Option("--json", help="One JSON object a line (the default).")] = True,
    url: Annotated[str | None, typer.Option(help="URL the page was published at (one file only).")] = None,
) -> None:
    """Extract each page and print one JSON object a line, in input order; failures say why."""
    from yuqing.extract import article_to_dict, extract

    failed = 0
    for path in paths:
        record: dict
        try:
            data = path.read_bytes()
        except OSError as exc:
            record, failed = {"path": str(path), "error": f"unreadable: {exc.strerror or exc}"}, failed + 1
        else:
            article = extract(data, url=url)
            if article is None:
                record, failed = {"path": str(path), "error": "not-an-article"}, failed + 1
            else:
                record = article_to_dict(article, path=str(path))
        sys.stdout.write(json.dumps(record, ensure_ascii=False) + "\n")
    raise typer.Exit(1 if failed else 0)


# --- yuqing topics: check a profile, test it on pages -------------------------------------------------


def _load_profile_or_exit(path: Path):  # type: ignore[no-untyped-def]
    """Return the profile at ``path``; on a YAML or rule error print it (file:line:column, caret), exit 2."""
    from rich.markup import escape

    from yuqing.settings import workspace_path
    from yuqing.topics import default_profile_path, load_profile

    if not path.exists() and path.suffix == "" and len(path.parts) == 1:
        # a bare name: the workspace's topics/NAME.yaml, else the bundled profile of that name
        ws = workspace_path(None) / "topics" / f"{path}.yaml"
        bundled = default_profile_path().with_name(f"{path}.yaml")
        path = ws if ws.exists() else bundled if bundled.exists() else path
    try:
        return load_profile(path)
    except ConfigError as exc:
        err.print(f"[bold red]error:[/] {escape(str(exc))}", highlight=False, soft_wrap=True)
        raise typer.Exit(2) from exc


@topics_app.command("check")
def topics_check(
    profile_path: Annotated[Path, typer.Argument(metavar="PROFILE", help="Topic profile: a YAML file, or a name (the workspace's topics/NAME.yaml, else the bundled one).")],
) -> None:
    """Parse PROFILE and print each rule fully bracketed, with its weight and term count."""
    from rich.markup import escape

    profile = _load_profile_or_exit(profile_path)
    console.print(
        f"{escape(profile.name)}: {len(profile.rules)} rules, {len(profile.terms())} terms, threshold "
        f"{profile.threshold:g} (title ×{profile.title_weight:g}, body ×{profile.body_weight:g})",
        highlight=False, soft_wrap=True)
    for rule in profile.rules:
        kind = "veto" if rule.veto else f"weight {rule.weight:g}"
        count = len({t.text for t in rule.node.terms()})
        console.print(f"[bold]{escape(rule.name)}[/]  {kind}, {count} terms, line {rule.line}",
                      highlight=False, soft_wrap=True)
        console.print(f"  {escape(str(rule.node))}", highlight=False, soft_wrap=True)


_FIXTURE_KEYS = {"expect", "rules", "vetoed", "title", "outlet", "site", "tier"}


def _topic_doc(path: Path):  # type: ignore[no-untyped-def]
    """Return (document, None) for an HTML page or a .txt file, or (None, why not).

    A .txt file is its title on the first line and the body after it, or a topic fixture: header lines
    (``Title:``, ``Outlet:``, ``Site:``, ``Tier:``, ``Expect:`` …), a blank line, the body.
    """
    from types import SimpleNamespace

    from yuqing.extract import extract

    try:
        data = path.read_bytes()
    except OSError as exc:
        return None, f"unreadable: {exc.strerror or exc}"
    if path.suffix.lower() == ".txt":
        try:
            text = data.decode("utf-8-sig").strip()
        except UnicodeDecodeError:
            return None, "not UTF-8 text"
        head, _, rest = text.partition("\n\n")
        pairs = (line.partition(":") for line in head.splitlines())
        header = {key.strip().lower(): value.strip() for key, _, value in pairs}
        if "title" in header and set(header) <= _FIXTURE_KEYS:
            fields = {k: header.get(k, "") for k in ("title", "outlet", "site", "tier")}
            return SimpleNamespace(text=rest, **fields), None
        title, _, body = text.partition("\n")
        if not title.strip():
            return None, "empty"
        return SimpleNamespace(title=title.strip(), text=body, outlet="", site="", tier=""), None
    article = extract(data)
    return (article, None) if article is not None else (None, "not-an-article")


def _excerpts(doc, spans, context: int, **marks) -> list[tuple[str, str]]:  # type: ignore[no-untyped-def]
    """(field, excerpt) for each place of ``spans``, in reading order; ``marks`` go to topics.snippets."""
    from yuqing.topics import snippets

    return [(name, piece) for name in dict.fromkeys(f for f, _, _ in spans)
            for piece in snippets(getattr(doc, "text" if name == "body" else name, None) or "", spans,
                                  field=name, context=context, **marks)]


@topics_app.command("test")
def topics_test(
    profile_path: Annotated[Path, typer.Argument(metavar="PROFILE", help="Topic profile: a YAML file, or a name (the workspace's topics/NAME.yaml, else the bundled one).")],
    paths: Annotated[list[Path], typer.Argument(help="HTML pages, or .txt files (first line = title).")],
    as_json: Annotated[bool, typer.Option("--json", help="One JSON object a line.")] = False,
    context: Annotated[int, typer.Option(help="Characters shown either side of a match.")] = 20,
    places: Annotated[int, typer.Option(help="Excerpts shown per rule (all of them with --json).")] = 3,
) -> None:
    """Score each page against PROFILE: score and threshold, the rules that fired, and where (【…】)."""
    from rich.markup import escape

    profile = _load_profile_or_exit(profile_path)
    vetoes = {rule.name for rule in profile.rules if rule.veto}
    failed = 0
    for path in paths:
        doc, problem = _topic_doc(path)
        if doc is None:
            failed += 1
            if as_json:
                sys.stdout.write(json.dumps({"path": str(path), "error": problem}, ensure_ascii=False) + "\n")
            else:
                console.print(f"[bold]{escape(str(path))}[/]  [red]{problem}[/]",
                              highlight=False, soft_wrap=True)
            continue
        result = profile.match(doc)
        if as_json:
            hits = [{"rule": h.rule, "weight": h.weight, "veto": h.rule in vetoes, "terms": h.terms,
                     "spans": [list(s) for s in h.spans],
                     "snippets": [{"field": f, "text": t} for f, t in _excerpts(doc, h.spans, context)]}
                    for h in result.hits]
            record = {"path": str(path), "title": doc.title, "profile": profile.name, "score": result.score,
                      "threshold": result.threshold, "matched": result.matched, "vetoed_by": result.vetoed_by,
                      "hits": hits}
            sys.stdout.write(json.dumps(record, ensure_ascii=False) + "\n")
            continue
        if result.vetoed_by:
            verdict = f"[bold red]vetoed by {escape(result.vetoed_by)}[/]"
        else:
            verdict = "[bold green]matched[/]" if result.matched else "not matched"
        sign = "≥" if result.score >= result.threshold else "<"
        console.print(f"[bold]{escape(str(path))}[/]  {escape(doc.title or '(no title)')}",
                      highlight=False, soft_wrap=True)
        console.print(f"  {verdict}  score {result.score:g} {sign} threshold {result.threshold:g}",
                      highlight=False, soft_wrap=True)
        for hit in result.hits:
            worth = "veto" if hit.rule in vetoes else f"+{hit.weight:g}"
            console.print(f"  [bold]{escape(hit.rule)}[/] {worth}  {escape(', '.join(hit.terms))}",
                          highlight=False, soft_wrap=True)
            shown = _excerpts(doc, hit.spans, context, before="[bold yellow]【", after="】[/]", escape=escape)
            for name, piece in shown[:places]:
                console.print(f"    {name}: {piece}", highlight=False, soft_wrap=True)
            if len(shown) > places:
                console.print(f"    … {len(shown) - places} more", highlight=False)
    raise typer.Exit(1 if failed else 0)


# --- end of yuqing topics ------------------------------------------------------------------------------


# Commands of later stages live beside their stage; each module has `register(app)`.
COMMAND_MODULES = ("yuqing.collect.commands", "yuqing.dedup.commands", "yuqing.learn.commands",
                   "yuqing.report.commands", "yuqing.web.commands")


def _register_stage_commands() -> None:
    import importlib
    import importlib.util

    for name in COMMAND_MODULES:
        if importlib.util.find_spec(name) is not None:
            importlib.import_module(name).register(app)


_register_stage_commands()


def main() -> None:
    logging.basicConfig(level=logging.ERROR, format="%(levelname)s %(name)s: %(message)s")
    app()
