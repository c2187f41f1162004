/* This header is private to the analysis layer: what rule files share. */
#ifndef DOCKLS_ANALYSIS_RULES_INTERNAL_H_
#define DOCKLS_ANALYSIS_RULES_INTERNAL_H_

#include "dockls/analysis/diag.h"
#include "dockls/base/strbuf.h"
#include "dockls/workspace/files.h"
#include "dockls/workspace/workspace.h"

/* File kinds a rule runs on (bit mask over DocKind). */
#define KIND_DOCKERFILE (1u << DOC_KIND_DOCKERFILE)
#define KIND_COMPOSE (1u << DOC_KIND_COMPOSE)
#define KIND_CONFIG (1u << DOC_KIND_CONFIG)

/* What every checker receives: the workspace (read-only), the file it is
 * run for, and the list to append to; plus what several checkers of one
 * run need and is worth working out once. */
typedef struct {
  Workspace *ws;
  FileId file;
  const TextDoc *text;
  DiagList *out;
  /* Where the loan of borrowed copies goes when `out` may hold them
   * (analysis_file_borrowing), else NULL: caches then give out counted
   * copies. */
  DiagLoan **loan;
  char *build_context; /* rules__build_context's answer; NULL until asked; owned */
  struct ValNodes *val_nodes; /* the instruction nodes the validation rules visit, listed
                                 once per run (val_walk.c); NULL until asked; owned */
  struct ReportedIndex *reported; /* the findings so far by rule and range, for
                                     compose__reported; NULL until asked; owned */
  bool fixes;          /* build quick-fixes; false when only the diagnostics are wanted */
  /* For a per-instruction checker (RULE_PER_INSTRUCTION): the Dockerfile's
   * model and the instruction to look at. */
  const struct DockerfileModel *model;
  size_t instr;
  size_t stage; /* for a per-stage checker (RULE_PER_STAGE): the stage to look at */
  /* For a per-stage checker: rules__instr_facts of every instruction of
   * ctx->model, kept from one analysis to the next with the results of
   * unchanged instructions (instr_memo.c); NULL when the analysis has none,
   * and rules__facts_of works them out. */
  const uint32_t *instr_facts;
  /* Set through rules__looked_outside by a per-instruction or per-stage
   * checker that read more than its declared keys cover; instr_memo.c and
   * stage_memo.c then keep no result of this instruction's (stage's) run. */
  bool looked_outside;
  /* Set through rules__reads_before by a checker declared
   * RULE_READS_BEFORE when it reads the instructions before its own;
   * instr_memo.c keeps a run that never did under the instruction's own
   * key, which an edit above it does not change. */
  bool read_before;
  char keyword_case; /* rules__keywords_mostly_lower's answer: 'l', 'u', or 0 until asked */
  /* For a per-service checker (RULE_PER_SERVICE): the service of the
   * compose model to look at, a pair of its `services:` mapping. */
  const struct ComposePair *service;
  /* out->items[kept_from, kept_to): the findings the service memo gave
   * out, known to be in order (diaglist_sort_known); empty when none. */
  size_t kept_from, kept_to;
  struct ServiceRun *service_run; /* service_memo.c's state for this run; NULL until
                                     the first per-service checker; owned */
  /* With `fix_span`, fixes only for diagnostics of this file touching
   * [fix_start, fix_end]: a code action wants those under the cursor. */
  bool fix_span;
  size_t fix_start, fix_end;
} RuleCtx;

/* Whether this analysis builds the fixes of `d` (see `fixes`, `fix_span`). */
bool rules__wants_fix(const RuleCtx *ctx, const Diag *d);

/* Appends a fix to `d` and returns it, or returns NULL when this analysis
 * builds no fixes (ctx->fixes false).  Rules add fixes through this only,
 * and hand the result to the fix builders, which take NULL and then do
 * nothing (diag.h): a rule is written once for both kinds of analysis. */
Fix *rules__add_fix(const RuleCtx *ctx, Diag *d, const char *title, bool preferred);

