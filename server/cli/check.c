/* `dockls check`: finds the files named on the command line (walking
 * folders in sorted order, skipping .git, node_modules, vendor and what
 * --exclude names, never following symbolic links to folders so a link
 * loop cannot trap the walk), analyses each, optionally applies the
 * preferred fixes (in place, or as a printed diff), prints one report and
 * turns the findings into an exit code.  Problems with input are reported
 * on stderr naming the path and the reason, every one of them, and make
 * the exit code 2; then no report is written, so a CI job never reads a
 * partial report as the verdict. */
#include <cjson/cJSON.h>
#include <errno.h>
#include <fnmatch.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "dockls/base/alloc.h"
#include "dockls/base/fs.h"
#include "dockls/base/strbuf.h"
#include "dockls/workspace/config.h"
#include "dockls/workspace/files.h"
#include "dockls/base/path.h"
#include "cli_internal.h"

void cli_position(const CheckRun *run, FileId file, size_t offset, unsigned *line, unsigned *column) {
  CliPositions *at = run->positions;
  if (!at->set || at->file != file) {
    if (at->set) text_pos_cursor_destroy(&at->cursor);
    text_pos_cursor_init(&at->cursor, ws_text(run->ws, file), POS_ENC_UTF16);
    at->file = file;
    at->set = true;
  }
  TextPos p = text_pos_cursor_at(&at->cursor, offset);
  *line = p.line + 1;
  *column = p.character + 1;
}

const char *cli_path(const CheckRun *run, FileId file) { return ws_uri(run->ws, file); }

char *cli_repo_path(const CheckRun *run, FileId file) {
  const char *path = ws_path(run->ws, file);
  if (!path) return xstrdup(ws_uri(run->ws, file));
  char *abs = path_absolute(path);
  const char *cwd = run->cwd;
  char *out;
  size_t n = strlen(cwd);
  if (path_is_under(abs, cwd) && strlen(abs) > n)
    out = xstrdup(abs + n + (cwd[n - 1] == '/' ? 0 : 1));
  else
    out = xstrdup(abs);
  xfree(abs);
  return out;
}

/* Writes the new text next to the file and renames it over the original,
 * so an interrupted write never leaves a truncated file behind. */
bool cli_write_text(const char *command, const char *path, const TextDoc *text, FILE *err) {
  StrBuf tmp = STRBUF_INIT;
  strbuf_appendf(&tmp, "%s.dockls-fix.%ld", path, (long)getpid());
  struct stat st;
  bool have_mode = stat(path, &st) == 0;
  FILE *f = fopen(tmp.data, "wb");
  bool ok = f != NULL;
  if (ok) ok = fwrite(text->bytes, 1, text->len, f) == text->len;
  if (f && fclose(f) != 0) ok = false;
  if (ok && have_mode) chmod(tmp.data, st.st_mode & 07777);
  if (ok && rename(tmp.data, path) != 0) ok = false;
  if (!ok) {
    fprintf(err, "dockls %s: %s: could not write the new file: %s\n", command, path, strerror(errno));
    unlink(tmp.data);
  }
  strbuf_destroy(&tmp);
  return ok;
}


/* Loads --config FILE and makes it the configuration of every file.  The
 * file is not added to the files checked: like any .dockls.yaml, its own
 * problems are reported when it is among the paths named. */
static bool check_use_config(Workspace *ws, const char *path, FILE *err) {
  FsKind kind = fs_kind(path, true, NULL);
  if (kind == FS_KIND_DIR) {
    fprintf(err, "dockls check: --config %s: is a folder, not a .dockls.yaml file\n", path);
    return false;
  }
  FileId id;
  char *why = NULL;
  if (!ws_load_file(ws, path, DOC_KIND_CONFIG, &id, &why)) {
    fprintf(err, "dockls check: --config %s\n", why);
    xfree(why);
    return false;
  }
  ws_use_config(ws, id);
  return true;
}

/* qsort has no context argument in C11; the run being sorted is held here
 * for the duration of one sort. */
static const CheckRun *sort_run;

