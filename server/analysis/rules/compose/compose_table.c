/* The compose checkers, in catalog order.  Those marked RULE_PER_SERVICE
 * look at one service (ctx->service) and are run for each by
 * service_memo.c, which keeps their results for unchanged services; a
 * rule with a per-service part and a part about the rest of the file has
 * an entry for each.  Those marked RULE_COMPARES_SERVICES compare the
 * services and have their facts in rules__compose_facts at the end, so
 * that service_compare.c runs them only when what they compare changed.
 * A rule with a Dockerfile side
 * too (section A, image-unpinned) registers its Dockerfile checker in
 * dockerfile_table.c under the same RuleId.  syntax-error has a compose
 * checker here as well: the YAML problems Compose's loader refuses that
 * the compose model finds (duplicate keys, unknown anchors). */
#include "compose_rules.h"

const RuleCheck rules__compose_checks[] = {
    {RULE_SYNTAX_ERROR, KIND_COMPOSE, compose__loader_problems},
    {RULE_HEALTHCHECK_LOCALHOST, KIND_COMPOSE | RULE_PER_SERVICE, compose__healthcheck_localhost},
    {RULE_HEALTHCHECK_DEFINED_TWICE, KIND_COMPOSE | RULE_PER_SERVICE, compose__healthcheck_twice},
    {RULE_HEALTHCHECK_SLOW, KIND_COMPOSE | RULE_PER_SERVICE, compose__healthcheck_slow},
    {RULE_HEALTHCHECK_ENDPOINT, KIND_COMPOSE | RULE_PER_SERVICE, compose__healthcheck_endpoint},
    {RULE_HEALTHCHECK_TOOL_MISSING, KIND_COMPOSE | RULE_PER_SERVICE, compose__healthcheck_tool_missing},
    {RULE_HEALTHCHECK_MISSING, KIND_COMPOSE | RULE_COMPARES_SERVICES, compose__healthcheck_missing},
    {RULE_IMAGE_UNPINNED, KIND_COMPOSE | RULE_PER_SERVICE, compose__image_unpinned},
    {RULE_IMAGE_FLOATING_TAG, KIND_COMPOSE | RULE_PER_SERVICE, compose__image_floating_tag},
    {RULE_COMPOSE_PATH_MISSING, KIND_COMPOSE | RULE_PER_SERVICE, compose__path_missing_service},
    {RULE_COMPOSE_PATH_MISSING, KIND_COMPOSE, compose__path_missing},
    {RULE_COMPOSE_UNKNOWN_SERVICE, KIND_COMPOSE | RULE_COMPARES_SERVICES, compose__unknown_service},
    {RULE_COMPOSE_PORT_CONFLICT, KIND_COMPOSE | RULE_COMPARES_SERVICES, compose__port_conflict},
    {RULE_COMPOSE_SECRET_LITERAL, KIND_COMPOSE | RULE_PER_SERVICE, compose__secret_literal},
    {RULE_COMPOSE_ENV_UNDECLARED, KIND_COMPOSE, compose__env_undeclared},
    {RULE_COMPOSE_ENV_UNDECLARED, KIND_COMPOSE | RULE_PER_SERVICE, compose__env_undeclared_service},
    {RULE_COMPOSE_NO_LIMITS, KIND_COMPOSE | RULE_PER_SERVICE, compose__no_limits},
    {RULE_COMPOSE_WRITABLE_ROOT, KIND_COMPOSE | RULE_PER_SERVICE, compose__writable_root},
    {RULE_COMPOSE_VERSION_OBSOLETE, KIND_COMPOSE, compose__version_obsolete},
    {RULE_COMPOSE_SCHEMA, KIND_COMPOSE, compose__schema},
    {RULE_COMPOSE_SCHEMA, KIND_COMPOSE | RULE_PER_SERVICE, compose__schema_service},
    {RULE_COMPOSE_BUILD_AND_IMAGE, KIND_COMPOSE | RULE_PER_SERVICE, compose__build_and_image},
    {RULE_COMPOSE_PORT_UNQUOTED, KIND_COMPOSE | RULE_PER_SERVICE, compose__port_unquoted},
    {RULE_COMPOSE_PORT_ALL_INTERFACES, KIND_COMPOSE | RULE_PER_SERVICE, compose__port_all_interfaces},
    {RULE_COMPOSE_CONTAINER_NAME_DUPLICATE, KIND_COMPOSE | RULE_COMPARES_SERVICES,
     compose__container_name_duplicate},
    {RULE__COUNT, 0, NULL},
};

/* The facts of the checkers above that compare services. */
const RuleFactsEntry rules__compose_facts[] = {
    {compose__healthcheck_missing, compose__healthcheck_missing_facts},
    {compose__unknown_service, compose__unknown_service_facts},
    {compose__port_conflict, compose__port_conflict_facts},
    {compose__container_name_duplicate, compose__container_name_facts},
    {NULL, NULL},
};
