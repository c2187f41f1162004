/* DockerfileModel: the typed view of a Dockerfile that rules read.  One
 * walk over the tree gives the instructions (with flags, key/value pairs,
 * paths and shell scripts) and the stages (base image with ARG values
 * resolved, parent stage, the instructions they hold).  A second pass
 * derives per-stage facts from the shell model: packages installed and
 * removed, directories created, files copied.  Rules combine those facts
 * along the parent chain and with the official-image table (images.h). */
#ifndef DOCKLS_MODEL_DOCKERFILE_H_
#define DOCKLS_MODEL_DOCKERFILE_H_

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "dockls/base/array.h"
#include "dockls/model/images.h"
#include "dockls/model/shell.h"
#include "dockls/syntax/parse.h"
#include "dockls/text/edit.h"
#include "dockls/text/text.h"

typedef enum {
  DF_FROM, DF_RUN, DF_CMD, DF_ENTRYPOINT, DF_SHELL, DF_HEALTHCHECK, DF_LABEL, DF_ENV, DF_ARG,
  DF_MAINTAINER, DF_EXPOSE, DF_ADD, DF_COPY, DF_VOLUME, DF_USER, DF_WORKDIR, DF_STOPSIGNAL,
  DF_ONBUILD, DF_OTHER
} DfKind;

/* A piece of text with its range; `text` is owned. */
typedef struct {
  char *text;
  size_t start, end;
} DfText;
typedef Array(DfText) DfTextArray;

typedef struct {
  DfText name;  /* without the leading "--" */
  DfText value; /* text NULL when the flag has no value */
  size_t start, end;
} DfFlag;

/* A byte range of the document. */
typedef struct {
  size_t start, end;
} DfRange;

typedef struct {
  DfText key;
  DfText value; /* text NULL for `ARG NAME` without a default */
  size_t start, end;
} DfPair;

typedef Array(DfFlag) DfFlagArray;
typedef Array(DfPair) DfPairArray;
typedef Array(DfRange) DfRangeArray;

/* An index that points nowhere (prev_workdir of a stage's first WORKDIR). */
#define DF_NONE ((size_t)-1)

/* What a stage's RUN lines do to packages, in order. */
typedef enum { PKG_APK, PKG_APT, PKG_DNF } PkgManager;
typedef struct {
  bool add;             /* install (true) or remove (false) */
  PkgManager manager;
  char *name;           /* package, `$PHPIZE_DEPS`-style expansion, or virtual group */
  char *group;          /* apk --virtual group it was installed into, or NULL */
  size_t instr;         /* index into instrs (DF_NONE in the instruction's own list) */
  size_t command;       /* index into that instruction's shell commands */
  size_t start, end;    /* the word (0, 0 for the group an `apk add --virtual` names) */
  /* The name is nginx's package (`nginx`, or with a version): worked out
   * once, when the event is read, since runtime-dir-missing asks it of
   * every event of the final stage's chain on every keystroke. */
  bool names_nginx;
} PkgEvent;
typedef Array(PkgEvent) PkgEventArray;

/* The parts of an instruction's record that hold offsets of their own.
 * A keystroke moves every record after it; moving all these offsets each
 * time, spread over blocks of their own, was a fifth and then a seventh of
 * a keystroke in the middle of a long file, where few of those records are
 * read before the next keystroke moves them again.  So a record that moves
 * moves its own extent and keywords at once and its parts only when they
 * are first read: read the parts through df_parts (or df_flags, df_pairs,
 * df_paths, df_heredocs, df_run_packages, df_shell), which moves them
 * first.  Counts and texts do not move and may be read from `parts`
 * directly; offsets may not. */