/* Says that the per-instruction or per-stage checker running now reads
 * something its results' key does not cover (another stage, another
 * file): the results of this instruction (stage) in this analysis are
 * not kept, so the next analysis runs its checkers again and reads again
 * what they read (another file's dependency edge included).  Nothing for
 * a whole-file checker. */
void rules__looked_outside(RuleCtx *ctx);

/* For a cache of kept findings that owns `*cache_loan` (made here when it
 * is NULL): when the analysis may give out borrowed copies
 * (analysis_file_borrowing), its list holds that loan from now on.  True
 * when the list holds this cache's loan, so that the cache may give its
 * findings out borrowed; false when they must go out counted. */
bool rules__hold_loan(RuleCtx *ctx, DiagLoan **cache_loan);

/* Says that the RULE_READS_BEFORE checker running now is about to read
 * the instructions before its own (in its stage and the stages that
 * stage is built from).  Called before the first such read, at a point
 * its instruction and declared keys alone decide: a run of the group that
 * never calls it is kept under a key without the chain before, so that
 * an edit above the instruction does not run its checkers again. */
void rules__reads_before(RuleCtx *ctx);

/* Facts of one Dockerfile instruction that a per-stage checker folds over
 * a stage, worked out from the instruction alone (its text, kind, shell
 * and packages), so that a keystroke works them out for the edited
 * instructions only and the fold costs a load per instruction. */
#define DF_FACT_KNOWN (1u << 0)      /* set in every word rules__instr_facts returns */
#define DF_FACT_STEPS_DOWN (1u << 1) /* installs or runs gosu, su-exec or setpriv */
uint32_t rules__instr_facts(const struct DockerfileModel *m, size_t i); /* dockerfile/df_image.c */
/* The facts of instruction i of ctx->model: ctx->instr_facts[i], or
 * worked out when the analysis keeps none. */
uint32_t rules__facts_of(const RuleCtx *ctx, size_t i);

/* Whether most instruction keywords of the Dockerfile are written in lower
 * case (instruction-casing's majority: keywords wholly in one case are
 * counted, a tie is upper case); worked out once per analysis
 * (rules/dockerfile/df_casing.c).  The key of RULE_READS_KEYWORD_CASE. */
bool rules__keywords_mostly_lower(RuleCtx *ctx);

/* Frees ctx->val_nodes (val_walk.c); analysis.c calls it after a run. */
void val__nodes_free(struct ValNodes *nodes);
/* Frees ctx->reported (compose/compose_edit.c); analysis.c calls it after a run. */
void rules__reported_free(struct ReportedIndex *index);
/* An index for ctx->reported that sees only the findings from item
 * `first` of ctx->out on: for a checker run on a self-contained service,
 * whose findings no earlier finding can repeat (service_memo.c). */
struct ReportedIndex *rules__reported_from(size_t first);

typedef void (*RuleChecker)(RuleCtx *ctx);

/* A table entry's `kinds` may also say that its checker looks at one
 * Dockerfile instruction at a time, ctx->instr of ctx->model, and reports
 * inside that instruction's bytes only; analysis.c then runs it once per
 * instruction, and on a keystroke takes the results of unchanged
 * instructions from the previous analysis instead (instr_memo.c).  The
 * RULE_READS_* bits say what it reads besides the instruction itself (its
 * text, kind, shell and whether that shell is POSIX, the escape
 * character): the keys its cached results are filed under.  A checker
 * that reads anything else (another stage, another file) on some
 * instructions only says so with rules__looked_outside before it reads
 * it: those instructions' results are then worked out on every
 * analysis, the others are kept.  A checker that reads the settings, or
 * reads outside what its keys cover on most instructions, stays
 * whole-file. */
#define RULE_PER_INSTRUCTION (1u << 16)
/* The stage: its base image and the images it is built from (with their
 * facts), its shell, whether the stage ends in the final image and
 * whether it is the final stage. */
