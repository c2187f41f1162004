/* This header is private to the analysis layer: the validation checkers
 * (registered in validation_table.c) and the helpers they share. */
#ifndef DOCKLS_ANALYSIS_RULES_VALIDATION_RULES_H_
#define DOCKLS_ANALYSIS_RULES_VALIDATION_RULES_H_

#include "dockls/model/dockerfile.h"
#include "dockls/model/dockerfile_spec.h"
#include "../internal.h"

#endif
