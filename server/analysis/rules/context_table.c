/* The Dockerfile checkers that read the build context, in catalog order. */
#include "internal.h"

const RuleCheck rules__context_checks[] = {
    {RULE__COUNT, 0, NULL},
};
