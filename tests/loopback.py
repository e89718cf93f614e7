"""A static site served on loopback, as a static host serves it: for the browser tests and
the search benchmark alike (not a test module: conftest.py and benchmarks/ import it)."""

from __future__ import annotations

import contextlib
import functools
import gzip
import http.server
import io
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any, BinaryIO

TEXT = {".js", ".json", ".html", ".css"}


class Server(http.server.ThreadingHTTPServer):
    # The standard library's backlog of 5 drops connections when a page opens more at
    # once (a search fetches index chunks, filters and ten fragments), and the browser
    # waits a second to retry; a real web server keeps hundreds waiting.
    request_queue_size = 128


class Handler(http.server.SimpleHTTPRequestHandler):
    """Quiet; connections kept open between requests (HTTP/1.1), as a production server
    keeps them; optionally text gzipped and every byte sent counted by path (counting
    at the server sees what Pagefind's web worker fetches, which page events do not)."""

    protocol_version = "HTTP/1.1"

    def __init__(self, *args: Any, compress: bool, sent: dict[str, int] | None, **kw: Any) -> None:
        self.compress, self.sent = compress, sent
        super().__init__(*args, **kw)

    def log_message(self, format: str, *args: object) -> None:
        pass

    def copyfile(self, source: BinaryIO, outputfile: BinaryIO) -> None:  # type: ignore[override]
        data = source.read()
        if self.sent is not None:
            self.sent[self.path] = self.sent.get(self.path, 0) + len(data)
        outputfile.write(data)

    def send_head(self) -> BinaryIO | None:  # type: ignore[override]
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        if not (self.compress and path.suffix in TEXT and path.is_file()):
            return super().send_head()  # type: ignore[no-any-return]
        data = gzip.compress(path.read_bytes())
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        return io.BytesIO(data)


@contextlib.contextmanager
def serving(
    directory: Path, *, compress: bool = False, sent: dict[str, int] | None = None
) -> Iterator[str]:
    """The site in ``directory`` at the URL yielded, until the block ends."""
    handler = functools.partial(Handler, directory=str(directory), compress=compress, sent=sent)
    server = Server(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
