/* A small reader for the case files that drive rule tests: a header of
 * free text, then sections opened by `-- name --` lines.  Range markers
 * use « and » because brackets are meaningful in both bash and YAML. */
#include "casefile.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "dockls/base/fs.h"
#include "dockls/base/strbuf.h"
#include "dockls/base/path.h"

static const char OPEN[] = "\xC2\xAB";  /* « */
static const char CLOSE[] = "\xC2\xBB"; /* » */

static bool casefile_strip(CaseSection *sec, const char *raw, size_t len, char **err) {
  StrBuf out = STRBUF_INIT;
  size_t i = 0;
  while (i < len) {
    if (i + 2 <= len && memcmp(raw + i, OPEN, 2) == 0) {
      const char *colon = memchr(raw + i + 2, ':', len - i - 2);
      const char *close = NULL;
      for (size_t j = i + 2; j + 2 <= len; j++)
        if (memcmp(raw + j, CLOSE, 2) == 0) {
          close = raw + j;
          break;
        }
      if (!colon || !close || colon > close) {
        StrBuf m = STRBUF_INIT;
        strbuf_appendf(&m, "section %s: unterminated or malformed marker at byte %zu", sec->name, i);
        *err = strbuf_take(&m);
        strbuf_destroy(&out);
        return false;
      }
      CaseMarker mk;
      mk.rule = xstrndup(raw + i + 2, (size_t)(colon - (raw + i + 2)));
      /* «rule@error:…» pins the severity a configuration gives the rule. */
      char *at = strchr(mk.rule, '@');
      mk.severity = at ? xstrdup(at + 1) : NULL;
      if (at) *at = '\0';
      mk.start = out.len;
      strbuf_append_n(&out, colon + 1, (size_t)(close - colon - 1));
      mk.end = out.len;
      array_push(&sec->markers, mk);
      i = (size_t)(close - raw) + 2;
      continue;
    }
    strbuf_append_char(&out, raw[i]);
    i++;
  }
  sec->len = out.len;
  sec->content = strbuf_take(&out);
  return true;
}

typedef struct {
  size_t line_start, line_end; /* the `-- name --` text, without its line break */
  size_t break_at;             /* where its '\n' is (or the end of the text) */
} CaseSeparator;

bool casefile_parse(const char *text, size_t len, CaseFile *out, char **err) {
  memset(out, 0, sizeof *out);
  Array(CaseSeparator) seps;
  array_init(&seps);
  for (size_t at = 0; at < len;) {
    size_t end = at;
    while (end < len && text[end] != '\n') end++;
    /* A separator may end in CRLF, so that CRLF fixtures can be written
     * with CRLF throughout. */
    size_t stop = end > at && text[end - 1] == '\r' ? end - 1 : end;
    if (stop - at >= 6 && strncmp(text + at, "-- ", 3) == 0 && strncmp(text + stop - 3, " --", 3) == 0)
      array_push(&seps, ((CaseSeparator){at, stop, end}));
    at = end + 1;
  }
  out->header = xstrndup(text, seps.len ? seps.items[0].line_start : len);
  for (size_t k = 0; k < seps.len; k++) {
    CaseSeparator sep = seps.items[k];
    size_t body = sep.break_at < len ? sep.break_at + 1 : len;
    size_t stop = k + 1 < seps.len ? seps.items[k + 1].line_start : len;
    CaseSection sec;
    memset(&sec, 0, sizeof sec);
    sec.name = xstrndup(text + sep.line_start + 3, sep.line_end - sep.line_start - 6);
    if (!casefile_strip(&sec, text + body, stop - body, err)) {
      xfree(sec.name);
      array_delete(&seps);
      casefile_destroy(out);
      return false;
    }
    array_push(&out->sections, sec);
  }
  array_delete(&seps);
  return true;
}