typedef struct {
  DfFlagArray flags;
  DfPairArray pairs;             /* ENV, ARG, LABEL */
  DfTextArray paths;             /* COPY/ADD sources then destination; VOLUME, WORKDIR;
                                    EXPOSE ports; USER name (and group); STOPSIGNAL signal */
  DfRangeArray heredoc_bodies;   /* its heredoc blocks (body and closing word), in order */
  PkgEventArray run_packages;    /* what a shell-form RUN installs and removes, read with
                                    its script (owned here; the stage's list borrows the
                                    names) */
  ShellScript *shell;            /* RUN, CMD, ENTRYPOINT, HEALTHCHECK CMD; NULL when the
                                    stage's shell is not a POSIX shell, except for a
                                    HEALTHCHECK, read as words under any shell */
} DfParts;

typedef struct {
  DfKind kind;
  int stage;                      /* index of its stage; -1 before the first FROM */
  size_t start, end;              /* the whole instruction */
  size_t keyword_start, keyword_end;
  /* Its parts that hold offsets of their own (see DfParts), and how far
   * the record moved since they did. */
  DfParts parts;
  ptrdiff_t parts_lag;
  bool exec_form;
  bool posix;                     /* its stage runs shell form under a POSIX shell */
  bool has_command;               /* the instruction names a command at all */
  bool healthcheck_none;          /* HEALTHCHECK NONE */
  char *source;                   /* the instruction's text, kept so that the next model
                                     can tell it is unchanged and reuse it whole */
  /* Whether the text holds `supervisor`, and a `$` or a backslash (a JSON
   * path's escape): runtime-dir-missing asks both of every COPY of the
   * final stage on every keystroke, and a search each time grew with the
   * file, so they are worked out once, when the record is read. */
  bool names_supervisor, names_variable;
  /* COPY and ADD: whether the destination may be supervisord's config
   * folder without spelling it out whole: it is relative, or holds a
   * variable, or names supervisor (asked as the two above). */
  bool dest_may_be_config;
  bool heredoc;                   /* COPY/ADD/RUN with a heredoc */
  bool syntax_error;              /* its node holds a syntax error: what was read depends on
                                     how the parser recovered, which text outside the
                                     instruction can change, so it is never reused */
  size_t prev_workdir;            /* index of the nearest WORKDIR of the same stage before
                                     this instruction, DF_NONE when there is none: the
                                     working directory is found by following these links
                                     instead of scanning the stage from its start */
  DfKind trigger;                 /* ONBUILD: the instruction it wraps (DF_OTHER otherwise) */
  size_t trigger_start, trigger_end; /* ONBUILD: that instruction's keyword */
  /* Of its keywords (dockerfile_instr_keywords), how many are written wholly in
   * upper and wholly in lower case (dockerfile_word_case): the model sums
   * them as it builds, so the file's keyword case needs no walk of its own. */
  unsigned char keywords_upper, keywords_lower;
  /* A number no other record read in this process had, given when the
   * instruction is read from the tree and kept when a later model takes
   * the record over (moved, shifted or taken by its text): a reader that
   * remembers records from one model to the next knows by it that a record
   * is the one it saw, with the same text, without comparing the text. */
  uint64_t id;
} DfInstr;
typedef Array(DfInstr) DfInstrArray;
typedef Array(size_t) DfIndexArray;

/* Moves a record's parts by its lag (see DfParts). */
void dockerfile__settle(DfInstr *in);

/* The record's parts, moved where the record is now (see DfParts).
 * Settling the move changes only where the parts say they are, which is
 * what every reader of the record already sees, so the record is settled
 * through a const pointer; the model is only ever used from one thread. */
static inline const DfParts *df_parts(const DfInstr *in) {
  if (in->parts_lag != 0) dockerfile__settle((DfInstr *)in);
  return &in->parts;
}
static inline const DfFlagArray *df_flags(const DfInstr *in) { return &df_parts(in)->flags; }
static inline const DfPairArray *df_pairs(const DfInstr *in) { return &df_parts(in)->pairs; }
static inline const DfTextArray *df_paths(const DfInstr *in) { return &df_parts(in)->paths; }
static inline const DfRangeArray *df_heredocs(const DfInstr *in) { return &df_parts(in)->heredoc_bodies; }
static inline const PkgEventArray *df_run_packages(const DfInstr *in) { return &df_parts(in)->run_packages; }
static inline const ShellScript *df_shell(const DfInstr *in) { return df_parts(in)->shell; }

