"""The raw archive: every response a collect receives, written to a WARC file before anything reads it.

A reference ``warc/<file>.warc.gz#<offset>`` names one record; it is stored as the article's
``raw_ref`` so an improved extractor can re-run on history (``yuqing reextract``).
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from warcio.exceptions import ArchiveLoadFailed
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

__all__ = ["ArchivedResponse", "WarcArchive", "read_archive"]

# Hop-by-hop or transfer headers that no longer describe the body as archived (already decoded).
_DROP_HEADERS = {b"content-encoding", b"transfer-encoding", b"content-length", b"connection"}


@dataclass(slots=True)
class ArchivedResponse:
    """One response record read back from the archive."""

    ref: str
    url: str
    status: int
    headers: dict[str, str]
    body: bytes
    source_id: str | None


class WarcArchive:
    """Appends response records to one WARC file per run; each record is flushed before it is used."""

    def __init__(self, folder: Path, workspace: Path, run_id: str):
        folder.mkdir(parents=True, exist_ok=True)
        self.path = folder / f"yuqing-{run_id}.warc.gz"
        self._workspace = workspace
        self._fh: io.BufferedWriter | None = None
        self._writer: WARCWriter | None = None

    def write(self, url: str, status: int, reason: str, headers: list[tuple[bytes, bytes]], body: bytes,
              source_id: str | None = None) -> str:
        """Write one response; return its reference (``relative/path.warc.gz#offset``)."""
        if self._fh is None:
            self._fh = open(self.path, "ab")  # noqa: SIM115 - held for the run, closed by close()
            self._writer = WARCWriter(self._fh, gzip=True)
        assert self._writer is not None
        offset = self._fh.tell()
        kept = [(k.decode("latin-1"), v.decode("latin-1")) for k, v in headers if k.lower() not in _DROP_HEADERS]
        kept.append(("Content-Length", str(len(body))))
        http_headers = StatusAndHeaders(f"{status} {reason or 'OK'}", kept, protocol="HTTP/1.1")
        warc_headers = {"WARC-Date": datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")}
        if source_id:
            warc_headers["WARC-Yuqing-Source"] = source_id
        record = self._writer.create_warc_record(url, "response", payload=io.BytesIO(body),
                                                 http_headers=http_headers, warc_headers_dict=warc_headers)
        self._writer.write_record(record)
        self._fh.flush()
        return f"{self._relative()}#{offset}"

    def _relative(self) -> str:
        try:
            return str(self.path.relative_to(self._workspace))
        except ValueError:
            return str(self.path)

    def close(self) -> None:
        if self._fh is not None:
            self._fh.close()
            self._fh = None


def read_archive(folder: Path, workspace: Path) -> Iterator[ArchivedResponse]:
    """Yield every response record under ``folder``, oldest file first; a truncated tail is skipped."""
    from warcio.archiveiterator import ArchiveIterator

    for path in sorted(folder.glob("*.warc.gz"), key=lambda p: (p.stat().st_mtime, p.name)):
        try:
            rel = str(path.relative_to(workspace))
        except ValueError:
            rel = str(path)
        with open(path, "rb") as fh:
            iterator = ArchiveIterator(fh)
            try:
                for record in iterator:
                    if record.rec_type != "response" or record.http_headers is None:
                        continue
                    body = record.content_stream().read()
                    yield ArchivedResponse(
                        ref=f"{rel}#{iterator.get_record_offset()}",
                        url=record.rec_headers.get_header("WARC-Target-URI"),
                        status=int(record.http_headers.get_statuscode() or 0),
                        headers={k.lower(): v for k, v in record.http_headers.headers},
                        body=body,
                        source_id=record.rec_headers.get_header("WARC-Yuqing-Source"),
                    )
            except (ArchiveLoadFailed, EOFError, OSError, ValueError):
                # A collect killed mid-write leaves a partial last record: everything before it is good.
                continue
