/* rules-parity section G, part 2: where files and folders go.
 * add-instead-of-copy, workdir-relative, copy-relative-dest. */
#include <ctype.h>
#include <string.h>

#include "dockls/base/path.h"
#include "dockerfile_rules.h"

/* --- add-instead-of-copy --- */

/* The names of the archives ADD unpacks (the builder looks at the
 * content; the name is what can be seen offline). */
static const char *const archive_suffixes[] = {".tar", ".tgz", ".tar.gz", ".tbz", ".tbz2", ".tar.bz2", ".txz",
                                               ".tar.xz", ".tar.zst", ".gz", ".bz2", ".xz", ".zst", ".lz4", ".Z",
                                               NULL};

/* True when ADD fetches the source instead of reading the build context:
 * a URL of any scheme, or a git remote in scp form. */
static bool files_remote_source(const char *src) {
  return strstr(src, "://") != NULL || strncmp(src, "git@", 4) == 0;
}

/* True for an ADD that only COPY's work is asked of: every source a local,
 * literal path whose name is no archive, and no flag that COPY lacks. */
static bool files_add_copies(const DfInstr *in) {
  if (in->heredoc || df_paths(in)->len < 2) return false;
  for (size_t i = 0; i < df_flags(in)->len; i++) {
    const char *f = df_flags(in)->items[i].name.text;
    if (strcmp(f, "checksum") == 0 || strcmp(f, "keep-git-dir") == 0 || strcmp(f, "unpack") == 0) return false;
  }
  for (size_t i = 0; i + 1 < df_paths(in)->len; i++) {
    const char *src = df_paths(in)->items[i].text;
    if (strchr(src, '$') || files_remote_source(src) || path_has_suffix(src, archive_suffixes)) return false;
  }
  return true;
}

/* True when a source is a pattern that can match an archive's name: the
 * builder unpacks each archive a pattern matches, so COPY could copy a
 * tarball where ADD unpacked it.  A name matched by a pattern that ends
 * in a star, or in `?gz`, may end in `.tar.gz`; one matched by `*.txt`
 * cannot, so the literal text after the last wildcard decides. */
static bool files_pattern_may_match_archive(const char *pattern) {
  const char *last = NULL;
  for (const char *p = pattern; *p; p++)
    if (*p == '*' || *p == '?' || *p == ']') last = p;
  if (!last) return false;
  const char *tail = last + 1;
  size_t t = strlen(tail);
  for (size_t i = 0; archive_suffixes[i]; i++) {
    size_t k = strlen(archive_suffixes[i]);
    if (t <= k && strcmp(archive_suffixes[i] + k - t, tail) == 0) return true;
  }
  return false;
}

/* Per instruction. */
void df__add_instead_of_copy(RuleCtx *ctx) {
  const char *src = ctx->text->bytes;
  const DfInstr *in = &ctx->model->instrs.items[ctx->instr];
  if (in->kind != DF_ADD || !files_add_copies(in)) return;
  Diag *d = diag_add(ctx->out, RULE_ADD_INSTEAD_OF_COPY, ctx->file, in->keyword_start, in->keyword_end,
                     "ADD copies these local files just as COPY would: COPY says so, and never unpacks "
                     "or downloads by surprise");
  bool pattern = false;
  const DfTextArray *paths = df_paths(in);
  for (size_t k = 0; k + 1 < paths->len; k++) pattern |= files_pattern_may_match_archive(paths->items[k].text);
  bool lower = islower((unsigned char)src[in->keyword_start]) != 0;
  Fix *fix = rules__add_fix(ctx, d, "Replace ADD with COPY", !pattern);
  fix_add_edit(fix, ctx->file, in->keyword_start, in->keyword_end, lower ? "copy" : "COPY");
}

/* --- workdir-relative, copy-relative-dest --- */

/* True when a path does not depend on the working directory: absolute
 * (the model has removed one level of quotes already), a Windows drive
 * path (`C:\app`, `C:/app`), or a variable, whose value is not judged. */
