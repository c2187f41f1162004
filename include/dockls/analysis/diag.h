/* Diagnostics and fixes as plain data: byte ranges, strings and FileIds.
 * The adapters turn them into LSP JSON or CLI output; nothing here knows a
 * protocol.  A Diag owns its fixes: a fix is made together with the
 * diagnostic it repairs and is never rebuilt from client data. */
#ifndef DOCKLS_ANALYSIS_DIAG_H_
#define DOCKLS_ANALYSIS_DIAG_H_

#include <stdbool.h>
#include <stddef.h>

#include "dockls/analysis/rules.h"
#include "dockls/base/array.h"
#include "dockls/workspace/workspace.h"

/* Ordered from the most to the least severe (`--fail-on` compares them);
 * each adapter maps them to its own scale (LSP numbers, SARIF levels). */
typedef enum { SEV_ERROR = 1, SEV_WARNING = 2, SEV_INFO = 3, SEV_HINT = 4 } Severity;

const char *severity_name(Severity sev);
/* Parses "error", "warning", "info" or "hint"; false for anything else. */
bool severity_from_name(const char *name, Severity *out);

typedef struct {
  FileId file;
  size_t start, end;
  char *text; /* owned */
} FixEdit;
typedef Array(FixEdit) FixEditArray;

/* A file the fix creates (when it does not exist yet) with this text;
 * editors get a CreateFile operation followed by the text. */
typedef struct {
  char *path; /* owned; absolute when the workspace has one */
  char *text; /* owned */
} FixCreate;
typedef Array(FixCreate) FixCreateArray;

/* What a fix brings into being in a YAML mapping: the mapping (by the
 * offset where it starts) and the key it creates or renames a key to.
 * Two fixes that create the same key in the same mapping cannot be
 * applied together although their edits are apart: the result would hold
 * the key twice. */
typedef struct {
  size_t map_start;
  char *name; /* owned */
} FixKey;
typedef Array(FixKey) FixKeyArray;

typedef struct {
  char *title; /* owned */
  bool preferred;
  FixEditArray edits;
  FixCreateArray creates;
  FixKeyArray keys;
} Fix;
typedef Array(Fix) FixArray;

typedef struct {
  FileId file;
  size_t start, end;
  char *message; /* owned */
} Related;
typedef Array(Related) RelatedArray;

typedef struct {
  RuleId rule;
  Severity severity;
  FileId file;
  size_t start, end;
  char *message; /* owned, or shared when `shared` is set */
  RelatedArray related;
  FixArray fixes;
  /* Set on copies made by diag_copy_moved: the message and the related
   * locations' messages are then counted references to texts the copies
   * share, released by diag_destroy, and must not be freed or changed in
   * place.  A cache of results gives out thousands of such copies per
   * keystroke, and copying each text cost more than the checkers. */
  bool shared;
  /* Set on shared copies that hold no reference (diaglist_append_lent and
   * the functions beside it): the message belongs to the cache that gave
   * the copy out and lives while the DiagLoan that came with it is held.
   * Such a copy has no related locations; its fixes, if any are added,
   * are its own. */
  bool borrowed;
} Diag;
typedef Array(Diag) DiagList;

/* What a list of borrowed copies needs to stay valid: a cache that gives
 * out borrowed copies owns a loan, and each list that takes some holds it
 * too (diag_loan_lend) until the list is cleared (diag_loan_end).  While
 * a list holds it, the texts the cache lets go (diag_loan_retire) are
 * kept, and freed when the last list lets the loan go.  So the per-text
 * reference counts of thousands of kept findings are not touched twice a
 * keystroke, and a list can never point at a freed text whatever the
 * cache does meanwhile (drops entries, is dropped with its document). */
typedef struct DiagLoan DiagLoan;
/* A loan for a cache (its owner's hold). */
DiagLoan *diag_loan_new(void);
/* One more list holds the loan; returns it. */
DiagLoan *diag_loan_lend(DiagLoan *loan);
/* Frees a kept list of the owner (shared copies, not borrowed) when no
 * list holds the loan, else keeps its texts until the last one lets go;
 * `kept` is left empty either way.  NULL loan: freed at once. */
void diag_loan_retire(DiagLoan *loan, DiagList *kept);
/* A list lets the loan go (after it was cleared); NULL does nothing. */
void diag_loan_end(DiagLoan *loan);
/* The owner lets its loan go (the cache is freed); what it retired stays
 * until the lists holding the loan let it go. */
void diag_loan_close(DiagLoan *loan);

/* Appends a diagnostic with the rule's default severity and returns it
 * (borrowed; valid until the next push onto the list).  The message is
 * formatted like printf. */
Diag *diag_add(DiagList *list, RuleId rule, FileId file, size_t start, size_t end,
               const char *fmt, ...) __attribute__((format(printf, 6, 7)));

/* Appends a fix to a diagnostic and returns it (borrowed). */
Fix *diag_add_fix(Diag *diag, const char *title, bool preferred);

/* The fix builders below take a NULL fix and then do nothing: that is
 * what a rule gets from rules__add_fix when the analysis builds no fixes
 * (analysis_file_without_fixes), so a rule writes its fixes one way and
 * never asks which kind of analysis it is in. */

/* Appends an edit replacing [start, end) of file with text (copied). */
void fix_add_edit(Fix *fix, FileId file, size_t start, size_t end, const char *text);