#define RULE_READS_STAGE (1u << 17)
/* The ARG lines before the first FROM (what a FROM line expands). */
#define RULE_READS_GLOBAL_ARGS (1u << 18)
/* The instructions before it in its stage and in the stages that stage
 * is built from (what the image holds when the instruction runs).  These
 * checkers are kept apart from the others, so that an edit runs them
 * again for every instruction after it and the others for the edited
 * ones only. */
#define RULE_READS_BEFORE (1u << 22)
/* The case most instruction keywords of the file are written in
 * (rules__keywords_mostly_lower). */
#define RULE_READS_KEYWORD_CASE (1u << 21)
/* A checker that looks at one stage at a time, ctx->stage of ctx->model,
 * reading that stage, every stage it is built from (their instructions
 * and images), whether it is or ends in the final stage, and the ARG
 * lines before the first FROM; it reports inside the stage's own
 * instructions.  Its results are kept per stage (stage_memo.c) and worked
 * out again when any of that changed, or on every analysis when it says
 * rules__looked_outside. */
#define RULE_PER_STAGE (1u << 20)

/* A compose checker may be declared per service instead: it reports on
 * ctx->service only, inside that service's pair (key and value), from
 * what the service holds, the disk and other documents.  analysis.c runs
 * it for each service through service_memo.c, and a publish takes the
 * results of services the model says are self-contained and whose text
 * did not change from the previous analysis (moved by the edits' length
 * change) instead of running it; every other document and the disk are in
 * the key as a whole (ws_outside_changes).  A checker that reads another
 * service, a top-level section or the settings stays a whole-file checker
 * (or keeps that part in a whole-file entry of its own).  A service that
 * `extends` another is always run: it reads the other one. */
#define RULE_PER_SERVICE (1u << 19)

/* A whole-file compose checker that compares services may be declared
 * RULE_COMPARES_SERVICES when its findings follow from what it reads of
 * each service (and of the disk and other documents) and lie in the
 * services' pairs, with its facts in rules__compose_facts: what it reads
 * of one service (`service`), or of the rest of the file (`service`
 * NULL), written to `out` as values without positions.  A publish then
 * runs it only when the facts of an edited service changed, and gives
 * out the previous findings, moved, otherwise (service_compare.c). */
#define RULE_COMPARES_SERVICES (1u << 23)
typedef void (*RuleFacts)(RuleCtx *ctx, const struct ComposePair *service, StrBuf *out);
typedef struct {
  RuleChecker check;
  RuleFacts facts;
} RuleFactsEntry;
extern const RuleFactsEntry rules__compose_facts[]; /* rules/compose/compose_table.c; ends with NULLs */

/* One checker of a rule for some file kinds.  Each area of rules keeps a
 * table of these, ended by an entry whose check is NULL; analysis.c runs
 * the tables in order.  A rule may have several entries (one per kind, or
 * a per-instruction part and a whole-file part). */
typedef struct {
  RuleId rule;
  unsigned kinds; /* KIND_DOCKERFILE, KIND_COMPOSE or both; RULE_PER_INSTRUCTION, RULE_READS_* */
  RuleChecker check;
} RuleCheck;

extern const RuleCheck rules__syntax_checks[];     /* rules/syntax.c */
extern const RuleCheck rules__dockerfile_checks[]; /* rules/dockerfile/dockerfile_table.c */
extern const RuleCheck rules__validation_checks[]; /* rules/validation/validation_table.c */
extern const RuleCheck rules__compose_checks[];    /* rules/compose/compose_table.c */
extern const RuleCheck rules__context_checks[];    /* rules/context/context_table.c */

/* The next whole-word `localhost` in text[from, len) (not part of a longer
 * name such as localhost.example or my-localhost); len when none. */
/* The absolute build-context folder of the Dockerfile `ctx` is run for:
 * the one a compose file names for it, else the Dockerfile's folder
 * (build_context.c).  NULL when the file has no path.  Borrowed from ctx. */
const char *rules__build_context(RuleCtx *ctx);

/* The compose files Compose itself finds by default (the four standard
 * names) in `dir` and the two folders above it, read as compose files
 * for `dependent` and appended to *out (build_context.c). */
