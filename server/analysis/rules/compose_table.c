/* The compose checkers, in catalog order.  A rule with a Dockerfile side
 * too (section A, image-unpinned) registers its Dockerfile checker in
 * dockerfile_table.c under the same RuleId. */
#include "compose_rules.h"

const RuleCheck rules__compose_checks[] = {
    {RULE_COMPOSE_VERSION_OBSOLETE, KIND_COMPOSE, compose__version_obsolete},
    {RULE__COUNT, 0, NULL},
};
