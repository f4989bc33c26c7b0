"""A loopback web site for the tests and benchmarks: static files, feeds, and programmable routes.

``SiteServer(root).start()`` serves the files under ``root`` on ``127.0.0.1`` and a random port.
Text files may contain ``{{BASE_URL}}``; it is replaced by ``base_url`` when served, so feeds can
carry absolute links although the port is only known at start. Every request is logged, files
answer conditional GETs (``ETag``/``Last-Modified`` -> ``304``), and tests can override files
(:meth:`SiteServer.set_file`) or answer a path themselves (:meth:`SiteServer.add_route`).

Standard library only, so the crawler's tests can use it in-process or run it as
``python -m testing.sitesrv ROOT [--port N] [--max-seconds S]``.
"""

from __future__ import annotations

import argparse
import hashlib
import mimetypes
import socket
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from email.utils import formatdate, parsedate_to_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

PLACEHOLDER = "{{BASE_URL}}"
TEXT_SUFFIXES = frozenset({".html", ".htm", ".xml", ".rss", ".atom", ".json", ".txt", ".opml"})
_FIXED_TYPES = {
    ".html": "text/html; charset=utf-8",
    ".htm": "text/html; charset=utf-8",
    ".rss": "application/rss+xml; charset=utf-8",
    ".atom": "application/atom+xml; charset=utf-8",
    ".txt": "text/plain; charset=utf-8",
    ".opml": "text/x-opml; charset=utf-8",
    ".pdf": "application/pdf",
}


@dataclass(frozen=True)
class RecordedRequest:
    """One request as the server saw it; ``path`` keeps the query string."""

    method: str
    path: str
    headers: dict[str, str]
    time: float
    body: bytes = b""

    @property
    def url_path(self) -> str:
        """The path without its query string, percent-decoded."""
        return unquote(urlsplit(self.path).path)

    @property
    def query(self) -> dict[str, list[str]]:
        return parse_qs(urlsplit(self.path).query)


@dataclass
class Response:
    """What a route handler answers. ``delay`` waits before the headers; ``trickle`` waits
    between body chunks of ``chunk_size`` bytes (to test download timeouts)."""

    status: int = 200
    body: bytes | str = b""
    headers: dict[str, str] = field(default_factory=dict)
    content_type: str | None = None
    delay: float = 0.0
    trickle: float = 0.0
    chunk_size: int = 1024

    def body_bytes(self) -> bytes:
        return self.body.encode("utf-8") if isinstance(self.body, str) else self.body


Handler = Callable[[RecordedRequest], Response | None]


@dataclass(frozen=True)
class _Override:
    body: bytes | None  # None: the path is removed (404) even if a file exists
    content_type: str | None
    mtime: float


def guess_content_type(path: str, body: bytes = b"") -> str:
    """Content type for a served path; ``.xml`` and ``.json`` look at the document itself."""
    suffix = Path(path).suffix.lower()
    if suffix in _FIXED_TYPES:
        return _FIXED_TYPES[suffix]
    if suffix == ".xml":
        head = body[:2048].lstrip().lower()
        kinds = ((b"<rss", "rss+xml"), (b"<feed", "atom+xml"), (b"<rdf:rdf", "rdf+xml"))
        for marker, kind in kinds:
            if marker in head:
                return f"application/{kind}; charset=utf-8"
        return "application/xml; charset=utf-8"
    if suffix == ".json":
        is_feed = path.startswith("/feeds/") or b"jsonfeed.org/version" in body[:2048]
        return "application/feed+json; charset=utf-8" if is_feed else "application/json"
    return mimetypes.guess_type(path)[0] or "application/octet-stream"


def etag_for(body: bytes) -> str:
    """A strong entity tag: a hash of the exact bytes served."""
    return '"' + hashlib.sha256(body).hexdigest()[:32] + '"'