static int check_compare_diag(const void *a, const void *b) {
  const CheckRun *run = sort_run;
  const Diag *x = a, *y = b;
  int c = strcmp(cli_path(run, x->file), cli_path(run, y->file));
  if (c) return c;
  if (x->start != y->start) return x->start < y->start ? -1 : 1;
  if (x->end != y->end) return x->end < y->end ? -1 : 1;
  if (x->rule != y->rule) return (int)x->rule - (int)y->rule;
  /* Ties are ordered as analysis orders one file's findings, so the report
   * does not depend on the order in which the files were analysed. */
  if (x->file != y->file) return x->file < y->file ? -1 : 1;
  return strcmp(x->message, y->message);
}

/* The workspace root of a check run: the working directory when every
 * named path is inside it, else the deepest folder that holds them all.
 * Neighbour files (configs, build contexts) are read only below it. */
static char *check_root(const CheckOptions *o) {
  char *common = NULL;
  for (size_t i = 0; i < o->paths.len; i++) {
    const char *named = o->paths.items[i];
    /* stdin stands for its --stdin-filename, or for a file here. */
    if (strcmp(named, "-") == 0) named = o->stdin_name ? o->stdin_name : "stdin";
    char *abs = path_absolute(named);
    char *dir = fs_kind(abs, true, NULL) == FS_KIND_DIR ? xstrdup(abs) : path_dirname(abs);
    xfree(abs);
    if (!common) {
      common = dir;
      continue;
    }
    /* Shorten `common` until `dir` is inside it. */
    for (;;) {
      if (path_is_under(dir, common)) break;
      char *up = path_dirname(common);
      xfree(common);
      common = up;
    }
    xfree(dir);
  }
  char *cwd = path_absolute(".");
  if (common) {
    bool inside = path_is_under(common, cwd);
    if (inside) {
      xfree(common);
      return cwd;
    }
  }
  xfree(cwd);
  return common;
}

/* Drops what -q does not report: everything but errors. */
static void check_keep_errors(DiagList *diags) {
  size_t kept = 0;
  for (size_t i = 0; i < diags->len; i++) {
    if (diags->items[i].severity == SEV_ERROR) diags->items[kept++] = diags->items[i];
    else diag_destroy(&diags->items[i]);
  }
  diags->len = kept;
}

/* Analyses every file; with --fix writes the fixed ones back, with
 * --fix-dry-run prints their diff instead.  Returns false when a file
 * could not be written; *changed tells whether any diff was printed. */
static bool check_analyse(CheckRun *run, const CheckOptions *o, FILE *out, bool *changed, FILE *err) {
  bool ok = true;
  for (size_t i = 0; i < run->files.len; i++) {
    FileId id = run->files.items[i];
    /* With --fix the last round of fixing has analysed the final text
     * already; its diagnostics are the report. */
    if (o->fix_dry_run) {
      const TextDoc *text = ws_text(run->ws, id);
      char *before = xmalloc(text->len + 1);
      size_t before_len = text->len;
      memcpy(before, text->bytes, text->len);
      if (analysis_fix_all(run->ws, id, &run->diags) > 0) {
        text = ws_text(run->ws, id);
        *changed |= cli_write_diff(out, cli_path(run, id), before, before_len, text->bytes, text->len);
      }
      xfree(before);
    } else if (!o->fix) {
      analysis_file(run->ws, id, &run->diags);
    } else if (analysis_fix_all(run->ws, id, &run->diags) > 0) {
      ok &= cli_write_text("check", ws_path(run->ws, id), ws_text(run->ws, id), err);
    }
    ws_compact(run->ws, id);
  }
  return ok;
}

typedef void (*Emitter)(const CheckRun *run, FILE *out);

static const Emitter emitters[] = {
    [FORMAT_TEXT] = emit_text,       [FORMAT_JSON] = emit_json,           [FORMAT_SARIF] = emit_sarif,
    [FORMAT_CODECLIMATE] = emit_codeclimate, [FORMAT_CHECKSTYLE] = emit_checkstyle, [FORMAT_JUNIT] = emit_junit,
    [FORMAT_GITHUB] = emit_github,   [FORMAT_GNU] = emit_gnu,
};

