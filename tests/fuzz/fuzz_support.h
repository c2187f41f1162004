/* Test-only: what the libFuzzer targets of tests/fuzz share.  Each target
 * checks an oracle (a fresh analysis, the fixed text, an unchanged state)
 * and aborts on a mismatch, so that libFuzzer keeps the input as a crash
 * and the replay tests of the plain build fail on it as well. */
#ifndef DOCKLS_TESTS_FUZZ_SUPPORT_H_
#define DOCKLS_TESTS_FUZZ_SUPPORT_H_
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "dockls/analysis/diag.h"
#include "dockls/workspace/workspace.h"

/* The libFuzzer entry point every target defines. */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Once per process: quiet logging (a warning per input would drown
 * libFuzzer's own output) and the tree-sitter allocator. */
void fuzz_init(void);

/* Aborts with the message when `ok` is false. */
void fuzz_check(bool ok, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* The findings of a list as text, one per line (rule, severity, the file
 * by its URI, range, message), without fixes: what a client is shown.  FileIds are left out: two workspaces number files in the order
 * they read them. */
char *fuzz_diag_summary(const Workspace *ws, const DiagList *diags);

/* A workspace rooted at /w over an in-memory project that holds the
 * neighbours cross-file rules read (a compose file, a Dockerfile, a
 * package.json, a .dockerignore, a .env and the server.js the image
 * starts), so that no input reads the real disk.  A document the caller opens under the same
 * name is the editor's buffer and wins over the file. */
struct MemFs;
typedef struct {
  Workspace *ws;
  struct MemFs *fs;
} FuzzProject;
FuzzProject fuzz_project_new(void);
void fuzz_project_delete(FuzzProject *p);

/* Opens `text` as `uri` in a workspace of its own and returns the summary
 * of its analysis (caller owns): the fresh side of every comparison. */
char *fuzz_fresh_summary(const char *uri, DocKind kind, const char *text, size_t len);

/* Parse, analysis and fix-all of one file: both analyses (with and
 * without fixes) agree, fix-all leaves no more syntax errors than it
 * found, its final diagnostics are those of the fixed text opened fresh,
 * and a second fix-all has nothing left to apply. */
void fuzz_analyse_and_fix(const char *uri, DocKind kind, const uint8_t *data, size_t size);

#endif
