/* The validation checkers (catalog section F: what the Dockerfile builder
 * rejects or silently misreads), in catalog order.  analysis.c skips the
 * whole table under a custom `# syntax=` frontend.  The rules marked
 * RULE_PER_INSTRUCTION read one instruction's node (and the escape
 * character): a keystroke runs them for the changed instructions only. */
#include "validation_rules.h"

const RuleCheck rules__validation_checks[] = {
    {RULE_UNKNOWN_INSTRUCTION, KIND_DOCKERFILE, val__unknown_instruction},
    {RULE_INSTRUCTION_ARGS_INVALID, KIND_DOCKERFILE, val__instruction_args_invalid},
    {RULE_INSTRUCTION_ARGS_INVALID, KIND_DOCKERFILE | RULE_PER_INSTRUCTION, val__instruction_shape},
    {RULE_UNKNOWN_FLAG, KIND_DOCKERFILE | RULE_PER_INSTRUCTION, val__unknown_flag},
    {RULE_FLAG_DUPLICATE, KIND_DOCKERFILE | RULE_PER_INSTRUCTION, val__flag_duplicate},
    {RULE_FLAG_VALUE_INVALID, KIND_DOCKERFILE | RULE_PER_INSTRUCTION, val__flag_value_invalid},
    {RULE_FLAG_VALUE_INVALID, KIND_DOCKERFILE, val__flag_value_invalid_errors},
    {RULE_HEALTHCHECK_FORM, KIND_DOCKERFILE | RULE_PER_INSTRUCTION, val__healthcheck_form},
    {RULE_HEALTHCHECK_OPTION_INVALID, KIND_DOCKERFILE | RULE_PER_INSTRUCTION, val__healthcheck_option_invalid},
    {RULE_EXPOSE_INVALID, KIND_DOCKERFILE | RULE_PER_INSTRUCTION, val__expose_invalid},
    {RULE_EXPOSE_HOST_MAPPING, KIND_DOCKERFILE | RULE_PER_INSTRUCTION, val__expose_host_mapping},
    {RULE_STOPSIGNAL_INVALID, KIND_DOCKERFILE | RULE_PER_INSTRUCTION, val__stopsignal_invalid},
    {RULE_STAGE_NAME_INVALID, KIND_DOCKERFILE, val__stage_name_invalid},
    {RULE_STAGE_NAME_DUPLICATE, KIND_DOCKERFILE, val__stage_name_duplicate},
    {RULE_STAGE_NAME_RESERVED, KIND_DOCKERFILE, val__stage_name_reserved},
    {RULE_COPY_FROM_INVALID, KIND_DOCKERFILE, val__copy_from_invalid},
    {RULE_COPY_FROM_UNKNOWN_STAGE, KIND_DOCKERFILE, val__copy_from_unknown_stage},
    {RULE_MULTIPLE_INSTRUCTIONS, KIND_DOCKERFILE, val__multiple_instructions},
    {RULE_FIRST_INSTRUCTION_NOT_FROM, KIND_DOCKERFILE, val__first_instruction_not_from},
    {RULE_ONBUILD_TRIGGER_INVALID, KIND_DOCKERFILE | RULE_PER_INSTRUCTION, val__onbuild_trigger_invalid},
    {RULE_EXEC_FORM_INVALID_JSON, KIND_DOCKERFILE | RULE_PER_INSTRUCTION, val__exec_form_invalid_json},
    {RULE_EXEC_FORM_INVALID_JSON, KIND_DOCKERFILE, val__exec_form_invalid_json_errors},
    {RULE_KV_SYNTAX, KIND_DOCKERFILE | RULE_PER_INSTRUCTION, val__kv_syntax},
    {RULE_KV_SYNTAX, KIND_DOCKERFILE, val__kv_syntax_errors},
    {RULE_VAR_MODIFIER_UNSUPPORTED, KIND_DOCKERFILE | RULE_PER_INSTRUCTION, val__var_modifier_unsupported},
    {RULE_ESCAPE_DIRECTIVE_INVALID, KIND_DOCKERFILE, val__escape_directive_invalid},
    {RULE_FROM_IMAGE_INVALID, KIND_DOCKERFILE | RULE_PER_INSTRUCTION | RULE_READS_STAGE | RULE_READS_GLOBAL_ARGS,
     val__from_image_invalid},
    {RULE_FROM_ARG_UNDECLARED, KIND_DOCKERFILE, val__from_arg_undeclared},
    {RULE_COPY_DEST_NOT_DIR, KIND_DOCKERFILE | RULE_PER_INSTRUCTION, val__copy_dest_not_dir},
    {RULE_NO_EMPTY_CONTINUATION, KIND_DOCKERFILE | RULE_PER_INSTRUCTION, val__no_empty_continuation},
    {RULE_LEGACY_KEY_VALUE, KIND_DOCKERFILE | RULE_PER_INSTRUCTION, val__legacy_key_value},
    {RULE_ENV_SAME_STATEMENT_REF, KIND_DOCKERFILE, val__env_same_statement_ref},
    {RULE_COPY_IGNORED_FILE, KIND_DOCKERFILE, val__copy_ignored_file},
    {RULE__COUNT, 0, NULL},
};
