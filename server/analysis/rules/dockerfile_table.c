/* The Dockerfile checkers, in catalog order (sections A-D).  Rules that
 * also have a compose side register that checker in compose_table.c
 * under the same RuleId. */
#include "internal.h"

const RuleCheck rules__dockerfile_checks[] = {
    {RULE__COUNT, 0, NULL},
};