/* The slots of DockerfileModel.of_kind: a DfKind each, one more for the
 * instructions that hold a flag, of any kind, and one for the ENV lines
 * that set more than one variable. */
enum { DF_INDEX_FLAGGED = DF_OTHER + 1, DF_INDEX_ENV_PAIRS, DF_INDEX_SLOTS };


typedef struct {
  char *path;           /* as written, variables expanded where known */
  size_t instr;
} DirFact;
typedef Array(DirFact) DirFactArray;

typedef struct {
  size_t index;
  size_t from_instr;    /* index of the FROM in instrs */
  size_t first, last;   /* instructions of the stage: [first, last) */
  char *alias;          /* `AS name`, or NULL */
  size_t alias_start, alias_end; /* the name's range (0, 0 without alias) */
  char *image;          /* base reference with ARGs resolved; NULL when unresolvable */
  char *image_raw;      /* as written */
  size_t image_start, image_end;
  int parent;           /* the stage it is built FROM, or -1 */
  bool posix_shell;     /* RUN lines run under sh/bash (not cmd or PowerShell) */
  bool base_known;      /* base_facts holds the official-image facts of the root image */
  ImageFacts base_facts; /* of the image at the root of the FROM chain */
  PkgEventArray packages; /* its instructions' run_packages in order (names borrowed) */
  /* The index of its last instruction of each kind, DF_NONE when it has
   * none: rules ask for the stage's last USER, CMD or HEALTHCHECK on every
   * analysis, and a stage without one would be walked whole each time. */
  size_t last_of[DF_OTHER];
  /* mkdir, WORKDIR, COPY/ADD destinations, VOLUME: read them through
   * dockerfile_stage_dirs, which gathers them on first use. */
  DirFactArray dirs;
  bool dirs_ready;
} DfStage;

/* A parser directive of the block at the top of the file (`# escape=`),
 * in file order. */
typedef struct {
  DfText name;          /* as written */
  DfText value;
  size_t start, end;    /* the whole comment line */
} DfDirective;

/* What a model built by splicing (see dockerfile_model_build) took over
 * from the previous model, whose serial is `prev_serial` (0: nothing, the
 * model was read from nothing).  Its first `head` records are the
 * previous model's first `head`, where they were; its last `tail` records
 * are the previous model's last `tail`, one for one, with every offset
 * moved by `delta` bytes; the records between were read from the tree
 * (some may have been taken by their text; their ids say so). */
typedef struct {
  uint64_t prev_serial;
  size_t head, tail;
  ptrdiff_t delta;
} DfSplice;

typedef struct DockerfileModel {
  DfInstrArray instrs;
  Array(DfStage) stages;
  Array(DfDirective) directives;
  char escape;          /* '\\' or '`' */
  /* Where the first top-level node holding a syntax error starts (at most:
   * a model built by splicing may give an earlier offset), or SIZE_MAX.
   * The next model's splice takes nothing over from there on, since error
   * recovery may read that text differently after an edit below it. */
  size_t first_error;
  /* The sums of the instructions' keywords_upper and keywords_lower. */
  size_t keywords_upper, keywords_lower;
  /* For each kind, the indices of its instructions in file order, and in
   * slot DF_INDEX_FLAGGED those of every instruction that holds a flag
   * (DF_INDEX_ENV_PAIRS: every ENV with two pairs or more): a rule that
   * judges one or two kinds of a whole file (or only flags, as `--from`
   * and `--mount`, or only ENV lines that set several variables) walks
   * these (dockerfile_kind_walk) instead of every instruction on every
   * keystroke.  A splice changes them where the edit did and renumbers
   * the tail's only when the edit changed the number of instructions. */
  DfIndexArray of_kind[DF_INDEX_SLOTS];
  /* A number no other model read in this process had (one counter, as
   * for DfInstr.id), and what this model took over from the model it was
   * built from (DfSplice).  A reader that kept something per instruction
   * of an earlier model knows by these which of its records are still
   * the same, and where they now are, without comparing them. */
  uint64_t serial;
  DfSplice splice;
} DockerfileModel;