static bool files_path_fixed(const char *path) {
  /* `"${HOME}"/README` keeps its quotes (they do not enclose the whole
   * word); what they open decides. */
  while (path[0] == '"' || path[0] == '\'') path++;
  if (path[0] == '/' || path[0] == '$') return true;
  return isalpha((unsigned char)path[0]) && path[1] == ':' && (path[2] == '\\' || path[2] == '/');
}

/* True when an earlier WORKDIR of the stage, or any WORKDIR of the stages
 * it is built from, is absolute (a relative one is read against it). */
static bool files_absolute_workdir_before(const DockerfileModel *m, size_t index) {
  const DfInstr *at = &m->instrs.items[index];
  for (size_t w = at->prev_workdir; w != DF_NONE; w = m->instrs.items[w].prev_workdir) {
    const DfInstr *wd = &m->instrs.items[w];
    if (df_paths(wd)->len && files_path_fixed(df_paths(wd)->items[0].text)) return true;
  }
  const DfStage *chain[DF_MAX_CHAIN];
  size_t n = dockerfile_stage_chain(m, &m->stages.items[at->stage], chain);
  for (size_t c = 0; c + 1 < n; c++)
    for (size_t i = chain[c]->first; i < chain[c]->last; i++) {
      const DfInstr *wd = &m->instrs.items[i];
      if (wd->kind == DF_WORKDIR && df_paths(wd)->len && files_path_fixed(df_paths(wd)->items[0].text)) return true;
    }
  return false;
}

/* Per instruction, reading the WORKDIRs before it (RULE_READS_BEFORE). */
void df__workdir_relative(RuleCtx *ctx) {
  const DockerfileModel *m = ctx->model;
  const DfInstr *in = &m->instrs.items[ctx->instr];
  if (in->kind != DF_WORKDIR || in->stage < 0 || !df_paths(in)->len) return;
  const DfText *path = &df_paths(in)->items[0];
  if (files_path_fixed(path->text)) return;
  rules__reads_before(ctx);
  if (files_absolute_workdir_before(m, ctx->instr)) return;
  diag_add(ctx->out, RULE_WORKDIR_RELATIVE, ctx->file, path->start, path->end,
           "`%s` is relative to the base image's working directory, which this file does not show: "
           "an absolute path says where the stage works",
           path->text);
}

/* True when the stage's chain starts from `scratch`, whose working
 * directory is `/`: nothing unseen decides where a relative path lands. */
static bool files_from_scratch(const DockerfileModel *m, const DfStage *stage) {
  const DfStage *chain[DF_MAX_CHAIN];
  size_t n = dockerfile_stage_chain(m, stage, chain);
  return n && chain[0]->image && strcmp(chain[0]->image, "scratch") == 0;
}

/* A COPY/ADD destination lands relative to the working directory; with
 * no WORKDIR anywhere in the stage's chain that is the base image's.  An
 * ONBUILD trigger is not judged: it runs in another Dockerfile's build,
 * after that file's own WORKDIR (hadolint#573).  Per instruction, reading
 * the stage (its root image) and the WORKDIRs before it. */
void df__copy_relative_dest(RuleCtx *ctx) {
  const DockerfileModel *m = ctx->model;
  const DfInstr *in = &m->instrs.items[ctx->instr];
  if ((in->kind != DF_COPY && in->kind != DF_ADD) || in->stage < 0 || df_paths(in)->len < (in->heredoc ? 1 : 2))
    return;
  const DfText *dest = array_last(df_paths(in));
  if (files_path_fixed(dest->text)) return;
  rules__reads_before(ctx);
  if (df__last_before(m, ctx->instr, DF_WORKDIR) || files_from_scratch(m, &m->stages.items[in->stage])) return;
  diag_add(ctx->out, RULE_COPY_RELATIVE_DEST, ctx->file, dest->start, dest->end,
           "`%s` is relative and no WORKDIR is set in this stage or the stages it is built from: the files "
           "land under the base image's working directory, which this file does not show",
           dest->text);
}
