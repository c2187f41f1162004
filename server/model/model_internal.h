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

/* Fills the packages and last_of of each stage from `first_stage` on
 * (from its instructions' run_packages); their dirs wait for
 * dockerfile_stage_dirs.  The stages before `first_stage` are a splice's,
 * kept from the previous model as they were.  Of `first_stage`, when
 * `from` lies after its first instruction, the facts of the instructions
 * before `from` are kept too (model__keep_facts_before), and only the rest
 * is read; any other stage starts without facts. */
void model__derive_facts(DockerfileModel *m, size_t first_stage, size_t from);

/* Keeps the packages of a stage's instructions before index `before`
 * (its last_of is left for model__derive_facts to correct) and drops its
 * directories, which are gathered again when asked for. */
void model__keep_facts_before(DfStage *st, size_t before);

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
