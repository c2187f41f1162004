/* `dockls check`: finds the files named on the command line (walking
 * folders in sorted order, skipping .git, node_modules and vendor, never
 * following symbolic links to folders so a link loop cannot trap the
 * walk), analyses each, optionally applies the preferred fixes in place,
 * prints one report and turns the findings into an exit code.  Problems
 * with input are reported on stderr naming the path and the reason, and
 * make the exit code 2, but do not stop the other files from being
 * checked. */
#include <cjson/cJSON.h>
#include <errno.h>
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

typedef enum { FORMAT_TEXT, FORMAT_JSON, FORMAT_SARIF } Format;

typedef struct {
  Format format;
  bool fix;
  Severity fail_on;
  DocKind forced_kind; /* DOC_KIND_OTHER when --kind was not given */
  const char *config;  /* --config FILE (borrowed from argv), or NULL */
  bool help;
  StrArray paths;
} CheckOptions;

static void check_usage(FILE *out) {
  fputs("usage: dockls check [options] PATH...\n"
        "Checks the Dockerfiles and compose files named, or found in the folders named.\n"
        "\n"
        "  --format text|json|sarif     report format (default text)\n"
        "  --fail-on error|warning|info|hint\n"
        "                               lowest severity that makes the exit code 1 (default warning)\n"
        "  --kind dockerfile|compose    read every named file as this kind\n"
        "  --config FILE                use this .dockls.yaml for every file instead of searching\n"
        "                               upward from each file\n"
        "  --fix                        apply the preferred fixes in place, then report what is left\n"
        "  -h, --help                   show this help\n"
        "\n"
        "Exit codes: 0 nothing at or above --fail-on, 1 findings, 2 usage error or unreadable input.\n",
        out);
}

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

static bool check_parse_args(int argc, char **argv, CheckOptions *o, FILE *err) {
  for (int i = 0; i < argc; i++) {
    const char *a = argv[i];
    const char *value = NULL;
    bool takes_value = strcmp(a, "--format") == 0 || strcmp(a, "--fail-on") == 0 ||
                       strcmp(a, "--kind") == 0 || strcmp(a, "--config") == 0;
    if (takes_value) {
      if (i + 1 >= argc) {
        fprintf(err, "dockls check: %s needs a value\n", a);
        return false;
      }
      value = argv[++i];
    }
    if (strcmp(a, "--format") == 0) {
      if (strcmp(value, "text") == 0) o->format = FORMAT_TEXT;
      else if (strcmp(value, "json") == 0) o->format = FORMAT_JSON;
      else if (strcmp(value, "sarif") == 0) o->format = FORMAT_SARIF;
      else {
        fprintf(err, "dockls check: unknown format %s (text, json or sarif)\n", value);
        return false;
      }
    } else if (strcmp(a, "--fail-on") == 0) {
      if (!severity_from_name(value, &o->fail_on)) {
        fprintf(err, "dockls check: unknown severity %s (error, warning, info or hint)\n", value);
        return false;
      }
    } else if (strcmp(a, "--kind") == 0) {
      if (strcmp(value, "dockerfile") == 0) o->forced_kind = DOC_KIND_DOCKERFILE;
      else if (strcmp(value, "compose") == 0) o->forced_kind = DOC_KIND_COMPOSE;
      else {
        fprintf(err, "dockls check: unknown kind %s (dockerfile or compose)\n", value);
        return false;
      }
    } else if (strcmp(a, "--config") == 0) {
      o->config = value;
    } else if (strcmp(a, "--fix") == 0) {
      o->fix = true;
    } else if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
      /* Help wins over everything else on the line, as in most tools. */
      o->help = true;
      return true;
    } else if (strcmp(a, "--") == 0) {
      for (i++; i < argc; i++) array_push(&o->paths, xstrdup(argv[i]));
    } else if (a[0] == '-' && a[1] != '\0') {
      fprintf(err, "dockls check: unknown option %s\n", a);
      return false;
    } else {
      array_push(&o->paths, xstrdup(a));
    }
  }
  if (o->paths.len == 0) {
    fprintf(err,
            "dockls check: no path given (usage: dockls check [options] PATH...; "
            "--help lists the options)\n");
    return false;
  }
  return true;
}

static bool check_skip_dir(const char *name) {
  return strcmp(name, ".git") == 0 || strcmp(name, "node_modules") == 0 || strcmp(name, "vendor") == 0;
}

static bool check_load(CheckRun *run, const char *path, DocKind kind, FILE *err) {
  FileId id;
  char *why = NULL;
  if (!ws_load_file(run->ws, path, kind, &id, &why)) {
    fprintf(err, "dockls check: %s\n", why);
    xfree(why);
    return false;
  }
  array_push(&run->files, id);
  return true;
}

