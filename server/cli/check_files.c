/* Which files a `dockls check` reads: the paths named, folders walked in
 * sorted order (skipping .git, node_modules and vendor, never entering a
 * linked folder so a link loop cannot trap the walk), minus what
 * --exclude matches, plus the text of stdin for `-`.  Each problem is
 * reported on stderr naming the path and the reason. */
#include <fnmatch.h>
#include <string.h>
#include <unistd.h>

#include "dockls/base/alloc.h"
#include "dockls/base/fs.h"
#include "dockls/base/path.h"
#include "dockls/workspace/files.h"
#include "cli_internal.h"

/* A binary file (an executable or an image saved under a Dockerfile's
 * name): among the first 8,000 bytes, as git looks, a NUL and more than
 * one in ten control characters.  A text with a stray NUL is still
 * checked, as an editor would show it. */
static bool looks_binary(const char *bytes, size_t len) {
  size_t n = len < 8000 ? len : 8000, nul = 0, control = 0;
  for (size_t i = 0; i < n; i++) {
    unsigned char c = (unsigned char)bytes[i];
    nul += c == 0;
    control += c < 0x20 && c != '\t' && c != '\n' && c != '\v' && c != '\f' && c != '\r' && c != 0x1b;
  }
  return nul > 0 && control * 10 > n;
}

static bool skip_dir(const char *name) {
  return strcmp(name, ".git") == 0 || strcmp(name, "node_modules") == 0 || strcmp(name, "vendor") == 0;
}

/* A pattern matches the path as the walk spells it (without a leading
 * `./`) or its last name, and a star crosses `/`: a folder name such as
 * `vendor` and a path pattern such as `legacy/` + star + `.Dockerfile`
 * both do what they say. */
static bool excluded(const CheckOptions *o, const char *path) {
  const char *rel = path;
  while (rel[0] == '.' && rel[1] == '/') rel += 2;
  for (size_t i = 0; i < o->excludes.len; i++) {
    const char *pat = o->excludes.items[i];
    if (fnmatch(pat, rel, 0) == 0 || fnmatch(pat, path_basename(rel), 0) == 0) return true;
  }
  return false;
}

typedef struct {
  CheckRun *run;
  const CheckOptions *o;
  FILE *err;
  size_t found; /* files taken under the current named path */
} Collect;

/* Loads a file.  A binary file is not checked: named on the command line
 * it is an input problem, met in a walk it is only mentioned. */
static bool load(Collect *c, const char *path, DocKind kind, bool named) {
  FileId id;
  char *why = NULL;
  if (!ws_load_file(c->run->ws, path, kind, &id, &why)) {
    fprintf(c->err, "dockls check: %s\n", why);
    xfree(why);
    return false;
  }
  const TextDoc *text = ws_text(c->run->ws, id);
  if (looks_binary(text->bytes, text->len)) {
    ws_close(c->run->ws, id);
    fprintf(c->err, "dockls check: %s: binary file, not checked\n", path);
    return !named;
  }
  array_push(&c->run->files, id);
  c->found++;
  return true;
}

static bool walk(Collect *c, const char *dir) {
  StrArray names;
  array_init(&names);
  char *why = NULL;
  bool ok = true;
  if (!fs_list_dir(dir, &names, &why)) {
    fprintf(c->err, "dockls check: %s\n", why);
    xfree(why);
    return false;
  }
  for (size_t i = 0; i < names.len; i++) {
    char *child = path_append(dir, names.items[i]);
    if (excluded(c->o, child)) {
      xfree(child);
      continue;
    }
    DocKind kind = doc_kind_from_name(child);
    if (fs_is_symlink(child)) {
      /* Linked files are checked; linked folders are not entered. */
      if (fs_kind(child, true, NULL) == FS_KIND_FILE && kind != DOC_KIND_OTHER) ok &= load(c, child, kind, false);
    } else {
      FsKind k = fs_kind(child, false, NULL);
      if (k == FS_KIND_DIR && !skip_dir(names.items[i])) ok &= walk(c, child);
      else if (k == FS_KIND_FILE && kind != DOC_KIND_OTHER) ok &= load(c, child, kind, false);
    }
    xfree(child);
  }
  strarray_delete(&names);
  return ok;
}

