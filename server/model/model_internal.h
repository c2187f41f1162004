/* This header is private to the model layer. */
#ifndef DOCKLS_MODEL_MODEL_INTERNAL_H_
#define DOCKLS_MODEL_MODEL_INTERNAL_H_

#include "dockls/model/dockerfile.h"

/* Expands variables with the ENV/ARG values of instructions [first,
 * last) and the global ARGs; NULL when one has no known value. */
char *model__expand(const DockerfileModel *m, size_t first, size_t last, const char *text);

/* Fills each stage's packages and dirs from its instructions. */
void model__derive_facts(DockerfileModel *m);
void model__free_facts(DfStage *stage);

/* Parses s->text with the bash parser and lists its commands; the text
 * and the offset map are already in place (shell.c). */
void model__shell_parse(SyntaxParsers *parsers, ShellScript *s);

#endif
