/* This header is private to the analysis layer: the Dockerfile checkers
 * (registered in dockerfile_table.c) and the helpers they share. */
#ifndef DOCKLS_ANALYSIS_RULES_DOCKERFILE_RULES_H_
#define DOCKLS_ANALYSIS_RULES_DOCKERFILE_RULES_H_

#include "dockls/model/dockerfile.h"
#include "dockls/model/images.h"
#include "../internal.h"

/* df_packages.c: catalog section B, package managers */
/* Per instruction (RULE_PER_INSTRUCTION in dockerfile_table.c): */
void df__apt_get_no_yes(RuleCtx *ctx);
void df__apt_get_lists(RuleCtx *ctx);
void df__apk_no_cache(RuleCtx *ctx);
void df__build_deps_not_removed(RuleCtx *ctx);
/* df_php.c: catalog section B, PHP extensions */
void df__pecl_phpize_deps(RuleCtx *ctx);
void df__pecl_xdebug_headers(RuleCtx *ctx);
void df__php_ext_not_built(RuleCtx *ctx);
/* df_image.c: catalog section D */
void df__image_unpinned(RuleCtx *ctx);
void df__image_floating_tag(RuleCtx *ctx);
void df__user_root(RuleCtx *ctx);
/* secret-in-image: ENV and ARG defaults per instruction, the files COPY
 * and ADD bring in (which reads the build context) over the whole file. */
void df__secret_in_image(RuleCtx *ctx);
void df__secret_files_in_image(RuleCtx *ctx);
void df__shell_form_cmd(RuleCtx *ctx);
/* df_practices.c: rules-parity section G, best practices */
void df__expose_proto_casing(RuleCtx *ctx); /* per instruction */
void df__maintainer_deprecated(RuleCtx *ctx);
void df__redundant_target_platform(RuleCtx *ctx);
/* df_platform.c, df_secret_names.c, df_casing.c,
 * df_undefined_var.c: rules-parity section G, part 3 */
void df__from_platform_constant(RuleCtx *ctx);
void df__secret_arg_env_name(RuleCtx *ctx);
void df__stage_name_casing(RuleCtx *ctx);
void df__instruction_casing(RuleCtx *ctx);
void df__undefined_var(RuleCtx *ctx);
/* df_files.c: rules-parity section G, part 2 (files and folders) */
void df__add_instead_of_copy(RuleCtx *ctx);
void df__workdir_relative(RuleCtx *ctx);
void df__copy_relative_dest(RuleCtx *ctx);
/* df_run_habits.c: rules-parity section G, part 2 (how RUN lines are written) */
void df__run_sudo(RuleCtx *ctx);
void df__run_cd(RuleCtx *ctx);
void df__useradd_no_log_init(RuleCtx *ctx);
void df__run_pipefail(RuleCtx *ctx);
/* df_identity.c: rules-parity section G, part 2 (who the image runs as) */
void df__user_non_numeric(RuleCtx *ctx);
/* df_rpm.c: rules-parity section G, the RPM package managers */
void df__rpm_install_no_yes(RuleCtx *ctx);
/* df_apt.c: rules-parity section G, Debian's package tools */
void df__apt_not_apt_get(RuleCtx *ctx);
void df__apt_get_no_recommends(RuleCtx *ctx);
/* df_lang.c: rules-parity section G, language package managers */
void df__pip_no_cache_dir(RuleCtx *ctx);
/* df_pkg_cache.c: rules-parity section G, package caches */
void df__package_cache_not_cleaned(RuleCtx *ctx);
/* df_pinning.c: rules-parity section G, package versions */
void df__os_package_unpinned(RuleCtx *ctx);
void df__lang_package_unpinned(RuleCtx *ctx);
/* df_health.c: catalog section A, Dockerfile side */
void df__healthcheck_localhost(RuleCtx *ctx); /* per instruction */
void df__healthcheck_slow(RuleCtx *ctx);
void df__healthcheck_tool_missing(RuleCtx *ctx);
void df__healthcheck_endpoint(RuleCtx *ctx);

/* True when an ENV/ARG/environment key looks like it holds a secret
 * (the catalog's patterns, minus names of files, URLs and the like). */
bool df__secret_key(const char *key);

/* True when secret-in-image reports the ENV/ARG pair: a secret-looking
 * key with a literal value that is not a switch.  secret-arg-env-name
 * stays silent on those, so one key never gets both findings. */
bool df__secret_literal(const DfPair *pair);

/* True when the pair's value is a switch (yes, no, true, 0, …): the key
 * then configures (`ALLOW_EMPTY_PASSWORD=no`) rather than holds a secret. */
bool df__secret_switch(const DfPair *pair);

/* True when the stage ends up in the image the Dockerfile builds: the
 * final stage or one it is built FROM.  Image-size advice only matters
 * there; builder stages are thrown away. */
bool df__in_final_image(const DockerfileModel *m, const DfStage *stage);