static void cannot_tell(FILE *err, const char *name) {
  fprintf(err,
          "dockls check: %s: cannot tell whether this is a Dockerfile or a compose file "
          "(name it so, or pass --kind dockerfile|compose)\n",
          name);
}

static bool named_file(Collect *c, const char *path) {
  DocKind kind = c->o->forced_kind != DOC_KIND_OTHER ? c->o->forced_kind : doc_kind_from_name(path);
  if (kind == DOC_KIND_OTHER) {
    char *bytes;
    size_t len;
    char *why = NULL;
    if (!fs_read_file(path, DOCKLS_MAX_FILE_BYTES, &bytes, &len, &why)) {
      fprintf(c->err, "dockls check: %s\n", why);
      xfree(why);
      return false;
    }
    kind = doc_kind_from_content(bytes, len);
    xfree(bytes);
    if (kind == DOC_KIND_OTHER) {
      cannot_tell(c->err, path);
      return false;
    }
  }
  return load(c, path, kind, true);
}

/* `-`: the text comes from stdin; --stdin-filename says which file it
 * stands for (its kind, its neighbours), else it is judged by content. */
static bool read_stdin(Collect *c) {
  const char *name = c->o->stdin_name;
  char *bytes;
  size_t len;
  char *why = NULL;
  if (!fs_read_fd(STDIN_FILENO, "stdin", 0, DOCKLS_MAX_FILE_BYTES, &bytes, &len, &why)) {
    fprintf(c->err, "dockls check: %s\n", why);
    xfree(why);
    return false;
  }
  DocKind kind = c->o->forced_kind;
  if (kind == DOC_KIND_OTHER && name) kind = doc_kind_from_name(name);
  if (kind == DOC_KIND_OTHER) kind = doc_kind_from_content(bytes, len);
  bool ok = kind != DOC_KIND_OTHER;
  if (!ok) cannot_tell(c->err, name ? name : "stdin");
  if (ok && looks_binary(bytes, len)) {
    fprintf(c->err, "dockls check: %s: binary file, not checked\n", name ? name : "stdin");
    ok = false;
  }
  if (ok) {
    FileId id = ws_load_text(c->run->ws, name ? name : "<stdin>", name, kind, bytes, len);
    array_push(&c->run->files, id);
    c->run->stdin_file = id;
    c->run->has_stdin = true;
  }
  xfree(bytes);
  return ok;
}

bool check_collect(CheckRun *run, const CheckOptions *o, FILE *err) {
  Collect c = {run, o, err, 0};
  bool ok = true;
  for (size_t i = 0; i < o->paths.len; i++) {
    const char *path = o->paths.items[i];
    if (strcmp(path, "-") == 0) {
      ok &= read_stdin(&c);
      continue;
    }
    char *why = NULL;
    FsKind k = fs_kind(path, true, &why);
    c.found = 0;
    /* A named file that --exclude matches is skipped quietly (pre-commit
     * names every changed file); a named folder is walked, and only what
     * is inside it is matched. */
    if (k != FS_KIND_DIR && excluded(o, path)) {
      xfree(why);
      continue;
    }
    if (k == FS_KIND_MISSING) {
      fprintf(err, "dockls check: %s\n", why);
      ok = false;
    } else if (k == FS_KIND_DIR) {
      bool walked = walk(&c, path);
      ok &= walked;
      /* A folder with nothing to check is a mistake in the command line
       * (a wrong folder, a pattern that excludes everything), not a pass. */
      if (walked && c.found == 0) {
        fprintf(err, "dockls check: no Dockerfile or compose file found under %s\n", path);
        ok = false;
      }
    } else {
      ok &= named_file(&c, path);
    }
    xfree(why);
  }
  return ok;
}
