#!/usr/bin/env python3
"""tests/httpd.py - the loopback HTTP server of the download tests.

    python3 tests/httpd.py LOG

Listens on 127.0.0.1, on a free port it prints on the first line of its
standard output, and appends to LOG one line per event:

    conn N          a connection accepted (N: how many so far)
    req PATH        a request (path and query as sent)
    inflight K      requests being answered at once, K counting this one

A request counts as in flight from when it is read until its answer
starts, so a client that waits for answers before asking again is never
seen above its own parallel limit.

Paths (every body is generated: byte i of a body is
(seed + 131 * i) % 251, seed the sum of the bytes of PATH?QUERY modulo 251,
so a test knows what it must receive from the URL alone):

    /b/SIZE/NAME        SIZE bytes; Content-Type from NAME's extension
        ?type=T         ... that Content-Type instead ("none": no header)
        ?delay=MS       ... answered after MS milliseconds
        ?nolen=1        ... no Content-Length, the connection closed at the end
    /redir/N/REST       302 to /redir/N-1/REST, and at 0 to /REST
    /to?loc=URL         302 to URL (any scheme)
    /wp/NAME            the files of a WordPress upload directory (WP_FILES)
    anything else       404

Standard library only; stops on SIGTERM.
"""
import sys
import threading
import time
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

TYPES = {"jpg": "image/jpeg", "jpeg": "image/jpeg", "png": "image/png", "gif": "image/gif",
         "webp": "image/webp", "svg": "image/svg+xml"}
# an original and its resized copy; a resized copy whose original is gone;
# an original that WordPress.com resizes by query
WP_FILES = {"photo.jpg": 3000, "photo-300x200.jpg": 700, "only-640x480.png": 900,
            "pic.jpg": 2500, "big.jpg": 2 << 20, "big-1024x768.jpg": 4000}

LOCK = threading.Lock()
STATE = {"conns": 0, "inflight": 0}
LOG = None


def log(line):
    with LOCK:
        LOG.write(line + "\n")
        LOG.flush()


def body_bytes(target, size):
    seed = sum(target.encode("latin-1", "replace")) % 251
    # the pattern repeats every 251 bytes (131 * 251 is 0 modulo 251)
    pattern = bytes((seed + 131 * i) % 251 for i in range(251)) * 64
    full, rest = divmod(size, len(pattern))
    for _ in range(full):
        yield pattern
    if rest:
        yield pattern[:rest]


class Server(ThreadingHTTPServer):
    daemon_threads = True

    def process_request(self, request, client_address):
        with LOCK:
            STATE["conns"] += 1
            n = STATE["conns"]
        log("conn %d" % n)
        super().process_request(request, client_address)

    def handle_error(self, request, client_address):
        pass  # a client that hung up (timeouts, size limits): expected


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def do_GET(self):
        log("req " + self.path)
        with LOCK:
            STATE["inflight"] += 1
            k = STATE["inflight"]
        log("inflight %d" % k)
        answered = False
        try:
            url = urllib.parse.urlsplit(self.path)
            q = dict(urllib.parse.parse_qsl(url.query))
            if "delay" in q:
                time.sleep(int(q["delay"]) / 1000.0)
            with LOCK:
                STATE["inflight"] -= 1
            answered = True
            self.route(url, q)
        except (BrokenPipeError, ConnectionResetError):
            self.close_connection = True
        finally:
            if not answered:
                with LOCK:
                    STATE["inflight"] -= 1

    def route(self, url, q):
        parts = url.path.split("/")
        if len(parts) >= 4 and parts[1] == "b" and parts[2].isdigit():
            ctype = q.get("type", TYPES.get(parts[-1].rsplit(".", 1)[-1].lower(), "application/octet-stream"))
            self.send_body(int(parts[2]), ctype, q.get("nolen") == "1")
        elif len(parts) >= 4 and parts[1] == "redir" and parts[2].isdigit():
            n = int(parts[2])
            rest = "/".join(parts[3:])
            loc = "/redir/%d/%s" % (n - 1, rest) if n > 0 else "/" + rest
            if url.query:
                loc += "?" + url.query
            self.redirect(loc)
        elif url.path == "/to" and "loc" in q:
            self.redirect(q["loc"])
        elif len(parts) == 3 and parts[1] == "wp" and parts[2] in WP_FILES:
            ext = parts[2].rsplit(".", 1)[-1]
            self.send_body(WP_FILES[parts[2]], TYPES.get(ext, "image/jpeg"), False)
        else:
            self.send_error(404)

    def redirect(self, loc):
        self.send_response(302)
        self.send_header("Location", loc)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def send_body(self, size, ctype, nolen):
        self.send_response(200)
        if ctype != "none":
            self.send_header("Content-Type", ctype)
        if nolen:
            self.send_header("Connection", "close")
            self.close_connection = True
        else:
            self.send_header("Content-Length", str(size))
        self.end_headers()
        for chunk in body_bytes(self.path, size):
            self.wfile.write(chunk)


def main():
    global LOG
    LOG = open(sys.argv[1], "a", encoding="ascii")
    server = Server(("127.0.0.1", 0), Handler)
    print(server.server_address[1], flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()