bool casefile_load(const char *path, CaseFile *out, char **err) {
  size_t len;
  char *text = test_read_file(path, &len);
  if (!text) {
    StrBuf m = STRBUF_INIT;
    strbuf_appendf(&m, "%s: cannot read", path);
    *err = strbuf_take(&m);
    return false;
  }
  bool ok = casefile_parse(text, len, out, err);
  xfree(text);
  return ok;
}

void casefile_destroy(CaseFile *cf) {
  for (size_t i = 0; i < cf->sections.len; i++) {
    CaseSection *s = &cf->sections.items[i];
    for (size_t j = 0; j < s->markers.len; j++) {
      xfree(s->markers.items[j].rule);
      xfree(s->markers.items[j].severity);
    }
    array_delete(&s->markers);
    xfree(s->name);
    xfree(s->content);
  }
  array_delete(&cf->sections);
  xfree(cf->header);
  cf->header = NULL;
}

const CaseSection *casefile_section(const CaseFile *cf, const char *name) {
  for (size_t i = 0; i < cf->sections.len; i++)
    if (strcmp(cf->sections.items[i].name, name) == 0) return &cf->sections.items[i];
  return NULL;
}

bool test_write_file(const char *dir, const char *name, const char *content, size_t len) {
  char *path = path_append(dir, name);
  for (char *p = path + strlen(dir) + 1; *p; p++)
    if (*p == '/') {
      *p = 0;
      mkdir(path, 0755);
      *p = '/';
    }
  FILE *f = fopen(path, "wb");
  bool ok = f != NULL;
  if (f) {
    ok = fwrite(content, 1, len, f) == len;
    ok &= fclose(f) == 0;
  }
  xfree(path);
  return ok;
}

char *test_read_file(const char *path, size_t *len) {
  char *bytes, *err = NULL;
  if (!fs_read_file(path, DOCKLS_MAX_FILE_BYTES, &bytes, len, &err)) {
    xfree(err);
    return NULL;
  }
  return bytes;
}

long test_corpus_each(const char *kind, CorpusFileFn fn, void *ctx) {
  char *rel = path_append("../shared/corpus", kind);
  char *dir = path_append(test_source_dir(), rel);
  xfree(rel);
  StrArray names;
  array_init(&names);
  char *err = NULL;
  long visited = -1;
  if (fs_kind(dir, true, NULL) == FS_KIND_DIR && fs_list_dir(dir, &names, &err)) visited = 0;
  xfree(err);
  for (size_t i = 0; visited >= 0 && i < names.len; i++) {
    char *path = path_append(dir, names.items[i]);
    size_t len;
    char *text = fs_kind(path, true, NULL) == FS_KIND_FILE ? test_read_file(path, &len) : NULL;
    if (text && !memchr(text, '\0', len)) {
      fn(names.items[i], text, len, ctx);
      visited++;
    }
    xfree(text);
    xfree(path);
  }
  strarray_delete(&names);
  xfree(dir);
  return visited;
}

const char *test_source_dir(void) {
  const char *dir = getenv("DOCKLS_SOURCE_DIR");
  return dir ? dir : ".";
}

char *test_corpus_dir(const char *name) {
  char *corpus = path_append(test_source_dir(), "../shared/corpus");
  char *dir = path_append(corpus, name);
  xfree(corpus);
  if (fs_kind(dir, true, NULL) != FS_KIND_DIR) {
    xfree(dir);
    return NULL;
  }
  return dir;
}

bool test_corpus_list(const char *name, char **dir, StrArray *names) {
  array_init(names);
  *dir = test_corpus_dir(name);
  if (!*dir) return false;
  char *err = NULL;
  if (!fs_list_dir(*dir, names, &err)) {
    fprintf(stderr, "%s: %s\n", *dir, err);
    abort();
  }
  return true;
}

char *test_read_in(const char *dir, const char *name, size_t *len) {
  char *path = path_append(dir, name);
  char *text = test_read_file(path, len);
  if (!text) {
    fprintf(stderr, "cannot read %s\n", path);
    abort();
  }
  xfree(path);
  return text;
}