/* Adds a file to create (path and text copied). */
void fix_add_create(Fix *fix, const char *path, const char *text);

/* Records that the fix creates key `name` in the mapping starting at
 * map_start (name copied). */
void fix_add_key(Fix *fix, size_t map_start, const char *name);

/* Removes fix `index` from the diagnostic and frees it. */
void diag_remove_fix(Diag *diag, size_t index);
/* Frees the fixes of an array that belongs to no diagnostic, and the array. */
void fixarray_destroy(FixArray *fixes);

/* Moves the edits and creates of `src` (a scratch Fix not attached to a
 * diagnostic) to the end of `dst`, leaving `src` empty; with a NULL `dst`
 * they are freed. */
void fix_take(Fix *dst, Fix *src);

void diag_add_related(Diag *diag, FileId file, size_t start, size_t end, const char *message);

/* Whether the diagnostic is in `file` and its range meets [start, end]
 * (touching ends count): what a code action at that range is about. */
bool diag_touches(const Diag *diag, FileId file, size_t start, size_t end);

/* A copy of `d` without its fixes, its range and the ranges of its
 * related locations in d->file moved by `delta` bytes: what a cache of
 * results stores (offsets made relative) and gives back (moved to where
 * the text now is).  The copy shares its messages with `d` when `d` is a
 * copy itself (see Diag.shared), so giving out a kept result allocates
 * no text.  The caller owns the copy (diag_destroy). */
Diag diag_copy_moved(const Diag *d, ptrdiff_t delta);
/* diag_copy_moved, after which `d` (a finding of its own, without related
 * locations) holds the copy's message too, a counted reference to the one
 * text: a finding a cache keeps then has the same message pointer as the
 * copies given out later, which the publish compares (diag_message_hold). */
Diag diag_copy_moved_sharing(Diag *d, ptrdiff_t delta);
/* The same copy written to *dst, for the loops that give out thousands. */
void diag_copy_moved_to(Diag *dst, const Diag *d, ptrdiff_t delta);
/* Appends such copies of diags[0, count) to `out`: what a cache of
 * results gives out.  The empty case returns inline: a Dockerfile's memo
 * asks this for every instruction, and most have no findings. */
void diaglist__append_moved(DiagList *out, const Diag *diags, size_t count, ptrdiff_t delta);
static inline void diaglist_append_moved(DiagList *out, const Diag *diags, size_t count, ptrdiff_t delta) {
  if (count) diaglist__append_moved(out, diags, count, delta);
}

/* A cache's own list of shared copies made ready to be lent: the copies
 * without related locations or fixes are marked borrowed, so that a
 * publish copies them out as they are (diaglist_append_lent), thousands
 * in one block.  The list still holds their references, and the marks are
 * taken off again (diaglist_unmark_lent) before it is freed or retired. */
bool diaglist_mark_lent(DiagList *kept); /* whether every copy is marked */
void diaglist_unmark_lent(DiagList *kept);
/* Appends copies of kept[0, count) (a list marked lent) with their ranges
 * moved by `delta`, for a list that holds the cache's loan
 * (diag_loan_lend): the marked ones as borrowed copies, the others as
 * counted copies (diag_copy_moved). */
void diaglist_append_lent(DiagList *out, const Diag *kept, size_t count, ptrdiff_t delta);
/* The same for copies that are all marked lent: a block that has not
 * moved goes over in one memcpy. */
void diaglist_append_all_lent(DiagList *out, const Diag *kept, size_t count, ptrdiff_t delta);

/* Appends copies of diags[0, count), each a copy made by
 * diag_copy_moved (Diag.shared) without fixes, at their places: what a
 * cache that keeps its findings where they are in the text gives out,
 * thousands per keystroke, for a reference each. */
void diaglist_append_shared(DiagList *out, const Diag *diags, size_t count);
/* The same for a list that holds the cache's loan (diag_loan_lend): the
 * copies without related locations or fixes go out borrowed, without a
 * reference each, so that neither giving them out nor clearing the list
 * touches their texts; the cache's list stays as it is. */
void diaglist_append_shared_lent(DiagList *out, const Diag *diags, size_t count);

/* The message of `d` with one more reference, when it is a shared text
 * (see Diag.shared), else NULL; diag_message_drop gives the reference
 * back.  While held, the text stays where it is and unchanged, so a
 * diagnostic whose message is the same pointer has the same message: a
 * publish compares thousands of findings with what it sent last. */
const char *diag_message_hold(const Diag *d);
void diag_message_drop(const char *held);

/* Frees what one diagnostic owns (the Diag itself lives in a list). */
void diag_destroy(Diag *diag);

/* Frees every diagnostic and empties the list (the list can be reused). */
void diaglist_clear(DiagList *list);
void diaglist_destroy(DiagList *list);

/* Sorts items[first..] by file, start, end, rule and message, so output is
 * stable; the items before `first` are left where they are (a caller that
 * collects many files' findings in one list sorts each file's as it comes,
 * not the whole list again each time). */
void diaglist_sort_from(DiagList *list, size_t first);
/* The same, where the caller knows that items[known_from, known_to) are
 * in order already (the findings a cache gave out, checked where one
 * kept run met the next): those are not compared again. */
void diaglist_sort_known(DiagList *list, size_t first, size_t known_from, size_t known_to);
/* Whether `a` may stay before `b` in a sorted list. */
bool diag_in_order(const Diag *a, const Diag *b);

#endif
