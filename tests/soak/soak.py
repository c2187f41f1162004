#!/usr/bin/env python3
"""Differential soak: random edits through the real server, each checked
against the same text opened fresh.

Two `dockls --stdio` processes run side by side.  The first (the editor's
server) opens a file and receives random didChanges: insertions, deletions,
pastes of whole lines taken from other files of the same kind, CRLF line
ends, multi-byte characters, edits inside heredocs and line continuations,
several changes in one didChange and whole-text replacements.  After each
didChange the diagnostics it publishes for that version are compared with
what the second process publishes when the same text is opened there fresh
(didOpen, then didClose, so that the next check is fresh too).  Any
difference is a mismatch: the text and both lists are written to the output
folder.  The first server's resident memory (VmRSS from /proc) is sampled
as it runs.

Usage:
  soak.py --server build/dockls --edits 100000 --corpus ../shared/corpus
  soak.py --server build/dockls --edits 2000 --rule-cases tests/rules --inputs tests/cli/project

Exit status: 0 when there is no mismatch and memory stayed flat, 1 otherwise,
2 for bad arguments.  Python 3 standard library only.
"""
import argparse
import bisect
import json
import os
import random
import re
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "fuzz"))
from seed_corpus import case_sections  # noqa: E402  (the rule cases' files, shared with the fuzz seeds)

# Pieces typed at random places: what joins, splits or opens things in
# either language, and characters of one to four UTF-8 bytes (the last
# two units in UTF-16).
PIECES = [
    " ", "\n", "\r\n", "\t", "\\\n", "`\n", "\\", "#", "\"", "'", "$", "${A}", "[", "]", "{", "}", ":", ": ", "- ",
    "&&", " | ", ";", "é", "ß", "日本", "😀", "\u00a0", "RUN ", "FROM ", " AS ", "<<EOF\n", "EOF\n", "<<-END\n",
    "END\n", "--from=build ", "\n  ", "\n    ", "x", "0", "80:80", "*a", "&a", "<<: *a", "|\n", ">-\n",
]

# How the server is asked to publish: pushed, in UTF-16 positions (the
# protocol's default, the one with the most conversion to get wrong).
INITIALIZE = {
    "processId": None,
    "capabilities": {"textDocument": {"publishDiagnostics": {"relatedInformation": True, "versionSupport": True}}},
}

LINE_BREAK = re.compile(r"\r\n|\r|\n")


class Server:
    """One dockls process over pipes, spoken to in framed JSON-RPC."""

    def __init__(self, binary, root):
        self.proc = subprocess.Popen([binary, "--stdio"], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                     stderr=subprocess.DEVNULL)
        self.next_id = 1
        params = dict(INITIALIZE, rootUri="file://" + root)
        self.request("initialize", params)
        self.notify("initialized", {})

    def send(self, message):
        body = json.dumps(message, ensure_ascii=False).encode("utf-8")
        self.proc.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.proc.stdin.flush()

    def notify(self, method, params):
        self.send({"jsonrpc": "2.0", "method": method, "params": params})

    def read(self):
        length = None
        while True:
            line = self.proc.stdout.readline()
            if not line:
                raise RuntimeError("the server closed its output (exit status %s)" % self.proc.poll())
            line = line.strip()
            if not line:
                break
            name, _, value = line.partition(b":")
            if name.strip().lower() == b"content-length":
                length = int(value)
        body = self.proc.stdout.read(length)
        try:
            message = json.loads(body.decode("utf-8"))
        except ValueError as e:
            # A message that is not UTF-8 JSON is a bug of the server.
            raise RuntimeError("the server wrote a message that is not UTF-8 JSON (%s): %r" % (e, body[:4000]))
        # A request of the server (none is expected with these
        # capabilities) gets an empty answer so that it never waits.
        if "method" in message and "id" in message:
            self.send({"jsonrpc": "2.0", "id": message["id"], "result": None})
        return message

    def request(self, method, params):
        rid = self.next_id
        self.next_id += 1
        self.send({"jsonrpc": "2.0", "id": rid, "method": method, "params": params})
        while True:
            message = self.read()
            if message.get("id") == rid and "method" not in message:
                if "error" in message:
                    raise RuntimeError("%s failed: %s" % (method, message["error"]))
                return message.get("result")

    def diagnostics(self, uri, version):
        """The diagnostics published for `uri` at `version`."""
        while True:
            message = self.read()
            if message.get("method") != "textDocument/publishDiagnostics":
                continue
            params = message["params"]
            if params["uri"] == uri and params.get("version") == version:
                return params["diagnostics"]

    def rss_kib(self):
        with open("/proc/%d/status" % self.proc.pid) as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
        return 0

    def close(self):
        try:
            self.request("shutdown", None)
            self.notify("exit", None)
            self.proc.stdin.close()
            return self.proc.wait(timeout=30)
        except (RuntimeError, BrokenPipeError, subprocess.TimeoutExpired):
            self.proc.kill()
            return self.proc.wait()


