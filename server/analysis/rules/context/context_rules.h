/* This header is private to the analysis layer: the build-context rules
 * (npm-ci-no-lockfile, npm-script-dependency, runtime-dir-missing),
 * registered in context_table.c, and what they share: the build context
 * folder, the working directory of an instruction, where a COPY puts a
 * file, and whether a directory exists in a stage's image. */
#ifndef DOCKLS_ANALYSIS_RULES_CONTEXT_RULES_H_
#define DOCKLS_ANALYSIS_RULES_CONTEXT_RULES_H_

#include "dockls/model/dockerfile.h"
#include "dockls/workspace/files.h"
#include "../internal.h"

/* --- Checkers ------------------------------------------------------------- */

void context__npm_ci_no_lockfile(RuleCtx *ctx);    /* context_npm.c */
void context__npm_script_dependency(RuleCtx *ctx); /* context_scripts.c */
void context__runtime_dir_missing(RuleCtx *ctx);   /* context_dirs.c */

/* --- The Dockerfile and its build context (context_paths.c) --------------- */

/* What every build-context checker works on.  The build context is the
 * folder a compose file names for this Dockerfile, else the Dockerfile's
 * own folder (rules__build_context). */
typedef struct {
  const RuleCtx *ctx;
  const DockerfileModel *m;
  const char *context_dir; /* absolute; borrowed from the RuleCtx, which works it out once */
} CtxEnv;

/* Fills *env for the file of ctx (nothing to free); false when the file
 * has no Dockerfile model or no path on disk. */
bool context__env_init(CtxEnv *env, RuleCtx *ctx);

/* The stage that holds instruction `instr`, and its parent (NULL when the
 * stage is built from an image). */
const DfStage *context__stage_of(const CtxEnv *env, size_t instr);
const DfStage *context__parent(const CtxEnv *env, const DfStage *stage);

/* The working directory in effect before instruction `instr` of `stage`
 * (WORKDIR lines of the stage and its parents, resolved in order; "/"
 * when none is known).  Caller owns. */
char *context__workdir(const CtxEnv *env, const DfStage *stage, size_t instr);

/* The image-side path of a path written in instruction `instr`: ARGs and
 * ENVs expanded, then resolved against the working directory.  NULL when
 * a variable has no known value.  Caller owns. */
char *context__image_path(const CtxEnv *env, const DfStage *stage, size_t instr, const char *path);

/* The build-context path of a COPY/ADD source (absolute on disk), or NULL
 * when it has an unknown variable.  Caller owns. */
char *context__source_path(const CtxEnv *env, const DfStage *stage, size_t instr, const char *src);

/* The value of the instruction's --name flag, or NULL.  Borrowed. */
const char *context__flag(const DfInstr *in, const char *name);

/* True when the COPY/ADD destination is a folder: it ends with '/', is
 * "." or "..", or the instruction has several sources. */
bool context__dest_is_dir(const DfInstr *in);

/* True when the context's .dockerignore keeps `rel` (a path relative to
 * the context) out of the context, matched as Docker does
 * (rules__dockerignore_match). */
bool context__ignored(const CtxEnv *env, const char *rel);

/* True when `path` (absolute, in the image) is a directory after the
 * instructions of `stage` before `before`: created by mkdir, WORKDIR,
 * VOLUME, a COPY/ADD (the destination, or a folder inside a copied
 * folder of the context or of another stage), a package known to ship
 * it, a parent stage, or the base image.  Errs towards "exists": an
 * unknown base image, a context that is not visible, or a copy from an
 * image all count as creating it. */
bool context__dir_exists(const CtxEnv *env, const DfStage *stage, size_t before, const char *path);

/* True when `path` is `dir` or lies below it. */

/* The first operand of an npm command (its sub-command), skipping global
 * options; NULL when there is none.  Borrowed. */
const ShellWord *context__npm_verb(const ShellCommand *cmd);
bool context__npm_is_ci(const ShellCommand *cmd);
bool context__npm_is_install(const ShellCommand *cmd); /* `npm install` / `npm i` without packages */

/* --- Where an npm command finds package.json (context_npm.c) --------------- */

typedef struct {
  bool found;               /* some COPY/ADD or bind mount brought package.json */
  bool unknown;             /* something we cannot see (COPY --from, a variable) may have */
  size_t copy_instr;        /* the COPY that brought package.json */
  const DfText *pj_source;  /* its source word for package.json (borrowed) */
  bool pj_alone;            /* that source names package.json itself, no wildcard */
  char *pj_path;            /* package.json in the context (absolute), or NULL */
  bool lock_explicit;       /* a COPY or mount names a lockfile for this folder */
  bool lock_if_present;     /* a wildcard or folder copy brings one if the context has it */
  char *npm_dir;            /* the folder npm runs in (image path) */
} NpmSource;

/* Works out, for the npm command `cmd` of RUN instruction `instr`, the
 * folder it runs in and which copies brought package.json and a lockfile
 * there.  False when the folder cannot be told (a `cd` to an unknown
 * place, an unknown variable); then nothing is to be freed. */
bool context__npm_source(const CtxEnv *env, size_t instr, const ShellCommand *cmd, NpmSource *out);
void context__npm_source_destroy(NpmSource *src);

/* The lockfile beside package.json in the context ("package-lock.json"
 * or "npm-shrinkwrap.json"), or NULL; the check records the dependency. */
const char *context__lockfile_beside(const CtxEnv *env, const char *pj_path);

/* --- Start scripts (context_start.c) ------------------------------------ */

/* Appends the text of every script the final stage's ENTRYPOINT / CMD
 * runs that was copied from the build context (and the inline script of
 * `sh -c`).  False when such a script exists but cannot be read (copied
 * from another stage, a context we cannot see): then anything may happen
 * at start and the caller stays silent.  Free the texts with
 * strarray_delete. */
bool context__start_scripts(const CtxEnv *env, const DfStage *fin, StrArray *texts);

/* True when one of the scripts runs mkdir for `dir` (see the file). */
bool context__start_creates(const StrArray *texts, const char *dir);

/* --- Edits ---------------------------------------------------------------- */

/* Adds to fix an edit inserting `lines` (each without a line break) as new
 * lines before the line holding `offset`, or after the end of the
 * instruction ending at `offset` when `after` is true. */
void context__insert_lines(Fix *fix, const RuleCtx *ctx, size_t offset, bool after,
                           const char *const *lines, size_t count);

#endif
