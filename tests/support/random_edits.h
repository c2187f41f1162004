/* Test-only: what the random-edit tests share (test_model_splice for
 * Dockerfiles, test_compose_incremental for compose files): a seeded
 * generator, where two long summaries part, and the walk that opens every
 * n-th corpus file in a workspace of its own. */
#ifndef DOCKLS_TESTS_RANDOM_EDITS_H_
#define DOCKLS_TESTS_RANDOM_EDITS_H_

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "dockls/text/edit.h"
#include "dockls/text/text.h"
#include "dockls/workspace/workspace.h"

/* The generator's state (xorshift64); a test seeds it, non-zero. */
extern uint64_t test_rng_state;
/* A number below `bound` (0 when bound is 0). */
size_t test_rng(size_t bound);

/* Fails the running Criterion test when the texts differ, with the first
 * line where they part, what was compared (`how`, `what`), the step and
 * the edited text. */
void test_expect_same_text(const char *got, const char *want, const char *how, const char *what, size_t step,
                           const TextDoc *t);

/* The text of `id` opened in a workspace of its own (same uri and kind):
 * when tree-sitter gives it the tree the incremental reparse gave `id`,
 * what `summarise` says of it there (caller owns); NULL when the trees
 * differ (error recovery can choose differently after an edit).  A
 * Dockerfile's trees must not differ: a chunk with an error is parsed
 * afresh, so a difference fails the test. */
typedef char *(*SummaryFn)(Workspace *ws, FileId id);
char *test_fresh_summary(Workspace *ws, FileId id, SummaryFn summarise);
/* The same in `fresh`, a workspace the caller made (over the same file
 * system, with the same other documents open) and still owns. */
char *test_fresh_summary_in(Workspace *fresh, Workspace *ws, FileId id, SummaryFn summarise);

/* Makes one random change of the text within bytes [0, limit]; `scratch`
 * (two bytes) may hold its text. */
typedef TextChange (*RandomChangeFn)(const TextDoc *t, size_t limit, bool own_bytes, char *scratch);

/* Sends `id` one random didChange as version `version`: one change made by
 * `make`, or, one time in five, a second one before it in the same
 * didChange.  Its positions are in the text as the first change leaves it,
 * which is the old text before the first change's start. */
void test_random_did_change(Workspace *ws, FileId id, int64_t version, RandomChangeFn make, bool own_bytes);

/* A workspace of its own holding `text` open as file:///w/Dockerfile
 * (*id); fails the running test when the build has no Dockerfile
 * grammar. */
Workspace *test_open_dockerfile(const char *text, FileId *id);

/* Sends `id` `steps` random didChanges made by `make` (versions 2 on),
 * and calls `check` after each but a random one in `skip` of them, and
 * after the last, so that some analyses meet several edits at once. */
typedef void (*StepCheckFn)(Workspace *ws, FileId id, const char *what, size_t step);
void test_edit_steps(Workspace *ws, FileId id, size_t steps, RandomChangeFn make, bool own_bytes, size_t skip,
                     StepCheckFn check, const char *what);

/* The diagnostics of `id` as the server would publish them, one LSP
 * Diagnostic's JSON a line (positions in UTF-16, as most clients ask;
 * caller owns).  Without fixes this is the publish path, which takes the
 * results of unchanged instructions and stages from the previous one
 * (instr_memo.c, stage_memo.c); with fixes every checker runs (and the
 * fixes are not part of the JSON). */
char *test_published_json(Workspace *ws, FileId id, bool fixes);

/* Opens every `every`-th file of the corpus folder `kind` (casefile.h's
 * test_corpus_each) as a document of `doc_kind` at `uri`, in a workspace
 * of its own, and hands it to `fn`, which may edit it.  Files that cannot
 * be opened (not UTF-8, too large) are passed over.  Returns the number of
 * files handed over, or -1 when the corpus is absent. */
typedef void (*CorpusDocFn)(Workspace *ws, FileId id, const char *name, void *ctx);
long test_corpus_open_every(const char *kind, size_t every, DocKind doc_kind, const char *uri, CorpusDocFn fn,
                            void *ctx);

#endif
