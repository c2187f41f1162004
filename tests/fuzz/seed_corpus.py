#!/usr/bin/env python3
"""Gathers the seed inputs of one fuzz target into a folder.

The committed seeds (tests/fuzz/seeds/<target>) are small and written for
the targets; this adds what the rest of the repository holds (the LSP
transcripts framed as a client stream, the regression inputs, the CLI
fixture project, the Dockerfile grammar) and, when it is present, the
shared corpus of real files, which is read from where it is and never
copied into the repository.  Usage: seed_corpus.py TARGET OUT_DIR [CORPUS].
Python 3 standard library only.
"""
import json
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))

# Edit operations appended to a real file for the edits target: a few of
# each kind (see decode_change in fuzz_edits.c), so that every seed starts
# by editing.
EDIT_OPS = bytes([0, 0, 10, 3, 5, 1, 0, 20, 6, 0, 2, 0, 5, 2, 13, 3, 0, 30, 1, 4, 0xC3, 0xA9, 0x0A, 0x41,
                  4, 2, 3, 1, 5, 0, 40, 2, 20, 0, 5, 7])
LARGEST_EDIT_SEED = 4096


def files_under(folder):
    if not os.path.isdir(folder):
        return []
    found = []
    for root, _dirs, names in os.walk(folder):
        found.extend(os.path.join(root, n) for n in sorted(names))
    return sorted(found)


def read(path):
    with open(path, "rb") as f:
        return f.read()


def framed_transcript(path):
    """The client's side of an LSP transcript (its >>> lines), framed."""
    out = b""
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.startswith(">>> "):
                body = line[4:].rstrip("\n").encode("utf-8")
                out += b"Content-Length: %d\r\n\r\n" % len(body) + body
    return out


def session_lines(path):
    """A regression session (one JSON message a line), framed."""
    out = b""
    for line in read(path).splitlines():
        if line.strip():
            out += b"Content-Length: %d\r\n\r\n" % len(line) + line
    return out


# The opening of a finding's marker in a rule case: «rule-id: or
# «rule-id@severity:; its closing » is dropped separately.
MARKER = re.compile("\u00ab[\\w@.-]+:")


def case_sections(path, wanted):
    """The files of a rule case (`-- path --` sections) whose name passes
    `wanted`, without the case's «…» markers, as (name, bytes)."""
    found, current, lines = [], None, []
    for line in read(path).decode("utf-8", "replace").splitlines(keepends=True):
        if line.startswith("-- ") and line.rstrip().endswith(" --"):
            if current is not None:
                found.append((current, "".join(lines).encode("utf-8")))
            name = line.strip()[3:-3]
            current = name if not name.startswith("@") and wanted(name) else None
            lines = []
        elif current is not None:
            lines.append(MARKER.sub("", line).replace("\u00bb", ""))
    if current is not None:
        found.append((current, "".join(lines).encode("utf-8")))
    return found


def inputs(target, corpus):
    """Yields (name, bytes) for every seed of the target."""
    tests = os.path.join(REPO, "tests")
    regressions = files_under(os.path.join(tests, "regressions"))
    project = files_under(os.path.join(tests, "cli", "project"))
    dockerfiles = [p for p in regressions if os.path.basename(p).startswith("dockerfile-") and p.endswith(".bin")]
    dockerfiles += [p for p in project if "Dockerfile" in os.path.basename(p)]
    composes = [p for p in regressions if os.path.basename(p).startswith("compose-")]
    composes += [p for p in project if "compose" in os.path.basename(p)]
    if corpus:
        dockerfiles += files_under(os.path.join(corpus, "dockerfiles"))
        composes += files_under(os.path.join(corpus, "compose"))
    if target == "dockerfile":
        for p in dockerfiles:
            yield p, read(p)
    elif target == "compose":
        for p in composes:
            yield p, read(p)
    elif target == "edits":
        for kind, paths in ((0, dockerfiles), (1, composes)):
            for i, p in enumerate(paths):
                text = read(p)
                if len(text) <= LARGEST_EDIT_SEED and b"\xff" not in text:
                    # Every other seed counts positions in UTF-16.
                    yield p, bytes([kind | (2 if i % 2 else 0)]) + text + b"\xff" + EDIT_OPS
    elif target == "config":
        names = (".dockls.yaml", ".hadolint.yaml")
        for p in project:
            if os.path.basename(p) in names:
                yield p, read(p)
        for p in files_under(os.path.join(tests, "rules")):
            for i, (_name, text) in enumerate(case_sections(p, lambda n: os.path.basename(n) in names)):
                yield f"{p}.{i}", text
    elif target == "lsp_stream":
        for p in files_under(os.path.join(tests, "lsp")):
            if p.endswith(".lsp"):
                yield p, framed_transcript(p)
        for p in regressions:
            if p.endswith(".lsp-session.txt"):
                yield p, session_lines(p)
    elif target == "tablegen":
        grammar = os.path.join(REPO, "grammars", "dockerfile", "src", "grammar.json")
        if os.path.exists(grammar):
            yield grammar, read(grammar)


def main():
    if len(sys.argv) not in (3, 4):
        sys.exit("usage: seed_corpus.py TARGET OUT_DIR [CORPUS]")
    target, out = sys.argv[1], sys.argv[2]
    corpus = sys.argv[3] if len(sys.argv) == 4 else None
    if corpus and not os.path.isdir(corpus):
        print(f"seed_corpus: {corpus} is not present; seeding from the repository only", file=sys.stderr)
        corpus = None
    os.makedirs(out, exist_ok=True)
    count = 0
    for name, data in inputs(target, corpus):
        if not data:
            continue
        flat = os.path.relpath(name, REPO if name.startswith(REPO) else os.path.dirname(name))
        with open(os.path.join(out, flat.replace(os.sep, "__")), "wb") as f:
            f.write(data)
        count += 1
    print(f"seed_corpus: {count} seeds for {target} in {out}", file=sys.stderr)


if __name__ == "__main__":
    main()