def is_not_modified(headers: dict[str, str], etag: str, mtime: float) -> bool:
    """RFC 9110 13.2.2: ``If-None-Match`` wins over ``If-Modified-Since`` when both are sent."""
    inm = headers.get("if-none-match")
    if inm is not None:
        tags = {t.strip().removeprefix("W/") for t in inm.split(",")}
        return "*" in tags or etag in tags
    ims = headers.get("if-modified-since")
    if ims is None:
        return False
    try:
        since = parsedate_to_datetime(ims).timestamp()
    except (TypeError, ValueError, IndexError):
        return False
    return int(mtime) <= since


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True
    #: The default listen backlog (5) drops the SYNs of a crawler opening 16+ connections at
    #: once; the kernel then retransmits after 1, 3, 7 s... and crawls stall for seconds.
    request_queue_size = 256

    def __init__(self, address: tuple[str, int], site: SiteServer):
        self.site = site
        self.connections: set[socket.socket] = set()
        self.connections_lock = threading.Lock()
        super().__init__(address, _RequestHandler)

    def process_request(self, request, client_address):  # type: ignore[no-untyped-def]
        with self.connections_lock:
            self.connections.add(request)
        super().process_request(request, client_address)

    def shutdown_request(self, request):  # type: ignore[no-untyped-def]
        with self.connections_lock:
            self.connections.discard(request)
        super().shutdown_request(request)

    def close_connections(self) -> None:
        with self.connections_lock:
            open_now = list(self.connections)
        for conn in open_now:
            try:
                conn.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass

    def handle_error(self, request, client_address):  # type: ignore[no-untyped-def]
        """Clients hanging up (timeouts, cancelled crawls) are normal here: stay quiet."""