/* Visits, in file order, the instructions of slot `a` and of slot `b`
 * of the model's index (a DfKind, DF_INDEX_FLAGGED or DF_INDEX_ENV_PAIRS;
 * pass `a` twice for one slot) whose indices lie in [from, to): the walk
 * costs the instructions it gives, not the file.  Fill with
 * dockerfile_kind_walk, then call dockerfile_kind_next until it returns
 * false. */
typedef struct {
  const size_t *a, *a_end, *b, *b_end;
  size_t to;
} DfKindWalk;
void dockerfile_kind_walk(DfKindWalk *walk, const DockerfileModel *m, unsigned a, unsigned b, size_t from, size_t to);
/* Inline: a walk over a common kind (RUN, COPY) gives thousands of
 * indices, and a call for each cost more than the rule's own test. */
static inline bool dockerfile_kind_next(DfKindWalk *walk, size_t *index) {
  bool has_a = walk->a < walk->a_end && *walk->a < walk->to;
  bool has_b = walk->b < walk->b_end && *walk->b < walk->to;
  if (!has_a && !has_b) return false;
  if (has_a && (!has_b || *walk->a < *walk->b)) *index = *walk->a++;
  else *index = *walk->b++;
  return true;
}

/* Builds the model.  Never fails (a broken file yields what could be
 * read).  `previous` (may be NULL) is the model of the text before the
 * last edits: instructions whose text did not change are taken from it
 * whole (it is left without them), which saves reading every instruction
 * and parsing every RUN again on each keystroke.  With `change` (may be
 * NULL: then every instruction is visited and compared by its text)
 * saying which bytes the edits left alone, the instructions before and
 * after the changed bytes are taken over without visiting the tree at
 * all, so a keystroke reads only the instructions around it.  The shell
 * of the other instructions is parsed with `parsers`.  Caller owns; free
 * with dockerfile_model_delete. */
DockerfileModel *dockerfile_model_build(SyntaxParsers *parsers, const Syntax *syntax,
                                        const TextDoc *text, DockerfileModel *previous,
                                        const TextDelta *change);
void dockerfile_model_delete(DockerfileModel *self);

/* Whether a `# syntax=` directive names a frontend other than Docker's own
 * (docker/dockerfile or docker/dockerfile-upstream, optionally with
 * docker.io/ and a tag or digest): that frontend defines its own syntax, so
 * the validation rules do not judge the file. */
bool dockerfile_custom_frontend(const DockerfileModel *self);

/* The last stage, or the stage named `target` (case-insensitive); NULL
 * when there is none. */
const DfStage *dockerfile_final_stage(const DockerfileModel *self);
const DfStage *dockerfile_stage_named(const DockerfileModel *self, const char *name);

/* The stage that instruction `instr` (a COPY/ADD) reads with `--from`,
 * named by alias (case-insensitive) or by index; NULL when there is no
 * --from, or it names an image, a variable (which the builder does not
 * expand), the instruction's own stage or a later one.  Only earlier stages count, so
 * every walk that follows parents and copy sources moves to a smaller
 * stage index and ends: a stage that copies from itself (which Docker
 * refuses) cannot send a rule round in a circle. */
const DfStage *dockerfile_copy_source(const DockerfileModel *self, size_t instr);

