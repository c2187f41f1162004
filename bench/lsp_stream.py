#!/usr/bin/env python3
"""Writes an LSP session to stdout for `dockls --stdio`: initialize, open
FILE, then KEYS keystrokes at LINE:COL (0-based; an "x" typed, then deleted
again, so the text returns to the original every two keystrokes), shutdown
and exit.  Fed to the server under callgrind with
`--toggle-collect=proto_call_did_change`, it counts the instructions of a
whole keystroke as the editor sees it: the edit, the analysis and the
publishDiagnostics written to the client (docs/performance.md).

Usage: lsp_stream.py FILE KEYS LINE:COL [LANGUAGE_ID] > session
"""
import json
import os
import sys


def frame(message):
    body = json.dumps(message, separators=(",", ":")).encode()
    return b"Content-Length: %d\r\n\r\n" % len(body) + body


def main():
    path, keys, at = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    line, col = (int(x) for x in at.split(":"))
    name = os.path.basename(path)
    language = sys.argv[4] if len(sys.argv) > 4 else (
        "dockercompose" if name.endswith((".yml", ".yaml")) else "dockerfile")
    uri = "file://" + os.path.abspath(path)
    with open(path, encoding="utf-8") as f:
        text = f.read()
    out = sys.stdout.buffer
    out.write(frame({"jsonrpc": "2.0", "id": 1, "method": "initialize",
                     "params": {"capabilities": {}, "rootUri": None}}))
    out.write(frame({"jsonrpc": "2.0", "method": "initialized", "params": {}}))
    out.write(frame({"jsonrpc": "2.0", "method": "textDocument/didOpen",
                     "params": {"textDocument": {"uri": uri, "languageId": language,
                                                 "version": 1, "text": text}}}))
    here = {"line": line, "character": col}
    after = {"line": line, "character": col + 1}
    for k in range(keys):
        typed = k % 2 == 0
        change = {"range": {"start": here, "end": here if typed else after},
                  "text": "x" if typed else ""}
        out.write(frame({"jsonrpc": "2.0", "method": "textDocument/didChange",
                         "params": {"textDocument": {"uri": uri, "version": k + 2},
                                    "contentChanges": [change]}}))
    out.write(frame({"jsonrpc": "2.0", "id": 2, "method": "shutdown"}))
    out.write(frame({"jsonrpc": "2.0", "method": "exit"}))


if __name__ == "__main__":
    main()
