"""The test server itself: a browser dropping a connection must not leak the response."""

import gc
import socket
import struct
import sys
import time

RESET_ON_CLOSE = struct.pack("ii", 1, 0)


def _reset_after_first_byte(server, path):
    """Ask for `path` announcing a body never sent, then reset the connection as soon as the
    answer starts: the server is draining the body when the reset arrives."""
    host, port = server.removeprefix("http://").split(":")
    with socket.create_connection((host, int(port))) as connection:
        connection.sendall(
            f"GET {path} HTTP/1.1\r\nHost: {host}\r\nContent-Length: 1000\r\n\r\n".encode()
        )
        connection.recv(1)
        connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, RESET_ON_CLOSE)


def test_static_files_are_closed_when_the_browser_resets_the_connection(live_server, monkeypatch):
    unraisable = []
    monkeypatch.setattr(sys, "unraisablehook", unraisable.append)
    for _ in range(300):
        _reset_after_first_byte(live_server, "/static/css/app.css")
    time.sleep(0.5)  # the handler threads finish after the client has gone
    gc.collect()
    assert [str(leak.exc_value) for leak in unraisable] == []
