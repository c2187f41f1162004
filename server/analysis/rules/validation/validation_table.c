/* The validation checkers (catalog section F: what the Dockerfile builder
 * rejects or silently misreads), in catalog order.  analysis.c skips the
 * whole table under a custom `# syntax=` frontend. */
#include "validation_rules.h"

const RuleCheck rules__validation_checks[] = {
    {RULE_UNKNOWN_INSTRUCTION, KIND_DOCKERFILE, validation__unknown_instruction},
    {RULE_INSTRUCTION_ARGS_INVALID, KIND_DOCKERFILE, validation__instruction_args_invalid},
    {RULE_UNKNOWN_FLAG, KIND_DOCKERFILE, validation__unknown_flag},
    {RULE_FLAG_DUPLICATE, KIND_DOCKERFILE, validation__flag_duplicate},
    {RULE_FLAG_VALUE_INVALID, KIND_DOCKERFILE, validation__flag_value_invalid},
    {RULE_HEALTHCHECK_FORM, KIND_DOCKERFILE, validation__healthcheck_form},
    {RULE_HEALTHCHECK_OPTION_INVALID, KIND_DOCKERFILE, validation__healthcheck_option_invalid},
    {RULE__COUNT, 0, NULL},
};