/* Writes the report to stdout or to -o FILE; false (having said why) when
 * the file cannot be written. */
static bool check_report(const CheckRun *run, const CheckOptions *o, FILE *out, FILE *err) {
  FILE *dest = out;
  if (o->output) {
    dest = fopen(o->output, "w");
    if (!dest) {
      fprintf(err, "dockls check: -o %s: %s\n", o->output, strerror(errno));
      return false;
    }
  }
  emitters[o->format](run, dest);
  bool ok = !ferror(dest);
  if (o->output && fclose(dest) != 0) ok = false;
  if (!ok) fprintf(err, "dockls check: %s: could not write the report\n", o->output ? o->output : "stdout");
  return ok;
}

/* Whether the findings fail the run: any at or above --fail-on, except
 * that under --max-warnings N warnings count only when there are more
 * than N of them (and then even below --fail-on, as in ESLint). */
static bool check_failing(const DiagList *diags, const CheckOptions *o) {
  if (o->no_fail) return false;
  size_t warnings = 0;
  bool failing = false;
  for (size_t i = 0; i < diags->len; i++) {
    Severity sev = diags->items[i].severity;
    if (sev == SEV_WARNING) warnings++;
    if (sev <= o->fail_on && !(sev == SEV_WARNING && o->max_warnings >= 0)) failing = true;
  }
  if (o->max_warnings >= 0 && warnings > (size_t)o->max_warnings) failing = true;
  return failing;
}

int cli_check(int argc, char **argv, FILE *out, FILE *err) {
  static cJSON_Hooks hooks = {xmalloc, xfree};
  cJSON_InitHooks(&hooks);
  CheckOptions o;
  if (!check_options_parse(argc, argv, &o, err) || o.help) {
    if (o.help) check_usage(out);
    check_options_free(&o);
    return o.help ? 0 : 2;
  }
  CheckRun run;
  memset(&run, 0, sizeof run);
  CliPositions positions = {.set = false};
  run.positions = &positions;
  run.cwd = path_absolute(".");
  char *root = check_root(&o);
  run.ws = ws_new(root);
  xfree(root);
  ws_record_dependencies(run.ws, false);
  /* Command-line levels win over every .dockls.yaml, as the editor's
   * settings do in the server. */
  if (o.rules.len) ws_set_overrides(run.ws, o.rules.items, o.rules.len);
  /* Checking with some other configuration than the one asked for would
   * report the wrong findings, so nothing is checked then. */
  bool input_ok = !o.config || check_use_config(run.ws, o.config, err);
  if (input_ok) input_ok = check_collect(&run, &o, err);
  int code = 2;
  if (input_ok) {
    /* The diff of --fix-dry-run is the output, so it goes where the
     * report would, and there is no other report. */
    bool changed = false;
    FILE *diff_out = out;
    if (o.fix_dry_run && o.output && !(diff_out = fopen(o.output, "w"))) {
      fprintf(err, "dockls check: -o %s: %s\n", o.output, strerror(errno));
      input_ok = false;
    }
    if (input_ok) input_ok = check_analyse(&run, &o, diff_out, &changed, err);
    if (diff_out && diff_out != out) fclose(diff_out);
    if (o.quiet) check_keep_errors(&run.diags);
    sort_run = &run;
    if (run.diags.len > 1) qsort(run.diags.items, run.diags.len, sizeof(Diag), check_compare_diag);
    if (input_ok && o.fix_dry_run) code = changed && !o.no_fail ? 1 : 0;
    else if (input_ok && check_report(&run, &o, out, err)) code = check_failing(&run.diags, &o) ? 1 : 0;
  }
  if (positions.set) text_pos_cursor_destroy(&positions.cursor);
  diaglist_destroy(&run.diags);
  array_delete(&run.files);
  ws_delete(run.ws);
  xfree(run.cwd);
  check_options_free(&o);
  return code;
}
