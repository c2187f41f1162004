#!/usr/bin/env python3
"""The project's own mutation check.

Each mutant in tests/mutation/mutants.txt is a small bug of the kind a real
change could introduce: an exact snippet of one source file and what it is
replaced with.  The script keeps a private copy of the tree (by default in
build/mutation, which git ignores), builds it once, checks that the
unmutated suite passes there, and then for each mutant: applies it, rebuilds
incrementally, runs ctest, and puts the file back.  A mutant is "killed"
when some test fails (or the suite times out), "survived" when every test
passes, and "invalid" when the mutated tree does not build; invalid mutants
say nothing about the tests, so they are reported apart and left out of the
kill rate.

    tests/mutation/run.py                 every mutant
    tests/mutation/run.py ID [ID...]      only these (ids or fnmatch patterns)
    tests/mutation/run.py --list          the ids and what they model

Only the Python standard library is used, so a fresh Debian 12 with the
build dependencies and python3 can run it.
"""
import argparse
import fnmatch
import filecmp
import os
import shutil
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
# Folders that are build output or version control, never sources.  The
# npm grammars (grammars/node_modules) are sources as far as the build is
# concerned, so they are copied.
SKIP_TOP = {".git"}


class Mutant:
    def __init__(self, mid, line):
        self.id = mid
        self.line = line
        self.file = None
        self.bug = None
        self.original = []
        self.replacement = []


def parse_mutants(path):
    """Reads the block format documented at the top of mutants.txt."""
    mutants, current = [], None
    with open(path, encoding="utf-8") as f:
        for number, raw in enumerate(f, 1):
            line = raw.rstrip("\n")
            where = "%s:%d" % (path, number)
            if line.startswith("#") or (not line.strip() and current is None):
                continue
            if line.startswith("[") and line.endswith("]"):
                current = Mutant(line[1:-1].strip(), where)
                mutants.append(current)
            elif current is None:
                sys.exit("%s: text before the first [id]" % where)
            elif line.startswith("file = "):
                current.file = line[7:].strip()
            elif line.startswith("bug = "):
                current.bug = line[6:].strip()
            elif line == "-" or line.startswith("- "):
                current.original.append(line[2:])
            elif line == "+" or line.startswith("+ "):
                current.replacement.append(line[2:])
            elif not line.strip():
                continue
            else:
                sys.exit("%s: cannot read this line: %r" % (where, line))
    seen = set()
    for m in mutants:
        if m.id in seen:
            sys.exit("%s: duplicate id %s" % (m.line, m.id))
        seen.add(m.id)
        if not m.file or not m.bug or not m.original:
            sys.exit("%s: [%s] needs file, bug and at least one '- ' line" % (m.line, m.id))
    return mutants


def check_snippets(mutants, tree):
    """Every original snippet must occur exactly once, so a mutant can
    never apply to the wrong place after the code around it changes."""
    problems = []
    for m in mutants:
        path = os.path.join(tree, m.file)
        if not os.path.isfile(path):
            problems.append("[%s] %s does not exist" % (m.id, m.file))
            continue
        with open(path, encoding="utf-8") as f:
            text = f.read()
        count = text.count("\n".join(m.original))
        if count != 1:
            problems.append("[%s] the original snippet occurs %d times in %s" % (m.id, count, m.file))
    return problems


def sync_tree(src, dst, build_rel):
    """Makes dst a copy of src, touching only files whose bytes differ, so
    that the copy's build stays incremental from one run to the next."""
    wanted = set()
    for dirpath, dirnames, filenames in os.walk(src):
        rel_dir = os.path.relpath(dirpath, src)
        if rel_dir == ".":
            dirnames[:] = [d for d in dirnames if d not in SKIP_TOP and not d.startswith("build")]
        dirnames[:] = [d for d in dirnames if os.path.normpath(os.path.join(rel_dir, d)) != build_rel]
        for name in filenames:
            rel = os.path.normpath(os.path.join(rel_dir, name))
            wanted.add(rel)
            s, d = os.path.join(src, rel), os.path.join(dst, rel)
            if os.path.islink(s):
                continue
            if not os.path.exists(d) or not filecmp.cmp(s, d, shallow=False):
                os.makedirs(os.path.dirname(d), exist_ok=True)
                shutil.copy2(s, d)
                os.utime(d)  # newer than any object built from the old text
    for dirpath, _, filenames in os.walk(dst):
        for name in filenames:
            rel = os.path.normpath(os.path.relpath(os.path.join(dirpath, name), dst))
            if rel not in wanted:
                os.remove(os.path.join(dst, rel))


def run(cmd, cwd, timeout=None):
    """Runs a command quietly; returns (exit code or None on timeout, output)."""
    try:
        p = subprocess.run(cmd, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                           timeout=timeout, start_new_session=True)
        return p.returncode, p.stdout.decode("utf-8", "replace")
    except subprocess.TimeoutExpired as e:
        return None, (e.stdout or b"").decode("utf-8", "replace")


def build(build_dir, jobs):
    return run(["cmake", "--build", build_dir, "-j", str(jobs)], cwd=build_dir)


