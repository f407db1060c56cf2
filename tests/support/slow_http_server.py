#!/usr/bin/env python3
"""An HTTP server on 127.0.0.1 that answers every GET with a large body it sends very slowly
(1 KiB every 100 ms), so that tests can interrupt a download in the middle. Prints
"port N" once it listens. Stops by itself after 120 s."""
import http.server
import socketserver
import sys
import threading
import time


class Slow(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        self.send_response(200)
        self.send_header("Content-Length", str(50 * 1024 * 1024))
        self.end_headers()
        try:
            for _ in range(1200):
                self.wfile.write(b"\0" * 1024)
                self.wfile.flush()
                time.sleep(0.1)
        except (BrokenPipeError, ConnectionResetError):
            pass

    def log_message(self, *args):
        pass


with socketserver.ThreadingTCPServer(("127.0.0.1", 0), Slow) as server:
    server.daemon_threads = True
    print("port", server.server_address[1], flush=True)
    threading.Timer(120, server.shutdown).start()
    server.serve_forever()
sys.exit(0)
