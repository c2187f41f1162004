/* This header is private to the analysis layer: the compose checkers,
 * registered in compose_table.c, and the helpers they share (YAML edits
 * that keep the file's indentation and line endings, the compose file's
 * folder, the .env files beside it, a Dockerfile's HEALTHCHECK). */
#ifndef DOCKLS_ANALYSIS_RULES_COMPOSE_RULES_H_
#define DOCKLS_ANALYSIS_RULES_COMPOSE_RULES_H_

#include "dockls/base/strbuf.h"
#include "dockls/model/compose.h"
#include "dockls/model/dockerfile.h"
#include "../internal.h"

/* --- Checkers ------------------------------------------------------------ */

void compose__version_obsolete(RuleCtx *ctx);  /* compose_version.c */
void compose__loader_problems(RuleCtx *ctx);   /* compose_version.c: syntax-error */
void compose__path_missing(RuleCtx *ctx);      /* compose_paths.c: configs and secrets */
void compose__path_missing_service(RuleCtx *ctx); /* compose_paths.c: per service */
void compose__unknown_service(RuleCtx *ctx);   /* compose_refs.c */
void compose__port_conflict(RuleCtx *ctx);     /* compose_ports.c */
void compose__secret_literal(RuleCtx *ctx);    /* compose_env.c */
void compose__env_undeclared(RuleCtx *ctx);    /* compose_env.c: all but the services */
void compose__env_undeclared_service(RuleCtx *ctx); /* compose_env.c: per service */
void compose__no_limits(RuleCtx *ctx);         /* compose_limits.c */
void compose__writable_root(RuleCtx *ctx);     /* compose_limits.c */
void compose__schema(RuleCtx *ctx);            /* compose_schema.c: all but the services */
void compose__schema_service(RuleCtx *ctx);    /* compose_schema.c: per service */
void compose__image_unpinned(RuleCtx *ctx);    /* compose_image.c */
void compose__image_floating_tag(RuleCtx *ctx); /* compose_image.c */
void compose__healthcheck_localhost(RuleCtx *ctx); /* compose_health.c */
void compose__healthcheck_slow(RuleCtx *ctx);      /* compose_health.c */
void compose__healthcheck_endpoint(RuleCtx *ctx);  /* compose_health.c */
void compose__healthcheck_tool_missing(RuleCtx *ctx); /* compose_health_tool.c */
void compose__healthcheck_missing(RuleCtx *ctx);   /* compose_health_missing.c */
void compose__healthcheck_twice(RuleCtx *ctx);     /* compose_health_missing.c */
void compose__build_and_image(RuleCtx *ctx);       /* compose_build_image.c */
void compose__port_unquoted(RuleCtx *ctx);         /* compose_port_quoting.c */
void compose__port_all_interfaces(RuleCtx *ctx);   /* compose_port_binding.c */
void compose__container_name_duplicate(RuleCtx *ctx); /* compose_container_name.c */

/* The facts (rules__compose_facts) of the checkers above that compare services. */
void compose__unknown_service_facts(RuleCtx *ctx, const ComposePair *service, StrBuf *out);
void compose__port_conflict_facts(RuleCtx *ctx, const ComposePair *service, StrBuf *out);
void compose__healthcheck_missing_facts(RuleCtx *ctx, const ComposePair *service, StrBuf *out);
void compose__container_name_facts(RuleCtx *ctx, const ComposePair *service, StrBuf *out);

/* --- Walks (compose_walk.c) ---------------------------------------------- */

/* For a per-service checker (RULE_PER_SERVICE): calls visit for
 * ctx->service when its value is a mapping. */
typedef void (*ComposeServiceVisit)(RuleCtx *ctx, const ComposePair *service);
void compose__service_if_map(RuleCtx *ctx, ComposeServiceVisit visit);

/* For a per-service checker: calls visit for each item of ctx->service's
 * `ports:` list (merged lists included, so an anchored item comes once
 * per service that merges it). */
typedef void (*ComposePortVisit)(RuleCtx *ctx, const ComposeNode *item);
void compose__service_ports(RuleCtx *ctx, ComposePortVisit visit);

/* Writes the service's key and the values of the named keys of its
 * mapping (`keys`, NULL-terminated) to `out`, without positions: what a
 * checker that compares services reads of this one, for its facts
 * (rules__compose_facts).  Two services give the same text exactly when those
 * values are equal (kinds, scalar types, styles and texts). */
void compose__service_facts(const ComposePair *service, const char *const *keys, StrBuf *out);
/* The same for one value (NULL writes a mark of its own). */
void compose__value_facts(const ComposeNode *node, StrBuf *out);

/* --- Helpers (compose_edit.c) -------------------------------------------- */

/* The line break the file uses ("\r\n" when its first line ends so). */
const char *compose__newline(const TextDoc *text);

/* The column of a byte offset (bytes from the start of its line). */
size_t compose__column(const TextDoc *text, size_t offset);

/* The file's indentation step, from the first nested block mapping (2 when
 * it cannot tell). */
size_t compose__indent_step(const ComposeModel *model, const TextDoc *text);

/* Adds to `fix` an edit inserting `lines` (one entry per line, written
 * relative to the mapping's own indentation, nested lines already indented
 * with the file's step) as the last keys of the block mapping `map`.
 * The mapping may be a sequence item (`- key: value`).
 * False (nothing added) when the mapping is a flow mapping, has no key of
 * its own, or its last key does not own its lines, and when fix is NULL
 * (no fixes are being built). */