class _RequestHandler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "newsmon-sitesrv/1"
    timeout = 30  # idle keep-alive connections are closed after this
    server: _Server

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass

    def do_GET(self) -> None:
        self._answer()

    def do_HEAD(self) -> None:
        self._answer()

    def do_POST(self) -> None:
        self._answer()

    def _answer(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        request = RecordedRequest(
            method=self.command,
            path=self.path,
            headers={k.lower(): v for k, v in self.headers.items()},
            time=time.time(),
            body=body,
        )
        self.server.site._record(request)
        try:
            response = self.server.site._respond(request)
        except Exception as exc:  # a broken test handler must show up, not hang the crawl
            response = Response(500, f"route handler failed: {exc!r}\n", content_type="text/plain")
        self._send(response, head_only=self.command == "HEAD")

    def _send(self, response: Response, head_only: bool) -> None:
        if response.delay:
            time.sleep(response.delay)
        body = response.body_bytes()
        no_body = response.status == 304 or response.status < 200 or response.status == 204
        self.send_response(response.status)
        if response.content_type and not no_body:
            self.send_header("Content-Type", response.content_type)
        for name, value in response.headers.items():
            self.send_header(name, value)
        if not no_body:
            self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if head_only or no_body:
            return
        if not response.trickle:
            self.wfile.write(body)
            return
        step = max(1, response.chunk_size)
        for start in range(0, len(body), step):
            if start:
                time.sleep(response.trickle)
            self.wfile.write(body[start : start + step])
            self.wfile.flush()


class SiteServer:
    """Serve ``root`` (may be ``None``: routes and :meth:`set_file` only) on a loopback port."""

    def __init__(self, root: Path | str | None = None, host: str = "127.0.0.1", port: int = 0):
        self.root = Path(root).resolve() if root is not None else None
        self.host = host
        self.port = port
        self.base_url = ""
        self._server: _Server | None = None
        self._thread: threading.Thread | None = None
        self._lock = threading.Lock()
        self._requests: list[RecordedRequest] = []
        self._routes: dict[str, Handler] = {}
        self._overrides: dict[str, _Override] = {}

    # -- life cycle -------------------------------------------------------------------------

    def start(self) -> SiteServer:
        if self._server is not None:
            return self
        self._server = _Server((self.host, self.port), self)
        self.port = self._server.server_address[1]
        self.base_url = f"http://{self.host}:{self.port}"
        self._thread = threading.Thread(
            target=self._server.serve_forever,
            kwargs={"poll_interval": 0.05},
            name=f"sitesrv:{self.port}",
            daemon=True,
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        server, self._server = self._server, None
        if server is None:
            return
        server.shutdown()
        server.close_connections()
        server.server_close()
        if self._thread is not None:
            self._thread.join(timeout=5)

    def __enter__(self) -> SiteServer:
        return self.start()

    def __exit__(self, *exc_info: object) -> None:
        self.stop()

    def url(self, path: str = "/") -> str:
        """Absolute URL of ``path`` on this server."""
        return self.base_url + (path if path.startswith("/") else "/" + path)

    # -- request log ------------------------------------------------------------------------

    @property
    def requests(self) -> list[RecordedRequest]:
        """A copy of the request log, oldest first."""
        with self._lock:
            return list(self._requests)

    def requests_for(self, path_prefix: str) -> list[RecordedRequest]:
        return [r for r in self.requests if r.path.startswith(path_prefix)]

    def clear_requests(self) -> None:
        with self._lock:
            self._requests.clear()

    def _record(self, request: RecordedRequest) -> None:
        with self._lock:
            self._requests.append(request)

    # -- programming the site ---------------------------------------------------------------

    def add_route(self, path: str, handler: Handler) -> None:
        """Let ``handler`` answer ``path`` (exact, query ignored; ``/prefix/*`` for a subtree).
        A handler returning ``None`` falls through to the files."""
        with self._lock:
            self._routes[path] = handler

    def remove_route(self, path: str) -> None:
        with self._lock:
            self._routes.pop(path, None)

    def set_file(
        self,
        path: str,
        body: bytes | str,
        content_type: str | None = None,
        mtime: float | None = None,
    ) -> None:
        """Serve ``body`` at ``path`` instead of the file on disk (placeholders still apply).

        ``Last-Modified`` becomes ``mtime`` or now, and always moves at least one second past
        the previous version, so a client sending only ``If-Modified-Since`` sees the change.
        """
        data = body.encode("utf-8") if isinstance(body, str) else body
        with self._lock:
            previous = self._overrides.get(path)
            stamp = time.time() if mtime is None else mtime
            if mtime is None:
                before = previous.mtime if previous else self._disk_mtime(path)
                if before is not None:
                    stamp = max(stamp, int(before) + 1)
            self._overrides[path] = _Override(data, content_type, stamp)

    def remove_file(self, path: str) -> None:
        """Make ``path`` answer 404 even if a file exists on disk."""
        with self._lock:
            self._overrides[path] = _Override(None, None, time.time())

    def reset_files(self) -> None:
        """Forget every :meth:`set_file`/:meth:`remove_file` override."""
        with self._lock:
            self._overrides.clear()

    # -- answering --------------------------------------------------------------------------

    def _respond(self, request: RecordedRequest) -> Response:
        handler = self._route_for(request.url_path)
        if handler is not None:
            answer = handler(request)
            if answer is not None:
                return answer
        if request.method not in ("GET", "HEAD"):
            return Response(405, "method not allowed\n", {"Allow": "GET, HEAD"}, "text/plain")
        return self._serve_file(request)

    def _route_for(self, path: str) -> Handler | None:
        with self._lock:
            if path in self._routes:
                return self._routes[path]
            for pattern, handler in self._routes.items():
                if pattern.endswith("*") and path.startswith(pattern[:-1]):
                    return handler
        return None

    def _serve_file(self, request: RecordedRequest) -> Response:
        path = request.url_path
        if path.endswith("/"):
            path += "index.html"
        found = self._load(path)
        if found is None:
            return Response(404, f"not found: {path}\n", content_type="text/plain; charset=utf-8")
        raw, content_type, mtime = found
        body = self._substitute(path, raw)
        etag = etag_for(body)
        headers = {"ETag": etag, "Last-Modified": formatdate(mtime, usegmt=True)}
        if is_not_modified(request.headers, etag, mtime):
            return Response(304, b"", headers)
        return Response(200, body, headers, content_type or guess_content_type(path, body))

    def _load(self, path: str) -> tuple[bytes, str | None, float] | None:
        with self._lock:
            override = self._overrides.get(path)
        if override is not None:
            if override.body is None:
                return None
            return override.body, override.content_type, override.mtime
        file = self._disk_file(path)
        if file is None:
            return None
        return file.read_bytes(), None, file.stat().st_mtime

    def _disk_file(self, path: str) -> Path | None:
        if self.root is None:
            return None
        candidate = (self.root / path.lstrip("/")).resolve()
        if not candidate.is_relative_to(self.root):
            return None  # "/../" tricks never leave the root
        if candidate.is_dir():
            candidate = candidate / "index.html"
        return candidate if candidate.is_file() else None

    def _disk_mtime(self, path: str) -> float | None:
        file = self._disk_file(path)
        return file.stat().st_mtime if file else None

    def _substitute(self, path: str, body: bytes) -> bytes:
        if Path(path).suffix.lower() not in TEXT_SUFFIXES:
            return body
        return body.replace(PLACEHOLDER.encode(), self.base_url.encode())


def main(argv: list[str] | None = None) -> int:
    """``python -m testing.sitesrv ROOT``: print the base URL and serve until Ctrl-C."""
    parser = argparse.ArgumentParser(prog="python -m testing.sitesrv", description=main.__doc__)
    parser.add_argument("root", type=Path, help="directory to serve, e.g. seeds/demo")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=0, help="0 (default) picks a free port")
    parser.add_argument("--max-seconds", type=float, default=None, help="stop after this long")
    args = parser.parse_args(argv)
    if not args.root.is_dir():
        parser.error(f"not a directory: {args.root}")
    with SiteServer(args.root, args.host, args.port) as site:
        print(site.base_url, flush=True)
        try:
            if args.max_seconds is None:
                threading.Event().wait()
            else:
                time.sleep(args.max_seconds)
        except KeyboardInterrupt:
            pass
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