static bool check_walk(CheckRun *run, const char *dir, FILE *err) {
  StrArray names;
  array_init(&names);
  char *why = NULL;
  bool ok = true;
  if (!fs_list_dir(dir, &names, &why)) {
    fprintf(err, "dockls check: %s\n", why);
    xfree(why);
    return false;
  }
  for (size_t i = 0; i < names.len; i++) {
    char *child = path_append(dir, names.items[i]);
    if (fs_is_symlink(child)) {
      /* Linked files are checked; linked folders are not entered. */
      if (fs_kind(child, true, NULL) == FS_KIND_FILE && doc_kind_from_name(child) != DOC_KIND_OTHER)
        ok &= check_load(run, child, doc_kind_from_name(child), err);
    } else {
      FsKind k = fs_kind(child, false, NULL);
      if (k == FS_KIND_DIR && !check_skip_dir(names.items[i]))
        ok &= check_walk(run, child, err);
      else if (k == FS_KIND_FILE && doc_kind_from_name(child) != DOC_KIND_OTHER)
        ok &= check_load(run, child, doc_kind_from_name(child), err);
    }
    xfree(child);
  }
  strarray_delete(&names);
  return ok;
}

static bool check_named_file(CheckRun *run, const char *path, DocKind forced, FILE *err) {
  DocKind kind = forced != DOC_KIND_OTHER ? forced : doc_kind_from_name(path);
  if (kind == DOC_KIND_OTHER) {
    char *bytes;
    size_t len;
    char *why = NULL;
    if (!fs_read_file(path, DOCKLS_MAX_FILE_BYTES, &bytes, &len, &why)) {
      fprintf(err, "dockls check: %s\n", why);
      xfree(why);
      return false;
    }
    kind = doc_kind_from_content(bytes, len);
    xfree(bytes);
    if (kind == DOC_KIND_OTHER) {
      fprintf(err,
              "dockls check: %s: cannot tell whether this is a Dockerfile or a compose file "
              "(name it so, or pass --kind dockerfile|compose)\n",
              path);
      return false;
    }
  }
  return check_load(run, path, kind, err);
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
    char *abs = path_absolute(o->paths.items[i]);
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

int cli_check(int argc, char **argv, FILE *out, FILE *err) {
  static cJSON_Hooks hooks = {xmalloc, xfree};
  cJSON_InitHooks(&hooks);
  CheckOptions o = {.format = FORMAT_TEXT, .fail_on = SEV_WARNING, .forced_kind = DOC_KIND_OTHER};
  array_init(&o.paths);
  if (!check_parse_args(argc, argv, &o, err) || o.help) {
    if (o.help) check_usage(out);
    strarray_delete(&o.paths);
    return o.help ? 0 : 2;
  }
  CheckRun run;
  memset(&run, 0, sizeof run);
  CliPositions positions = {.set = false};
  run.positions = &positions;
  char *root = check_root(&o);
  run.ws = ws_new(root);
  xfree(root);
  ws_record_dependencies(run.ws, false);
  if (o.config && !check_use_config(run.ws, o.config, err)) {
    /* Checking with some other configuration than the one asked for
     * would report the wrong findings, so nothing is checked. */
    ws_delete(run.ws);
    strarray_delete(&o.paths);
    return 2;
  }
  bool input_ok = true;
  for (size_t i = 0; i < o.paths.len; i++) {
    const char *path = o.paths.items[i];
    char *why = NULL;
    FsKind k = fs_kind(path, true, &why);
    if (k == FS_KIND_MISSING) {
      fprintf(err, "dockls check: %s\n", why);
      input_ok = false;
    } else if (k == FS_KIND_DIR) {
      input_ok &= check_walk(&run, path, err);
    } else {
      input_ok &= check_named_file(&run, path, o.forced_kind, err);
    }
    xfree(why);
  }
  for (size_t i = 0; i < run.files.len; i++) {
    FileId id = run.files.items[i];
    /* With --fix the last round of fixing has analysed the final text
     * already; its diagnostics are the report. */
    if (!o.fix) analysis_file(run.ws, id, &run.diags);
    else if (analysis_fix_all(run.ws, id, &run.diags) > 0)
      input_ok &= cli_write_text("check", ws_path(run.ws, id), ws_text(run.ws, id), err);
    ws_compact(run.ws, id);
  }
  sort_run = &run;
  if (run.diags.len > 1) qsort(run.diags.items, run.diags.len, sizeof(Diag), check_compare_diag);
  if (o.format == FORMAT_JSON) emit_json(&run, out);
  else if (o.format == FORMAT_SARIF) emit_sarif(&run, out);
  else emit_text(&run, out);
  bool failing = false;
  for (size_t i = 0; i < run.diags.len; i++) failing |= run.diags.items[i].severity <= o.fail_on;
  if (positions.set) text_pos_cursor_destroy(&positions.cursor);
  diaglist_destroy(&run.diags);
  array_delete(&run.files);
  ws_delete(run.ws);
  strarray_delete(&o.paths);
  return !input_ok ? 2 : failing ? 1 : 0;
}