/* The keywords an instruction holds: its own and, for an ONBUILD, the one
 * of the instruction it wraps (unknown words and the keywords of heredoc
 * bodies are none).  Returns how many are in out[0..2). */
size_t dockerfile_instr_keywords(const DfInstr *in, DfRange out[2]);

/* The case a keyword (ASCII letters) is written in; one without letters
 * counts as upper case. */
typedef enum { DF_CASE_MIXED, DF_CASE_UPPER, DF_CASE_LOWER } DfCase;
DfCase dockerfile_word_case(const char *text, size_t start, size_t end);

/* The last instruction of a kind in a stage or, when `inherit` is true,
 * in the stages it is built from; NULL when none. */
const DfInstr *dockerfile_last(const DockerfileModel *self, const DfStage *stage, DfKind kind,
                               bool inherit);

/* The scripts that start a container of `stage`: out[0] its ENTRYPOINT,
 * out[1] its CMD (each the last one, inherited through parent stages),
 * NULL when absent or not modelled (a non-POSIX shell). */
void dockerfile_start_scripts(const DockerfileModel *self, const DfStage *stage,
                              const ShellScript *out[2]);

/* The commands that start a container of `stage`, in order: those of its
 * ENTRYPOINT, then those of its CMD (as dockerfile_start_scripts finds
 * them).  Fill with dockerfile_start_walk, then call
 * dockerfile_start_next until it returns NULL. */
typedef struct {
  const ShellScript *scripts[2];
  size_t script, command;
} DfStartWalk;
void dockerfile_start_walk(const DockerfileModel *self, const DfStage *stage, DfStartWalk *walk);
const ShellCommand *dockerfile_start_next(DfStartWalk *walk);

/* Splits a resolved image reference into repository (with registry and
 * namespace, lowercased), tag and digest (caller owns each; tag/digest
 * NULL when absent). */
void dockerfile_split_image(const char *ref, char **repo, char **tag, char **digest);

/* Expands $VAR and ${VAR} (with :- and - defaults) in `text` using the
 * ENV and ARG values of the stage's instructions before `before` (and the
 * global ARGs).  Returns NULL when a variable has no known value. */
char *dockerfile_expand(const DockerfileModel *self, const DfStage *stage, size_t before,
                        const char *text);

/* The stages `stage` is built from, root first and `stage` last, into
 * out; returns how many.  A parent always has a smaller index, so the
 * chain ends; it is cut at DF_MAX_CHAIN stages. */
enum { DF_MAX_CHAIN = 64 };
size_t dockerfile_stage_chain(const DockerfileModel *self, const DfStage *stage, const DfStage *out[DF_MAX_CHAIN]);

/* True when package `name` is installed in the stage chain before
 * command `upto_cmd` of instruction `upto_instr` of `stage` (pass the
 * stage's `last` to ask about the end of it) and not removed since: an
 * `apk del` of the package or of its --virtual group removes it. */
/* The directories the stage creates (st->dirs), gathered on the first
 * call for the stage: only a rule that asks whether a folder exists needs
 * them, and gathering them (expanding every mkdir, WORKDIR and COPY
 * destination) on every keystroke cost more than the rest of the stage
 * facts.  The model is otherwise not changed after it is built. */
const DirFactArray *dockerfile_stage_dirs(const DockerfileModel *self, const DfStage *stage);

bool dockerfile_pkg_present(const DockerfileModel *self, const DfStage *stage, size_t upto_instr,
                            size_t upto_cmd, const char *name);

const char *dockerfile_kind_name(DfKind kind);

/* The instruction a node of a Dockerfile tree is (`run_instruction` is
 * DF_RUN); DF_OTHER for every other node. */
DfKind dockerfile_node_kind(TSNode node);

/* The instruction that the keyword text[0, len) names, in any case
 * (`copy` is COPY); DF_OTHER for any other word. */
DfKind dockerfile_kind_of_keyword(const char *text, size_t len);

#endif
