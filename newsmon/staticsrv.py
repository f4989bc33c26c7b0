"""A small static file server on 127.0.0.1 for ``newsmon demo`` (standard library only).

Serves one folder on a free loopback port. Text files may hold ``{{BASE_URL}}``; it becomes the
server's base URL when served, so the demo's feeds carry absolute links although the port is only
known at start. Feeds are labelled with their feed content types.
"""

from __future__ import annotations

import mimetypes
import threading
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

PLACEHOLDER = b"{{BASE_URL}}"
_TEXT_TYPES = {
    ".html": "text/html",
    ".txt": "text/plain",
    ".xml": "application/xml",
    ".json": "application/json",
}
_FEED_MARKERS = ((b"<rss", "application/rss+xml"), (b"<feed", "application/atom+xml"))


def content_type(path: Path, body: bytes) -> str:
    """The served type: feeds by their root element, other text as utf-8, the rest by suffix."""
    suffix = path.suffix.lower()
    if suffix == ".xml":
        head = body[:2048].lower()
        kind = next((k for marker, k in _FEED_MARKERS if marker in head), _TEXT_TYPES[suffix])
        return f"{kind}; charset=utf-8"
    if suffix in _TEXT_TYPES:
        return f"{_TEXT_TYPES[suffix]}; charset=utf-8"
    return mimetypes.guess_type(path.name)[0] or "application/octet-stream"


class _Handler(SimpleHTTPRequestHandler):
    """Files under the served folder, with ``{{BASE_URL}}`` filled in; quiet logs."""

    base_url = ""

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass

    def send_head(self):  # type: ignore[no-untyped-def]
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        if not path.is_file():
            self.send_error(404, "not found")
            return None
        body = path.read_bytes()
        if path.suffix.lower() in _TEXT_TYPES:
            body = body.replace(PLACEHOLDER, self.base_url.encode())
        self.send_response(200)
        self.send_header("Content-Type", content_type(path, body))
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return _Body(body)


class _Body:
    """The file object ``SimpleHTTPRequestHandler`` copies to the socket, over bytes in memory."""

    def __init__(self, data: bytes):
        self.data = data

    def read(self, size: int = -1) -> bytes:
        data, self.data = (self.data, b"") if size < 0 else (self.data[:size], self.data[size:])
        return data

    def close(self) -> None:
        self.data = b""


class StaticServer:
    """``with StaticServer(folder) as site: site.url("/feeds/rss.xml")`` serves on 127.0.0.1."""

    def __init__(self, root: Path | str):
        self.root = Path(root).resolve()
        handler: type[_Handler] = type("Handler", (_Handler,), {})
        serve = partial(handler, directory=str(self.root))
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), serve)
        self._server.daemon_threads = True
        self.base_url = f"http://127.0.0.1:{self._server.server_address[1]}"
        handler.base_url = self.base_url
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    def url(self, path: str = "/") -> str:
        return self.base_url + ("" if path.startswith("/") else "/") + path

    def __enter__(self) -> StaticServer:
        self._thread.start()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(timeout=5)
