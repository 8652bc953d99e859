"""A small HTTP receiver for the webhook tests, run as its own process:

    python -m tests.webhooks.receiver LOG_FILE [--fail N] [--status CODE]

Listens on 127.0.0.1 on a free port, prints "listening PORT" once ready, and appends each POST it
gets to LOG_FILE as one JSON line (path, headers, body). Answers the first N requests with 500
(or --status), then 200.
"""

from __future__ import annotations

import argparse
import json
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("log")
    parser.add_argument("--fail", type=int, default=0)
    parser.add_argument("--status", type=int, default=500)
    options = parser.parse_args()
    lock = threading.Lock()
    state = {"seen": 0}

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:  # noqa: N802 (http.server's name)
            length = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(length)
            with lock:
                state["seen"] += 1
                failing = state["seen"] <= options.fail
                with open(options.log, "a", encoding="utf-8") as log:
                    record = {
                        "path": self.path,
                        "headers": dict(self.headers.items()),
                        "body": body.decode("utf-8"),
                        "answered": options.status if failing else 200,
                    }
                    log.write(json.dumps(record) + "\n")
            status = options.status if failing else 200
            answer = b"nope" if failing else b"ok"
            self.send_response(status)
            self.send_header("Content-Type", "text/plain")
            self.send_header("Content-Length", str(len(answer)))
            self.end_headers()
            self.wfile.write(answer)

        def log_message(self, format, *args) -> None:  # noqa: A002
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    print(f"listening {server.server_address[1]}", flush=True)
    try:
        server.serve_forever()
    finally:
        server.server_close()
        sys.stdout.flush()


if __name__ == "__main__":
    main()
