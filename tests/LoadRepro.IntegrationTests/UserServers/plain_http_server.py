#!/usr/bin/env python3
"""A plain-socket HTTP/1.1 server that is not Kestrel, for tests of --server-cmd and discovery.

usage: plain_http_server.py PORT [--leak] [--chunked] [--workers N] [--tag TEXT]

Answers every request with 200 "ok". With --leak it never closes a connection after the peer's FIN (the CLOSE_WAIT bug:
each one keeps its descriptor until EMFILE); without it, it closes once the peer has closed. With --workers N the parent
binds and listens, then forks N workers that all accept on the one listener (a pre-fork server). With --chunked the body
comes in chunks (Transfer-Encoding: chunked, as a Kestrel app that writes a string answers), one with an extension, then
a trailer. --tag only marks the command line, so a test can find its processes.
"""
import errno
import os
import selectors
import signal
import socket
import sys
import time

RESPONSE = b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\nContent-Type: text/plain\r\n\r\nok"
CHUNKED = (b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nContent-Type: text/plain\r\n\r\n"
           b"2\r\nok\r\n1;note=x\r\n!\r\n0\r\nX-Trailer: done\r\n\r\n")


def serve(listener, leak, response):
    sel = selectors.DefaultSelector()
    listener.setblocking(False)
    sel.register(listener, selectors.EVENT_READ)
    held = []  # the leak keeps every finished connection referenced, so nothing closes it
    buffers = {}
    while True:
        for key, _ in sel.select(timeout=1):
            sock = key.fileobj
            if sock is listener:
                try:
                    conn, _ = listener.accept()
                except OSError as e:
                    if e.errno in (errno.EMFILE, errno.ENFILE):
                        time.sleep(0.01)  # at the limit: the backlog fills, as in a real server
                    continue
                conn.setblocking(False)
                buffers[conn] = b""
                sel.register(conn, selectors.EVENT_READ)
                continue
            try:
                data = sock.recv(4096)
            except OSError:
                data = b""
            if not data:
                sel.unregister(sock)
                buffers.pop(sock, None)
                if leak:
                    held.append(sock)
                else:
                    sock.close()
                continue
            buffers[sock] += data
            while b"\r\n\r\n" in buffers[sock]:
                _, _, buffers[sock] = buffers[sock].partition(b"\r\n\r\n")
                try:
                    sock.sendall(response)
                except OSError:
                    pass


def main():
    args = sys.argv[1:]
    port = int(args[0])
    leak = "--leak" in args
    workers = int(args[args.index("--workers") + 1]) if "--workers" in args else 0
    response = CHUNKED if "--chunked" in args else RESPONSE
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    listener.bind(("127.0.0.1", port))
    listener.listen(128)
    if workers == 0:
        serve(listener, leak, response)
        return
    children = []
    for _ in range(workers):
        pid = os.fork()
        if pid == 0:
            serve(listener, leak, response)
            os._exit(0)
        children.append(pid)

    def stop(signum, frame):
        for child in children:
            try:
                os.kill(child, signal.SIGTERM)
            except ProcessLookupError:
                pass
        sys.exit(0)

    signal.signal(signal.SIGTERM, stop)
    while True:
        time.sleep(1)


if __name__ == "__main__":
    main()