def ctest(build_dir, jobs, timeout):
    # --stop-on-failure: one failing test is enough to call a mutant killed.
    # The VS Code session (a minute of browser per run) is left out: it
    # drives the same server through the same protocol as the Neovim and
    # Emacs sessions, which do run.  tidy_mutants is left out too: it checks
    # that the unmutated snippets are in the sources, so it fails on every
    # mutant by construction and would count each as killed.
    return run(["ctest", "-j", str(jobs), "--timeout", str(timeout), "--stop-on-failure",
                "-LE", "editor_vscode", "-E", "^tidy_mutants$"],
               cwd=build_dir, timeout=timeout * 3)


def failed_tests(output):
    names = [l.split(" - ", 1)[1].split(" ")[0] for l in output.splitlines()
             if " - " in l and l.strip()[:1].isdigit() and "(" in l]
    return ", ".join(names[:4]) if names else "?"


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("ids", nargs="*", help="mutant ids or fnmatch patterns (default: all)")
    ap.add_argument("--mutants", default=os.path.join(ROOT, "tests/mutation/mutants.txt"))
    ap.add_argument("--work", default=os.path.join(ROOT, "build/mutation"),
                    help="where the private copy and its build live (default: build/mutation)")
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--timeout", type=int, default=120, help="seconds per test (ctest --timeout)")
    ap.add_argument("--min-rate", type=float, default=90.0,
                    help="exit 1 when the kill rate is below this percentage (default 90)")
    ap.add_argument("--list", action="store_true", help="print the mutants and exit")
    ap.add_argument("--check", action="store_true",
                    help="only check that every mutant's snippet occurs exactly once (what make test runs)")
    args = ap.parse_args()

    mutants = parse_mutants(args.mutants)
    if args.ids:
        mutants = [m for m in mutants if any(fnmatch.fnmatchcase(m.id, p) for p in args.ids)]
        if not mutants:
            sys.exit("no mutant matches %s" % " ".join(args.ids))
    if args.list:
        for m in mutants:
            print("%-36s %-44s %s" % (m.id, m.file, m.bug))
        return 0
    problems = check_snippets(mutants, ROOT)
    if problems:
        sys.exit("mutants that cannot apply:\n  " + "\n  ".join(problems))
    if args.check:
        print("%d mutants apply" % len(mutants))
        return 0

    work = os.path.abspath(args.work)
    tree, build_dir = os.path.join(work, "src"), os.path.join(work, "build")
    os.makedirs(tree, exist_ok=True)
    build_rel = os.path.relpath(work, ROOT) if work.startswith(ROOT + os.sep) else None
    started = time.time()
    print("copying the tree to %s" % tree, flush=True)
    sync_tree(ROOT, tree, build_rel)
    if not os.path.exists(os.path.join(build_dir, "CMakeCache.txt")):
        code, out = run(["cmake", "-S", tree, "-B", build_dir], cwd=work)
        if code != 0:
            sys.exit("cmake configure failed:\n" + out)
    print("building the unmutated copy", flush=True)
    code, out = build(build_dir, args.jobs)
    if code != 0:
        sys.exit("the unmutated tree does not build:\n" + out[-4000:])
    code, out = ctest(build_dir, args.jobs, args.timeout)
    if code != 0:
        sys.exit("the unmutated suite fails; fix that first:\n" + out[-4000:])

    results = []
    for n, m in enumerate(mutants, 1):
        path = os.path.join(tree, m.file)
        with open(path, encoding="utf-8") as f:
            original = f.read()
        t0 = time.time()
        try:
            with open(path, "w", encoding="utf-8") as f:
                f.write(original.replace("\n".join(m.original), "\n".join(m.replacement), 1))
            code, out = build(build_dir, args.jobs)
            if code != 0:
                status, detail = "invalid", "does not build"
            else:
                code, out = ctest(build_dir, args.jobs, args.timeout)
                if code is None:
                    status, detail = "killed", "timeout"
                elif code != 0:
                    status, detail = "killed", failed_tests(out)
                else:
                    status, detail = "survived", ""
        finally:
            with open(path, "w", encoding="utf-8") as f:
                f.write(original)
        results.append((m, status))
        print("[%3d/%d] %-8s %-36s %5.1fs %s" % (n, len(mutants), status, m.id, time.time() - t0, detail),
              flush=True)
    # Leave the copy's build matching the unmutated sources.
    build(build_dir, args.jobs)

    killed = sum(1 for _, s in results if s == "killed")
    survived = [m for m, s in results if s == "survived"]
    invalid = [m for m, s in results if s == "invalid"]
    valid = killed + len(survived)
    rate = 100.0 * killed / valid if valid else 100.0
    print()
    print("mutants %d, killed %d, survived %d, invalid %d" % (len(results), killed, len(survived), len(invalid)))
    print("kill rate %.1f %% (killed / (killed + survived))" % rate)
    print("wall time %.0f s" % (time.time() - started))
    for m in survived:
        print("survived: %s (%s) %s" % (m.id, m.file, m.bug))
    for m in invalid:
        print("invalid:  %s (%s) %s" % (m.id, m.file, m.bug))
    return 0 if rate >= args.min_rate else 1


if __name__ == "__main__":
    sys.exit(main())
