/* This header is private to the model layer. */
#ifndef DOCKLS_MODEL_MODEL_INTERNAL_H_
#define DOCKLS_MODEL_MODEL_INTERNAL_H_

#include "dockls/model/dockerfile.h"

/* Expands variables with the ENV/ARG values of instructions [first,
 * last) and the global ARGs; NULL when one has no known value. */
char *model__expand(const DockerfileModel *m, size_t first, size_t last, const char *text);

/* Reads what a shell-form RUN installs and removes into its
 * run_packages (from its script alone, so the list moves with the
 * instruction when a later model reuses it); frees that list. */
void model__run_packages(DfInstr *in);
void model__free_run_packages(DfInstr *in);

/* What a splice keeps of the stage it continues for the records after
 * the edit: the package events of that stage's records from index `from`
 * on (names borrowed from those records, positions in the previous text,
 * `delta` bytes before where they now are) and the index where the stage
 * ended (0 when the splice continued no stage: no stage ends there).  They are the new model's when the splice kept the number of
 * instructions and took every tail record over (`valid`): its tail
 * records are then at the indices they had, with the same packages. */
typedef struct {
  PkgEventArray events;
  size_t from, last;
  ptrdiff_t delta;
  bool valid;
} DfTailFacts;

/* Fills the packages and last_of of each stage from `first_stage` on
 * (from its instructions' run_packages); their dirs wait for
 * dockerfile_stage_dirs.  The stages before `first_stage` are a splice's,
 * kept from the previous model as they were.  Of `first_stage`, when
 * `from` lies after its first instruction, the facts of the instructions
 * before `from` are kept too (model__keep_facts_before), and only the rest
 * is read, or with a valid `tail` (may be NULL) of the same extent, only
 * the records up to tail->from: the tail's events and last_of entries are
 * taken over, moved.  Any other stage starts without facts. */
void model__derive_facts(DockerfileModel *m, size_t first_stage, size_t from, const DfTailFacts *tail);

/* Keeps the packages of a stage's instructions before index `before`
 * (its last_of is left for model__derive_facts to correct) and drops its
 * directories, which are gathered again when asked for.  The events from
 * index tail->from on go to tail->events, with the stage's end. */
void model__keep_facts_before(DfStage *st, size_t before, DfTailFacts *tail);

void model__free_facts(DfStage *stage);

/* Fills the model's index by kind (DockerfileModel.of_kind, with its
 * slot of the instructions holding flags) from its records. */
void model__index_kinds(DockerfileModel *m);

/* Fills the index by kind of a spliced model from the previous model's
 * lists `prev` (taken over, left empty): the records [0, head) are the
 * previous ones, the new records [head, new_tail) replace the previous
 * [head, old_tail), and from new_tail on the records are the previous
 * ones from old_tail on, one for one (so of the same kinds and flags). */
void model__index_splice(DockerfileModel *m, DfIndexArray *prev, size_t head, size_t old_tail, size_t new_tail);

/* Frees what an instruction record owns (not the record). */
void model__instr_free(DfInstr *in);

/* Fills ShellScript.plain and .chain from the bash tree of a shell-form
 * script (`root`, its program node), after the commands are read. */
void shell__read_shape(ShellScript *s, TSNode root);

/* Parses s->text with the bash parser and lists its commands; the text
 * and the offset map are already in place (shell.c). */
void model__shell_parse(SyntaxParsers *parsers, ShellScript *s);

#endif
