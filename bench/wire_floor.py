#!/usr/bin/env python3
"""The wire floor of a keystroke: how long the client needs just to receive
the publishDiagnostics message of a file, whatever the server does.

The Language Server Protocol sends a document's full diagnostic list on
every change, so a file with thousands of findings moves hundreds of KB
per keystroke.  This measures that transfer alone: the largest
publishDiagnostics dockls sends for FILE (found by running
`dockls --stdio` over a short session from bench/lsp_stream.py) is written
by a process that does nothing else, through a pipe, to a reader that
reads it as the benchmark driver does (header lines, then the body), and
the round trip from the request byte to the last body byte is timed.
The typing latency of any server for that file cannot go below it.

It is measured twice: through a pipe of Linux's default 64 KiB, and
through one widened to 1 MiB as dockls widens its own output
(transport_widen_output).  Through the narrow pipe the writer stalls
every 64 KiB until the reader has taken the piece, and both sides wake
once per piece.

Usage: wire_floor.py DOCKLS FILE... (prints one Markdown row per file)
"""
import io
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROUNDS = 200

# The writer answers each request byte with the whole message in one
# write: nothing but the system call stands between request and reply.
WRITER = r"""
import fcntl, os, sys
msg = open(sys.argv[1], "rb").read()
if int(sys.argv[2]):
    fcntl.fcntl(1, 1031, int(sys.argv[2]))  # F_SETPIPE_SZ
while os.read(0, 1):
    view = memoryview(msg)
    while view:
        view = view[os.write(1, view):]
"""


def largest_publish(dockls, path):
    """The framed bytes and diagnostic count of the largest publish."""
    session = subprocess.run([sys.executable, os.path.join(HERE, "lsp_stream.py"), path, "2", "0:0"],
                             check=True, capture_output=True).stdout
    out = subprocess.run([dockls, "--stdio"], input=session, check=True, capture_output=True).stdout
    best, count, at = b"", 0, 0
    while True:
        head = out.find(b"\r\n\r\n", at)
        if head < 0:
            break
        length = int(out[at:head].split(b":")[1])
        body = out[head + 4:head + 4 + length]
        at = head + 4 + length
        msg = json.loads(body)
        if msg.get("method") == "textDocument/publishDiagnostics" and len(body) > len(best):
            best, count = body, len(msg["params"]["diagnostics"])
    return b"Content-Length: %d\r\n\r\n" % len(best) + best, count


def floor_ms(message, pipe_bytes):
    with tempfile.NamedTemporaryFile(delete=False) as f:
        f.write(message)
    try:
        # Buffered reading of the reply, as the driver's reader does (its
        # pipe has Python's default buffering); the request goes unbuffered.
        writer = subprocess.Popen([sys.executable, "-c", WRITER, f.name, str(pipe_bytes)], stdin=subprocess.PIPE,
                                  stdout=subprocess.PIPE, bufsize=0)
        reader = io.BufferedReader(writer.stdout)
        samples = []
        for _ in range(ROUNDS):
            start = time.perf_counter()
            writer.stdin.write(b"\n")
            length = None
            while True:
                line = reader.readline().strip()
                if not line:
                    break
                length = int(line.split(b":")[1])
            body = b""
            while len(body) < length:
                body += reader.read(length - len(body))
            samples.append((time.perf_counter() - start) * 1000)
        writer.stdin.close()
        writer.wait()
    finally:
        os.unlink(f.name)
    samples.sort()
    return statistics.median(samples), samples[int(len(samples) * 0.95)]


def main():
    dockls, files = sys.argv[1], sys.argv[2:]
    print("| file | lines | diagnostics | publish bytes | floor, 1 MiB pipe: median ms | p95 "
          "| floor, 64 KiB pipe: median ms | p95 |")
    print("|---|---|---|---|---|---|---|---|")
    for path in files:
        message, count = largest_publish(dockls, path)
        wide = floor_ms(message, 1 << 20)
        narrow = floor_ms(message, 0)
        with open(path, "rb") as f:
            lines = f.read().count(b"\n")
        print("| %s | %d | %d | %d | %.3f | %.3f | %.3f | %.3f |" % (os.path.basename(path), lines, count,
                                                                  len(message), *wide, *narrow))


if __name__ == "__main__":
    main()
