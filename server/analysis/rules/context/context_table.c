/* The Dockerfile checkers that read the build context, in catalog order
 * (section B's npm rules, then section C). */
#include "context_rules.h"

const RuleCheck rules__context_checks[] = {
    {RULE_NPM_CI_NO_LOCKFILE, KIND_DOCKERFILE | RULE_PER_INSTRUCTION, context__npm_ci_no_lockfile},
    {RULE_NPM_SCRIPT_DEPENDENCY, KIND_DOCKERFILE | RULE_PER_INSTRUCTION, context__npm_script_dependency},
    {RULE_RUNTIME_DIR_MISSING, KIND_DOCKERFILE, context__runtime_dir_missing},
    {RULE__COUNT, 0, NULL},
};
