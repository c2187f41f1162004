/* The analysis façade: everything the LSP server and the CLI ask of the
 * rules goes through these calls, in byte ranges and plain structs. */
#ifndef DOCKLS_ANALYSIS_ANALYSIS_H_
#define DOCKLS_ANALYSIS_ANALYSIS_H_

#include "dockls/analysis/diag.h"
#include "dockls/workspace/workspace.h"

/* Runs every enabled rule that applies to the file's kind and appends the
 * findings to *out, sorted among themselves (what *out held before is
 * left alone).  Never fails: what cannot be decided is not
 * reported.  Files of other kinds yield nothing. */
void analysis_file(Workspace *ws, FileId id, DiagList *out);

/* The same diagnostics without their fixes (every Diag's `fixes` empty),
 * at a fraction of the cost for some rules: what publishing needs on each
 * keystroke, since fixes are wanted only when a code action, fix-all or
 * `check --fix` asks, and then analysis_file builds them. */
void analysis_file_without_fixes(Workspace *ws, FileId id, DiagList *out);

/* analysis_file_without_fixes, where the findings a cache kept may be
 * borrowed copies (Diag.borrowed): *loan is then set to the loan they
 * need (else left NULL), which the caller holds until it has cleared
 * `out` and then lets go with diag_loan_end.  A publish of a long file
 * gives out thousands of kept findings a keystroke, and counting a
 * reference on each text and giving it back cost more than the copies. */
void analysis_file_borrowing(Workspace *ws, FileId id, DiagList *out, DiagLoan **loan);

/* analysis_file for the rules marked in `only`, with the fixes of the
 * diagnostics touching [start, end] only: at the cost of those rules and
 * those fixes.  A code action wants the fixes under the cursor, not the
 * whole file's. */
void analysis_file_rules(Workspace *ws, FileId id, const bool only[RULE__COUNT], size_t start, size_t end,
                         DiagList *out);

/* True when some checker implements the rule (a test holds every rule of
 * the table to it). */
bool analysis_rule_has_checker(RuleId rule);

typedef struct {
  char *markdown;     /* owned */
  size_t start, end;  /* the range the hover is about */
} Hover;

/* Hover text for a byte offset: what is there (an instruction keyword, a
 * flag, a base image with the facts dockls knows of it, a stage, variable
 * or compose name, a compose key with its type), then the documentation
 * of every rule whose diagnostic covers the offset.  Returns false when there is
 * nothing to show.  On success the caller frees hover->markdown. */
bool analysis_hover(Workspace *ws, FileId id, const DiagList *diags, size_t offset,
                    Hover *hover);

/* The "Ignore <rule> for this instruction / key / file" actions of one
 * diagnostic, as fixes (not preferred) appended to *out: each inserts the
 * comment suppress.c reads, or appends the rule to such a comment already
 * in place.  None for syntax errors, which a comment cannot excuse.  The
 * caller frees them with fixarray_destroy. */
void analysis_ignore_fixes(Workspace *ws, const Diag *diag, FixArray *out);

/* The refactors of the Dockerfile instructions overlapping [start, end]
 * (refactor.c): "Convert <KEYWORD> to exec form" / "to shell form" for
 * RUN, CMD, ENTRYPOINT and HEALTHCHECK CMD, and "Split the && chain" for
 * RUN, each offered only where the rewritten instruction runs the same
 * words.  Appended to *out as fixes (not preferred, each one edit of the
 * document); the caller frees them with fixarray_destroy.  Nothing for
 * other file kinds. */
void analysis_refactors(Workspace *ws, FileId id, size_t start, size_t end, FixArray *out);

/* Picks the preferred fixes of one file's diagnostics that can be applied
 * together: in order, a fix is taken when all its edits are in `file` and
 * none overlaps an edit already taken.  Appends borrowed pointers to
 * *fixes (valid while diags lives). */
typedef Array(const Fix *) FixPtrArray;
void analysis_compatible_fixes(const DiagList *diags, FileId file, FixPtrArray *fixes);

/* The same selection with a choice: `rule` keeps only that rule's
 * diagnostics (-1: all); `in_place` false also takes preferred fixes that
 * edit other files or create files, of which the caller applies the edits
 * in `file` (conflicts are judged on those edits and on created keys).
 * The rule tests apply a case's fixes through this, so they pick exactly
 * as fix-all does. */
typedef struct {
  int rule;
  bool in_place;
} FixChoice;
void analysis_select_fixes(const DiagList *diags, FileId file, FixChoice how, FixPtrArray *fixes);

/* Applies preferred fixes to the document until none is left (at most a
 * few rounds, as one fix can reveal another).  Returns the number applied.
 * When `final` is not NULL, the diagnostics of the text as it is left are
 * appended to it, as analysis_file would: the last round has computed them
 * already, so a caller that reports them need not analyse again. */
size_t analysis_fix_all(Workspace *ws, FileId id, DiagList *final);

/* analysis_fix_all, telling `observer` about every round it keeps: the
 * text before, the fixes applied (their edits are in the coordinates of
 * that text) and the text after.  The fix-safety test checks with it that
 * nothing outside the edits changed. */
typedef struct {
  void (*applied)(void *ctx, const char *before, size_t before_len, const Fix *const *fixes, size_t nfixes,
                  const char *after, size_t after_len);
  void *ctx;
} FixAllObserver;
size_t analysis_fix_all_observed(Workspace *ws, FileId id, DiagList *final, const FixAllObserver *observer);

/* What analysis_fix_all would make of document `id`, as one edit of it
 * (*out, its text owned), computed on a scratch copy so that the document
 * itself does not change: the editor's source.fixAll action, which must
 * leave the text `dockls check --fix` leaves.  False when nothing would
 * change. */
bool analysis_fix_all_edit(Workspace *ws, FileId id, FixEdit *out);

#endif