void rules__standard_composes(Workspace *ws, FileId dependent, const char *dir, FileIdArray *out);

/* Where a compose service builds from, as absolute paths when compose_dir
 * is absolute: its context folder and its Dockerfile (`build.dockerfile`
 * is relative to the context), plus `build.target` (NULL: the last
 * stage).  False for a service without a local, literal build; otherwise
 * the caller owns *context_dir and *dockerfile. */
struct ComposeNode;
bool rules__service_build(const struct ComposeNode *service, const char *compose_dir, char **context_dir,
                          char **dockerfile, const char **target);

/* Appends `value` as one shell word that the shell reads back as
 * exactly `value`: as it is when it holds only characters no shell treats
 * specially, else in single quotes (a ' inside written as '\''), so a
 * path from a config file can never become an operator or an expansion. */
void rules__append_shell_word(StrBuf *out, const char *value);

/* True for a name that ${NAME} interpolation accepts: a letter or `_`,
 * then letters, digits and `_`. */
bool rules__is_identifier(const char *name);

size_t rules__find_localhost(const char *text, size_t len, size_t from);

/* The moving tag of an image reference written out in full (`node:lts`,
 * `registry:5000/app:edge`): one of the tags that are moved to new
 * releases like `latest` (stable, edge, lts, nightly, dev, beta, canary,
 * test), or NULL for any other tag, for no tag, for a digest and for a
 * reference holding a variable.  image-floating-tag's two sides share it,
 * so a Dockerfile and a compose file judge the same reference alike. */
const char *rules__floating_tag(const char *ref);

/* A Go/Compose duration ("30s", "1m30s", "500ms", "-1.5h", "0") in
 * milliseconds, negative when signed so; false when Go's
 * time.ParseDuration would refuse the text. */
bool rules__duration_ms(const char *s, double *ms);

/* config-invalid, in settings.c next to the code that applies the
 * configuration. */
void settings_check_config(RuleCtx *ctx);

/* Byte range of the whole line(s) from the start of the line holding
 * `start` to just after the line break that ends the line holding `end`
 * (or the end of the text): what deleting a YAML entry or an instruction
 * removes. */
void rules__line_span(const TextDoc *text, size_t start, size_t end, size_t *from, size_t *to);

/* The line break the document uses: "\r\n" when its first line ends so,
 * else "\n".  Fixes that add lines use it so a CRLF file stays CRLF. */
const char *rules__eol(const TextDoc *text);

/* Offset of the start of the line holding `offset`. */
size_t rules__line_start(const TextDoc *text, size_t offset);

/* Adds to `fix` an edit that inserts `line` (given without a line break)
 * as a new line before the line holding `offset`, indented like that line
 * and ended with the document's line break (nothing when fix is NULL). */
void rules__insert_line_before(Fix *fix, FileId file, const TextDoc *text, size_t offset,
                               const char *line);

/* A build context's .dockerignore (dockerignore.c), matched as Docker's
 * own pattern matcher does. */
typedef struct {
  char *text;   /* the pattern, cleaned like a path */
  bool negate;  /* a `!` line: re-includes what it matches */
  size_t line;  /* 1-based line in the file */
} DockerIgnorePattern;
typedef struct {
  Array(DockerIgnorePattern) patterns;
  bool reincludes; /* some line starts with `!` */
} DockerIgnore;

/* Reads `context_dir`/.dockerignore through the workspace (so the
 * dependency is recorded); false when there is none.  Free with
 * rules__dockerignore_destroy. */
bool rules__dockerignore_read(const RuleCtx *ctx, const char *context_dir, DockerIgnore *out);
void rules__dockerignore_parse(const char *text, size_t len, DockerIgnore *out);
void rules__dockerignore_destroy(DockerIgnore *ig);

/* The pattern that keeps `rel` (a path relative to the context, without
 * a leading `/` or `./`) out of the context, or NULL when it is kept. */
const DockerIgnorePattern *rules__dockerignore_match(const DockerIgnore *ig, const char *rel);

#endif
