/* Test-only readers for data-driven cases. */
#ifndef DOCKLS_TESTS_CASEFILE_H_
#define DOCKLS_TESTS_CASEFILE_H_

#include <stdbool.h>
#include <stddef.h>

#include "dockls/base/array.h"

/* One «rule:text» or «rule@severity:text» marker: the rule id, the
 * severity the diagnostic must have when the case names one (NULL means
 * the rule's default), and the byte range of `text` in the section's
 * content once the markers are removed. */
typedef struct {
  char *rule;
  char *severity;
  size_t start, end;
} CaseMarker;

typedef struct {
  char *name;    /* the section name: a file path, or "@fix/<path>" */
  char *content; /* markers removed */
  size_t len;
  Array(CaseMarker) markers;
} CaseSection;

typedef struct {
  char *header; /* free text before the first section */
  Array(CaseSection) sections;
} CaseFile;

/* Parses a txtar-like case: free text, then `-- name --` lines opening
 * sections.  «rule-id:text» markers inside sections are removed and
 * recorded.  Returns false with *err (caller owns) on malformed input. */
bool casefile_parse(const char *text, size_t len, CaseFile *out, char **err);
bool casefile_load(const char *path, CaseFile *out, char **err);
void casefile_destroy(CaseFile *cf);
const CaseSection *casefile_section(const CaseFile *cf, const char *name);

/* Writes a file below `dir`, creating the folders of a nested name;
 * false when it cannot. */
bool test_write_file(const char *dir, const char *name, const char *content, size_t len);

/* Reads a whole file (caller owns) or returns NULL. */
char *test_read_file(const char *path, size_t *len);
/* Calls `fn` with the name and text of each file of the shared corpus
 * folder `../shared/corpus/<kind>` beside the repository, leaving out
 * what the corpus tests never read: anything but a regular file, a file
 * that cannot be read, and a file holding a NUL byte (no editor sends
 * one).  Returns the number of files visited, or -1 when the corpus is
 * not there, which the corpus tests answer by skipping with a message. */
typedef void (*CorpusFileFn)(const char *name, const char *text, size_t len, void *ctx);
long test_corpus_each(const char *kind, CorpusFileFn fn, void *ctx);
/* The repository root (DOCKLS_SOURCE_DIR, set by ctest). */
const char *test_source_dir(void);
/* The folder `name` of the team's corpus beside the repository
 * (../shared/corpus/<name>), or NULL when it is absent (caller owns). */
char *test_corpus_dir(const char *name);
/* Reads the file `name` of folder `dir` (caller owns); aborts with the
 * path when it cannot, since a listed corpus file must be readable. */
char *test_read_in(const char *dir, const char *name, size_t *len);
/* test_corpus_dir, and the names of the files in it in *names (which
 * this initialises); false when the folder is absent. */
bool test_corpus_list(const char *name, char **dir, StrArray *names);

#endif
