/* This header is private to the analysis layer: the compose checkers,
 * registered in compose_table.c. */
#ifndef DOCKLS_ANALYSIS_RULES_COMPOSE_RULES_H_
#define DOCKLS_ANALYSIS_RULES_COMPOSE_RULES_H_

#include "internal.h"

void compose__version_obsolete(RuleCtx *ctx); /* compose_version.c */

#endif
