"""A small web of sites served from one local HTTP server, for ``yuqing demo``, the tests and the benchmark.

Pages are registered under their real URLs. The server answers both as an HTTP proxy (the request
line carries the absolute URL: the crawler keeps real URLs and sets ``collect.proxy``) and as an
origin server (``Host`` header + path). It only ever listens on 127.0.0.1.
"""

from __future__ import annotations

import ssl
import tempfile
import threading
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit

from yuqing.urls import canonical_url

__all__ = ["LocalWeb", "Reply"]


@dataclass(slots=True)
class Reply:
    """One answer: status, headers, body. ``hang`` never answers (a server that is up but stuck)."""

    body: bytes = b""
    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)
    hang: bool = False


Handler = Callable[[int, dict[str, str]], Reply]
"""Called with the how-many-th request to this URL (1-based) and the request headers."""


class LocalWeb:
    """Routes from real URLs to replies, served on 127.0.0.1 at a free port."""

    def __init__(self) -> None:
        self.routes: dict[str, Reply | Handler] = {}
        self.hits: Counter[str] = Counter()
        self._server: ThreadingHTTPServer | None = None
        self._stopping = threading.Event()
        self._lock = threading.Lock()
        self._tls_context: ssl.SSLContext | None = None

    def add(self, url: str, body: bytes | str = b"", *, content_type: str | None = "text/html; charset=utf-8",
            status: int = 200, headers: dict[str, str] | None = None) -> None:
        """Serve ``body`` at ``url``; ``content_type`` None sends no Content-Type header."""
        data = body.encode("utf-8") if isinstance(body, str) else body
        all_headers = dict(headers or {})
        if content_type:
            all_headers.setdefault("Content-Type", content_type)
        self.routes[canonical_url(url)] = Reply(data, status, all_headers)

    def handle(self, url: str, handler: Handler) -> None:
        """Answer ``url`` with whatever ``handler`` returns for each request."""
        self.routes[canonical_url(url)] = handler

    @property
    def proxy(self) -> str:
        assert self._server is not None, "start() the web first"
        return f"http://127.0.0.1:{self._server.server_address[1]}"

    def start(self) -> str:
        """Start serving; return the proxy URL (``http://127.0.0.1:<port>``)."""
        web = self

        class _Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            scheme = "http"

            def do_GET(self) -> None:  # noqa: N802 - http.server's naming
                web._answer(self)

            def do_CONNECT(self) -> None:  # noqa: N802 - an https URL asked through the proxy
                self.send_response(200, "Connection established")
                self.end_headers()
                try:
                    tls = web._tls().wrap_socket(self.connection, server_side=True)
                except (ssl.SSLError, OSError):
                    self.close_connection = True
                    return
                inner = type(self).__new__(type(self))
                inner.scheme = "https"
                type(self).__init__(inner, tls, self.client_address, self.server)  # serves the tunnel
                self.close_connection = True

            def log_message(self, *args: object) -> None:
                return

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
        self._server.daemon_threads = True
        threading.Thread(target=self._server.serve_forever, name="localweb", daemon=True).start()
        return self.proxy

    def _tls(self) -> ssl.SSLContext:
        """Return a TLS context with a throw-away self-signed certificate (crawlers here do not verify)."""
        if self._tls_context is None:
            self._tls_context = _self_signed_context()
        return self._tls_context

    def stop(self) -> None:
        self._stopping.set()
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None

    def __enter__(self) -> LocalWeb:
        self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def _answer(self, req: BaseHTTPRequestHandler) -> None:
        target = req.path
        if not urlsplit(target).scheme:
            host = req.headers.get("Host", "localhost")
            if getattr(req, "scheme", "http") == "https":
                host = host.removesuffix(":443")
            target = f"{getattr(req, 'scheme', 'http')}://{host}{target}"
        key = canonical_url(target)
        with self._lock:
            self.hits[key] += 1
            nth = self.hits[key]
        route = self.routes.get(key)
        headers = {k: v for k, v in req.headers.items()}
        if route is None:
            reply = Reply(b"not found", 404, {"Content-Type": "text/plain"})
        elif isinstance(route, Reply):
            reply = route
        else:
            reply = route(nth, headers)
        if reply.hang:
            self._stopping.wait(120)
            return
        etag = reply.headers.get("ETag")
        if etag and req.headers.get("If-None-Match") == etag:
            reply = Reply(b"", 304, {"ETag": etag})
        req.send_response(reply.status)
        for name, value in reply.headers.items():
            req.send_header(name, value)
        req.send_header("Content-Length", str(len(reply.body)))
        req.end_headers()
        try:
            req.wfile.write(reply.body)
        except (BrokenPipeError, ConnectionResetError):
            return  # the crawler gave up on this body (too large): nothing to do


def _self_signed_context() -> ssl.SSLContext:
    from datetime import datetime, timedelta

    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "yuqing localweb")])
    now = datetime.now(UTC)
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
            .serial_number(x509.random_serial_number()).not_valid_before(now - timedelta(days=1))
            .not_valid_after(now + timedelta(days=30)).sign(key, hashes.SHA256()))
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    with tempfile.TemporaryDirectory() as tmp:
        cert_path, key_path = f"{tmp}/cert.pem", f"{tmp}/key.pem"
        with open(cert_path, "wb") as fh:
            fh.write(cert.public_bytes(serialization.Encoding.PEM))
        with open(key_path, "wb") as fh:
            fh.write(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                       serialization.NoEncryption()))
        context.load_cert_chain(cert_path, key_path)
    return context
