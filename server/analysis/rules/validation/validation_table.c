/* The validation checkers (catalog section F: what the Dockerfile builder
 * rejects or silently misreads), in catalog order.  analysis.c skips the
 * whole table under a custom `# syntax=` frontend. */
#include "validation_rules.h"

const RuleCheck rules__validation_checks[] = {
    {RULE_EXPOSE_INVALID, KIND_DOCKERFILE, val__expose_invalid},
    {RULE_EXPOSE_HOST_MAPPING, KIND_DOCKERFILE, val__expose_host_mapping},
    {RULE_STOPSIGNAL_INVALID, KIND_DOCKERFILE, val__stopsignal_invalid},
    {RULE__COUNT, 0, NULL},
};
