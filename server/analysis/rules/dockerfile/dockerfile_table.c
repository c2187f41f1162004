/* The Dockerfile checkers, in catalog order (sections A-D).  Rules that
 * also have a compose side register that checker in compose_table.c
 * under the same RuleId.  Entries marked RULE_PER_INSTRUCTION look at one
 * instruction at a time, so a keystroke runs them for the changed
 * instructions only (instr_memo.c). */
#include "dockerfile_rules.h"

const RuleCheck rules__dockerfile_checks[] = {
    {RULE_HEALTHCHECK_LOCALHOST, KIND_DOCKERFILE | RULE_PER_INSTRUCTION, df__healthcheck_localhost},
    {RULE_HEALTHCHECK_TOOL_MISSING, KIND_DOCKERFILE, df__healthcheck_tool_missing},
    {RULE_HEALTHCHECK_SLOW, KIND_DOCKERFILE, df__healthcheck_slow},
    {RULE_HEALTHCHECK_ENDPOINT, KIND_DOCKERFILE, df__healthcheck_endpoint},
    {RULE_APT_GET_NO_YES, KIND_DOCKERFILE | RULE_PER_INSTRUCTION, df__apt_get_no_yes},
    {RULE_APT_GET_LISTS, KIND_DOCKERFILE | RULE_PER_INSTRUCTION | RULE_READS_STAGE, df__apt_get_lists},
    {RULE_APK_NO_CACHE, KIND_DOCKERFILE | RULE_PER_INSTRUCTION | RULE_READS_STAGE, df__apk_no_cache},
    {RULE_BUILD_DEPS_NOT_REMOVED, KIND_DOCKERFILE | RULE_PER_INSTRUCTION | RULE_READS_STAGE, df__build_deps_not_removed},
    {RULE_PECL_PHPIZE_DEPS, KIND_DOCKERFILE | RULE_PER_INSTRUCTION | RULE_READS_STAGE | RULE_READS_BEFORE, df__pecl_phpize_deps},
    {RULE_PECL_XDEBUG_HEADERS, KIND_DOCKERFILE | RULE_PER_INSTRUCTION | RULE_READS_STAGE | RULE_READS_BEFORE, df__pecl_xdebug_headers},
    {RULE_PHP_EXT_NOT_BUILT, KIND_DOCKERFILE | RULE_PER_INSTRUCTION | RULE_READS_STAGE, df__php_ext_not_built},
    {RULE_IMAGE_UNPINNED, KIND_DOCKERFILE, df__image_unpinned},
    {RULE_IMAGE_FLOATING_TAG, KIND_DOCKERFILE, df__image_floating_tag},
    {RULE_USER_ROOT, KIND_DOCKERFILE | RULE_PER_STAGE, df__user_root},
    {RULE_SECRET_IN_IMAGE, KIND_DOCKERFILE | RULE_PER_INSTRUCTION, df__secret_in_image},
    {RULE_SECRET_IN_IMAGE, KIND_DOCKERFILE, df__secret_files_in_image},
    {RULE_SHELL_FORM_CMD, KIND_DOCKERFILE, df__shell_form_cmd},
    {RULE_EXPOSE_PROTO_CASING, KIND_DOCKERFILE | RULE_PER_INSTRUCTION, df__expose_proto_casing},
    {RULE_MAINTAINER_DEPRECATED, KIND_DOCKERFILE | RULE_PER_INSTRUCTION, df__maintainer_deprecated},
    {RULE_REDUNDANT_TARGET_PLATFORM, KIND_DOCKERFILE | RULE_PER_INSTRUCTION, df__redundant_target_platform},
    {RULE_FROM_PLATFORM_CONSTANT, KIND_DOCKERFILE | RULE_PER_INSTRUCTION, df__from_platform_constant},
    {RULE_SECRET_ARG_ENV_NAME, KIND_DOCKERFILE | RULE_PER_INSTRUCTION, df__secret_arg_env_name},
    {RULE_STAGE_NAME_CASING, KIND_DOCKERFILE, df__stage_name_casing},
    {RULE_INSTRUCTION_CASING, KIND_DOCKERFILE, df__instruction_casing},
    {RULE_UNDEFINED_VAR, KIND_DOCKERFILE | RULE_PER_STAGE, df__undefined_var},
    /* Section G, part 2. */
    {RULE_ADD_INSTEAD_OF_COPY, KIND_DOCKERFILE | RULE_PER_INSTRUCTION, df__add_instead_of_copy},
    {RULE_RUN_SUDO, KIND_DOCKERFILE | RULE_PER_INSTRUCTION | RULE_READS_STAGE | RULE_READS_BEFORE, df__run_sudo},
    {RULE_RUN_CD, KIND_DOCKERFILE | RULE_PER_INSTRUCTION, df__run_cd},
    {RULE_USERADD_NO_LOG_INIT, KIND_DOCKERFILE | RULE_PER_INSTRUCTION, df__useradd_no_log_init},
    {RULE_USER_NON_NUMERIC, KIND_DOCKERFILE, df__user_non_numeric},
    {RULE_WORKDIR_RELATIVE, KIND_DOCKERFILE | RULE_PER_INSTRUCTION | RULE_READS_BEFORE, df__workdir_relative},
    {RULE_COPY_RELATIVE_DEST, KIND_DOCKERFILE | RULE_PER_INSTRUCTION | RULE_READS_STAGE | RULE_READS_BEFORE, df__copy_relative_dest},
    {RULE_RUN_PIPEFAIL, KIND_DOCKERFILE | RULE_PER_STAGE, df__run_pipefail},
    {RULE_RPM_INSTALL_NO_YES, KIND_DOCKERFILE | RULE_PER_INSTRUCTION, df__rpm_install_no_yes},
    {RULE_APT_NOT_APT_GET, KIND_DOCKERFILE | RULE_PER_INSTRUCTION, df__apt_not_apt_get},
    {RULE_APT_GET_NO_RECOMMENDS, KIND_DOCKERFILE | RULE_PER_INSTRUCTION | RULE_READS_BEFORE, df__apt_get_no_recommends},
    {RULE_PIP_NO_CACHE_DIR, KIND_DOCKERFILE | RULE_PER_INSTRUCTION | RULE_READS_STAGE | RULE_READS_BEFORE, df__pip_no_cache_dir},
    {RULE_PACKAGE_CACHE_NOT_CLEANED, KIND_DOCKERFILE | RULE_PER_INSTRUCTION | RULE_READS_STAGE, df__package_cache_not_cleaned},
    {RULE_OS_PACKAGE_UNPINNED, KIND_DOCKERFILE | RULE_PER_INSTRUCTION, df__os_package_unpinned},
    {RULE_LANG_PACKAGE_UNPINNED, KIND_DOCKERFILE | RULE_PER_INSTRUCTION, df__lang_package_unpinned},
    {RULE__COUNT, 0, NULL},
};