def lsp_position(text, starts, index):
    """The LSP position (UTF-16 characters) of code point `index`."""
    line = bisect.bisect_right(starts, index) - 1
    return {"line": line, "character": len(text[starts[line]:index].encode("utf-16-le")) // 2}


def line_starts(text):
    return [0] + [m.end() for m in LINE_BREAK.finditer(text)]


def snap(text, index):
    """An index that does not fall between the CR and LF of one line end
    (no LSP position names that place)."""
    if 0 < index < len(text) and text[index - 1] == "\r" and text[index] == "\n":
        return index - 1
    return index


def interesting_spots(text):
    """Where edits matter most: heredoc openers and bodies, continuations."""
    spots = [m.start() for m in re.finditer(r"<<-?\w|\\\r?\n|`\r?\n|\n\w+\r?\n", text)]
    return spots


class Editor:
    """Random edits of one text, kept in step with the server."""

    def __init__(self, rng, pastes):
        self.rng = rng
        self.pastes = pastes

    def one_change(self, text, limit):
        """One change of `text` within [0, limit]: (start, end, new text)."""
        rng = self.rng
        spots = interesting_spots(text[:limit]) if rng.random() < 0.3 else []
        if spots:
            a = min(limit, max(0, rng.choice(spots) + rng.randint(-8, 16)))
        else:
            a = rng.randint(0, limit)
        a = snap(text, a)
        kind = rng.random()
        if kind < 0.35:
            return a, a, rng.choice(PIECES)
        if kind < 0.6:
            b = snap(text, min(limit, a + rng.randint(1, 40)))
            return a, b, ""
        if kind < 0.75 and self.pastes:
            # A whole line of another file, pasted at a line start.
            a = snap(text, text.rfind("\n", 0, a) + 1)
            return a, a, rng.choice(self.pastes)
        if kind < 0.85:
            # A line end turned from LF to CRLF or back.
            ends = [m.start() for m in LINE_BREAK.finditer(text[:limit])]
            if ends:
                e = rng.choice(ends)
                if text.startswith("\r\n", e):
                    return e, e + 2, "\n"
                return e, e + 1, "\r\n"
            return a, a, "\r\n"
        b = snap(text, min(limit, a + rng.randint(0, 12)))
        return a, b, rng.choice(PIECES) + rng.choice(PIECES)

    def did_change(self, text, grow_ok):
        """(new text, contentChanges) for one didChange."""
        rng = self.rng
        if rng.random() < 0.01:
            # A whole-text replacement, as some clients send.
            a = rng.randint(0, len(text))
            new = text[:a] + rng.choice(PIECES) + text[a:]
            return new, [{"text": new}]
        changes = []
        count = 2 if rng.random() < 0.1 else 1
        limit = len(text)
        for _ in range(count):
            a, b, piece = self.one_change(text, limit)
            if not grow_ok:
                b, piece = max(b, snap(text, min(len(text), a + 20))), ""
            starts = line_starts(text)
            changes.append({"range": {"start": lsp_position(text, starts, a), "end": lsp_position(text, starts, b)},
                            "text": piece})
            text = text[:a] + piece + text[b:]
            # The next change of the same didChange lies before this one,
            # where positions are those of the text before it.
            limit = a
        return text, changes


def kind_of(path):
    """The languageId a file is opened with, by its path; None for others."""
    lowered = path.lower()
    if "compose" in os.path.basename(lowered) and not lowered.endswith((".md", ".txt")):
        return "dockercompose"
    if "compose" in lowered and lowered.endswith((".yml", ".yaml", ".bin")):
        return "dockercompose"
    if "dockerfile" in lowered or "containerfile" in lowered:
        return "dockerfile"
    return None


def gather_rule_cases(folder):
    """(kind, name, text) for the Dockerfiles and compose files that the
    rule cases under `folder` hold."""
    found = []
    for root, _dirs, names in os.walk(folder):
        for name in sorted(names):
            if not name.endswith(".txt"):
                continue
            path = os.path.join(root, name)
            for section, data in case_sections(path, lambda n: kind_of(n) is not None):
                # A NUL byte cannot travel in LSP JSON (the server refuses
                # the message and publishes nothing), as for gather's files.
                if b"\0" in data:
                    continue
                try:
                    found.append((kind_of(section), "%s:%s" % (path, section), data.decode("utf-8")))
                except UnicodeDecodeError:
                    continue
    return found


def gather(paths):
    """(kind, name, text) for every Dockerfile and compose file found."""
    found = []
    for top in paths:
        walk = [(top, [], [os.path.basename(top)])] if os.path.isfile(top) else os.walk(top)
        for root, _dirs, names in walk:
            root = os.path.dirname(top) if os.path.isfile(top) else root
            for name in sorted(names):
                path = os.path.join(root, name)
                kind = kind_of(path)
                if kind is None:
                    continue
                try:
                    with open(path, "rb") as f:
                        data = f.read()
                    if len(data) > 64 * 1024 or b"\0" in data:
                        continue
                    found.append((kind, path, data.decode("utf-8")))
                except (UnicodeDecodeError, OSError):
                    continue
    return found


def write_mismatch(out_dir, count, record):
    os.makedirs(out_dir, exist_ok=True)
    path = os.path.join(out_dir, "mismatch-%d.json" % count)
    with open(path, "w", encoding="utf-8") as f:
        json.dump(record, f, indent=1, ensure_ascii=False)
    return path


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--server", required=True, help="the dockls binary")
    ap.add_argument("--edits", type=int, default=2000)
    ap.add_argument("--per-file", type=int, default=50, help="edits before the next file is opened")
    ap.add_argument("--seed", type=int, default=14)
    ap.add_argument("--folders", type=int, default=16, help="folders the opened files take turns in")
    ap.add_argument("--corpus", help="a folder with dockerfiles/ and compose/ (skipped when absent)")
    ap.add_argument("--inputs", nargs="*", default=[], help="more files or folders")
    ap.add_argument("--rule-cases", help="a folder of rule cases (tests/rules) whose files are edited too")
    ap.add_argument("--out", default="soak-out", help="where mismatches are written")
    ap.add_argument("--rss-growth-kib", type=int, default=16384,
                    help="largest growth of VmRSS allowed between the first sample after warm-up and the end "
                         "(negative: not checked)")
    args = ap.parse_args()

    sources = list(args.inputs)
    if args.corpus:
        if os.path.isdir(args.corpus):
            sources += [os.path.join(args.corpus, "dockerfiles"), os.path.join(args.corpus, "compose")]
        else:
            print("soak: %s is not present; using --inputs only" % args.corpus, file=sys.stderr)
    files = gather(sources)
    if args.rule_cases:
        files += gather_rule_cases(args.rule_cases)
    if not files:
        print("soak: no Dockerfile or compose file found in %s" % sources, file=sys.stderr)
        return 2
    rng = random.Random(args.seed)
    rng.shuffle(files)
    pastes = {kind: [] for kind in ("dockerfile", "dockercompose")}
    for kind, _name, text in files:
        lines = [l for l in text.splitlines(keepends=True) if l.strip()]
        pastes[kind].extend(lines[:40])

    root = tempfile.mkdtemp(prefix="dockls-soak-")
    edited, fresh = Server(args.server, root), Server(args.server, root)
    mismatches, edits, checked_files, version, compared = 0, 0, 0, 0, 0
    samples = []
    started = time.monotonic()
    warm = max(1, args.edits // 10)
    try:
        while edits < args.edits:
            kind, name, text = files[checked_files % len(files)]
            checked_files += 1
            # The files take turns in a few folders, as an editor's files
            # do in a project: the server caches what it learns about a
            # path (fs_cache), so a new folder for every file would grow
            # memory with the count of paths, not with the edits.
            uri = "file://%s/%d/%s" % (root, checked_files % args.folders,
                                       "Dockerfile" if kind == "dockerfile" else "compose.yaml")
            editor = Editor(rng, pastes[kind])
            version += 1
            edited.notify("textDocument/didOpen",
                          {"textDocument": {"uri": uri, "languageId": kind, "version": version, "text": text}})
            edited.diagnostics(uri, version)
            limit = 3 * len(text) + 2000
            for _ in range(min(args.per_file, args.edits - edits)):
                text, changes = editor.did_change(text, len(text) < limit)
                version += 1
                edits += 1
                edited.notify("textDocument/didChange",
                              {"textDocument": {"uri": uri, "version": version}, "contentChanges": changes})
                got = edited.diagnostics(uri, version)
                fresh.notify("textDocument/didOpen",
                             {"textDocument": {"uri": uri, "languageId": kind, "version": version, "text": text}})
                want = fresh.diagnostics(uri, version)
                fresh.notify("textDocument/didClose", {"textDocument": {"uri": uri}})
                compared += len(want)
                if got != want:
                    mismatches += 1
                    if mismatches <= 20:
                        path = write_mismatch(args.out, mismatches, {
                            "file": name, "edit": edits, "changes": changes, "text": text,
                            "incremental": got, "fresh": want})
                        print("soak: mismatch at edit %d of %s (%s)" % (edits, name, path), file=sys.stderr)
                if edits % 1000 == 0 or edits == warm:
                    samples.append((edits, edited.rss_kib()))
                if edits % 10000 == 0:
                    print("soak: %d edits, %d mismatches, rss %d KiB, %.0f s" %
                          (edits, mismatches, samples[-1][1], time.monotonic() - started), file=sys.stderr)
            edited.notify("textDocument/didClose", {"textDocument": {"uri": uri}})
        samples.append((edits, edited.rss_kib()))
    finally:
        edited_status, fresh_status = edited.close(), fresh.close()
        os.rmdir(root)
    after_warm = [kib for at, kib in samples if at >= warm]
    rss_start, rss_end = after_warm[0], after_warm[-1]
    rss_max = max(kib for _at, kib in samples)
    elapsed = time.monotonic() - started
    summary = {"edits": edits, "files_opened": checked_files, "distinct_files": len(files),
               "diagnostics_compared": compared, "mismatches": mismatches, "rss_kib_after_warmup": rss_start, "rss_kib_end": rss_end,
               "rss_kib_max": rss_max, "seconds": round(elapsed, 1), "server_exit": [edited_status, fresh_status]}
    print(json.dumps(summary))
    flat = args.rss_growth_kib < 0 or rss_end - rss_start <= args.rss_growth_kib
    if not flat:
        print("soak: resident memory grew by %d KiB after warm-up" % (rss_end - rss_start), file=sys.stderr)
    return 0 if mismatches == 0 and flat and edited_status == 0 and fresh_status == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