bool compose__insert_keys(const RuleCtx *ctx, Fix *fix, const ComposeNode *map,
                          const char *const *lines, size_t count);

/* True when nothing but blanks precede [start, end) on its first line and
 * nothing but blanks or a comment follow it on its last line. */
bool compose__owns_lines(const TextDoc *text, size_t start, size_t end);

/* True when a diagnostic of this rule with this range is in the list
 * already (an anchored value merged into several services is reported
 * once, at its own place).  Keeps an index of the list in ctx->reported. */
bool compose__reported(RuleCtx *ctx, RuleId rule, size_t start, size_t end);

/* Edit distance (Levenshtein; '-' for '_' costs nothing) of two short
 * strings, stopping early above `limit`. */
size_t compose__distance(const char *a, const char *b, size_t limit);

/* The compose file's folder (caller owns), or NULL for a non-file URI. */
/* The text that writes `value` over [start, end) of scalar `node` so that
 * YAML reads back exactly `value`: as is when that is safe plain, quoted
 * and escaped for the scalar's style otherwise; NULL when it cannot be
 * written there (a quote would be needed inside part of a plain scalar,
 * a block scalar, a control character).  Caller owns. */
char *compose__scalar_text(const ComposeNode *node, size_t start, size_t end, const char *value);

char *compose__dir(const RuleCtx *ctx);

/* --- .env files (compose_dotenv.c) --------------------------------------- */

/* True when `name` is set in `.env` or `.env.example` beside the compose
 * file (read through ws_read, so the rules re-run when they change). */
bool compose__env_declared(const RuleCtx *ctx, const char *dir, const char *name);

/* Adds to fix an edit appending `NAME=` to .env.example beside the compose
 * file, or the creation of .env.example with that line when it does not
 * exist.  False when neither is possible (outside the root, unreadable),
 * and at once when the analysis builds no fixes: reading .env.example
 * serves the fix only. */
bool compose__env_example_append(const RuleCtx *ctx, Fix *fix, const char *dir, const char *name);

/* --- Health checks (compose_probe.c) ------------------------------------ */

/* The script a `healthcheck.test` runs: a string or ["CMD-SHELL", s]
 * parsed as a script, ["CMD", …] as one command without a shell; NULL for
 * no test, ["NONE"] and malformed tests.  *source is the node the script
 * is written in (the string, or the whole CMD list).  Offsets are
 * document offsets when *exact is set; otherwise (escapes, folded lines)
 * they only approximate, and a rule reports *source without a fix.
 * Caller owns; free with shell_script_delete. */
ShellScript *compose__health_script(const RuleCtx *ctx, const ComposeNode *test, bool *exact,
                                   const ComposeNode **source);

/* A service's `command:` or `entrypoint:` as a script: a string split
 * into words as Compose splits it (read with the shell model, which
 * splits the same way), a list as words run without a shell.  NULL for
 * anything else.  Caller owns. */
ShellScript *compose__command_script(const RuleCtx *ctx, const ComposeNode *node);

/* `text` with its ${VAR} references replaced as Compose would, from the
 * `.env` beside the compose file (read through ws_read); caller owns.
 * NULL when a value cannot be known offline: a variable .env does not set
 * (the shell may set it), a `?` reference that would stop Compose, a
 * default that holds another reference, a malformed reference. */
char *compose__interpolate(const RuleCtx *ctx, const char *dir, const char *text);

/* --- Profiles (compose_ports.c) ------------------------------------------ */

/* True when two services with these `profiles:` values (NULL when unset)
 * can run at the same time: unless both lists are non-empty and share no
 * profile. */
bool compose__profiles_meet(const ComposeNode *a, const ComposeNode *b);

/* --- extends (compose_extends.c) ------------------------------------------ */

/* The node at `path` (keys, from the service down) in the service or, when
 * it does not set it, in the services it extends (same file or `file:`).
 * *where (may be NULL) gets the file that set it.  NULL with *unknown
 * false: nobody in the chain sets it; NULL with *unknown true: the chain
 * could not be followed, so nothing can be said. */
const ComposeNode *compose__service_lookup(const RuleCtx *ctx, const ComposeNode *service,
                                           const char *const *path, size_t depth_of_path,
                                           FileId *where, bool *unknown);

/* --- Dockerfiles (compose_dockerfile.c) ---------------------------------- */

typedef enum {
  COMPOSE_DF_UNKNOWN,  /* no build, unreadable, remote, or no grammar */
  COMPOSE_DF_NONE,     /* the stage has no HEALTHCHECK */
  COMPOSE_DF_DISABLED, /* HEALTHCHECK NONE */
  COMPOSE_DF_PRESENT   /* a HEALTHCHECK CMD */
} ComposeDfHealth;

/* The Dockerfile a service builds and the stage it builds (`target`, else
 * the last stage), read through the workspace.  *context_dir (caller
 * owns; pass NULL when not needed) is the build context.  False when the
 * service builds nothing we can read, or the Dockerfile has syntax
 * errors. */
bool compose__built_stage(const RuleCtx *ctx, const ComposeNode *service, FileId *file,
                          const DockerfileModel **model, const DfStage **stage, char **context_dir);

/* Looks for a HEALTHCHECK in the stage a service builds, following
 * `FROM <stage>` to its parents.  *file and [*start, *end) receive the
 * instruction when there is one. */
ComposeDfHealth compose__dockerfile_health(const RuleCtx *ctx, const ComposeNode *service,
                                           FileId *file, size_t *start, size_t *end);

#endif