/* The stage that builds `stage` (its FROM parent), or NULL. */
const DfStage *df__parent(const DockerfileModel *m, const DfStage *stage);

/* The facts of the stage's base image, following FROM <stage> to the
 * external image.  False when unknown (rules then stay silent). */
bool df__base_facts(const DockerfileModel *m, const DfStage *stage, ImageFacts *out);

/* True when a command of the same RUN, after command index `after`,
 * satisfies `pred`. */
typedef bool (*DfCommandPred)(const ShellCommand *cmd, const void *arg);
bool df__run_has(const DfInstr *run, size_t after, DfCommandPred pred, const void *arg);

/* Instruction `i` when it is a shell-form RUN of a stage (what every RUN
 * rule looks at), else NULL. */
const DfInstr *df__stage_run(const DockerfileModel *m, size_t i);

/* Iterates the shell-form RUN instructions that belong to a stage (the
 * loop every RUN rule starts with): start with *i = 0; NULL at the end. */
const DfInstr *df__next_run(const DockerfileModel *m, size_t *i);

/* A walk over the instructions before instruction `at` in its stage and
 * in the stages it is built from, root first (what the image holds when
 * `at` runs).  Start from {0}; NULL at the end. */
typedef struct {
  const DfStage *chain[DF_MAX_CHAIN];
  size_t n, stage, next;
  bool started;
} DfChainWalk;
const DfInstr *df__next_before(const DockerfileModel *m, size_t at, DfChainWalk *walk);

/* A walk over every command of the shell-form RUN instructions of the
 * stages (the loop of rules that judge one command at a time).  Start
 * from {0}; df__next_command returns NULL at the end, and otherwise the
 * command, with `run` its instruction and `command` its index there. */
typedef struct {
  size_t next;         /* the instruction to look at next */
  const DfInstr *run;
  size_t command;      /* of the command returned, in run's script */
  size_t next_command;
  size_t limit;        /* when not 0: no instruction at or after this index */
} DfCommandWalk;
const ShellCommand *df__next_command(const DockerfileModel *m, DfCommandWalk *walk);

/* The walk of a checker that judges one command at a time wherever it
 * stands: over the whole file for a whole-file checker, over ctx->instr
 * alone for a per-instruction one (RULE_PER_INSTRUCTION), so that one
 * checker body serves both.  Sets *m to the model (NULL: nothing to walk). */
DfCommandWalk df__commands_of(const RuleCtx *ctx, const DockerfileModel **m);

/* A shell-form RUN of a stage whose base image the image table knows
 * (what every rule about the base image's packages looks at). */
typedef struct {
  const DfInstr *run;
  size_t index;         /* of run in m->instrs */
  const DfStage *stage; /* the stage run belongs to */
  ImageFacts facts;     /* of that stage's base image */
} DfKnownRun;

/* Fills *out for the instruction a per-instruction checker looks at
 * (ctx->instr of ctx->model); false when it is no such RUN. */
bool df__known_run(const RuleCtx *ctx, DfKnownRun *out);

/* True when a USER value's user part is root (`root`, `0`, `root:staff`). */
bool df__root_user(const char *user);

/* The last instruction of `kind` before instruction `index` in its stage,
 * else the last one of the stages it is built from; NULL when none. */
const DfInstr *df__last_before(const DockerfileModel *m, size_t index, DfKind kind);

/* True when the command is `rm` of something under `prefix`. */
bool df__removes(const ShellCommand *c, const char *prefix);

/* The `install` word of `pip install` (pip, pip3, pip3.12, or `python -m
 * pip`), or NULL for any other command.  With `args_from`, the index of
 * the first argument after it. */
const ShellWord *df__pip_install_verb(const ShellCommand *c, size_t *args_from);

/* True when an apt-get/apt command only simulates (-s and its synonyms):
 * it neither asks nor installs anything. */
bool df__apt_simulates(const ShellCommand *c);

/* True when command `index` of the RUN reads its answers from `yes |`,
 * so a package manager's confirmation prompt is answered. */
bool df__yes_piped_in(const DfInstr *run, size_t index);

/* What a RUN --mount flag says about where it mounts: its target (NULL
 * when absent; trailing slashes removed) and whether it is a cache or a
 * tmpfs, whose contents never reach the image layer.  False for any flag
 * other than --mount. Free with df__mount_destroy. */
typedef struct {
  char *target;
  bool cache_like;
} DfMount;
bool df__mount_of(const DfFlag *flag, DfMount *out);
/* Whether a cache or tmpfs mount of the RUN has a target containing `part`
 * (`.cache/pip`, `.cache/yarn`: caches kept under any home folder). */
bool df__run_mounts_part(const DfInstr *run, const char *part);
void df__mount_destroy(DfMount *mount);

/* True when the RUN has a cache or tmpfs mount on `dir` or on a folder
 * that holds it: what the RUN leaves there never reaches the layer. */
bool df__run_mounts(const DfInstr *run, const char *dir);

#endif
