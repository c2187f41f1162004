/* from-image-invalid: a FROM base that is no image reference once the
 * builder has expanded it with the global ARG defaults.  BuildKit stops
 * with "invalid reference format" (or "base name … should not be blank")
 * before it pulls anything.  The rules are those of Docker's reference
 * grammar (distribution/reference): tag, digest, and a lower-case
 * repository path; the registry part may hold upper case. */
#include <ctype.h>
#include <string.h>

#include "dockls/base/strbuf.h"
#include "validation_rules.h"

/* Parts of a reference as offsets into it: [0, path) the registry with
 * its `/` (empty without one), [path, name_end) the repository path,
 * then `:tag` and `@digest` when present. */
typedef struct {
  size_t path, name_end;
  bool has_tag, has_digest;
  size_t tag, tag_end, digest, digest_end;
} FiParts;

static void fi_split(const char *ref, FiParts *p) {
  size_t n = strlen(ref);
  memset(p, 0, sizeof *p);
  const char *at = strchr(ref, '@');
  size_t name_tag_end = at ? (size_t)(at - ref) : n;
  if (at) {
    p->has_digest = true;
    p->digest = name_tag_end + 1;
    p->digest_end = n;
  }
  size_t last_slash = 0;
  bool slash = false;
  for (size_t i = 0; i < name_tag_end; i++)
    if (ref[i] == '/') last_slash = i, slash = true;
  p->name_end = name_tag_end;
  for (size_t i = slash ? last_slash : 0; i < name_tag_end; i++)
    if (ref[i] == ':') {
      p->has_tag = true;
      p->name_end = i;
      p->tag = i + 1;
      p->tag_end = name_tag_end;
      break;
    }
  /* The first component is a registry when it looks like a host: a dot,
   * a port, `localhost`, or upper case (Docker's own test). */
  const char *first_slash = memchr(ref, '/', p->name_end);
  if (first_slash) {
    size_t len = (size_t)(first_slash - ref);
    bool host = memchr(ref, '.', len) || memchr(ref, ':', len) || (len == 9 && strncmp(ref, "localhost", 9) == 0);
    for (size_t i = 0; i < len && !host; i++) host = isupper((unsigned char)ref[i]);
    if (host) p->path = len + 1;
  }
}

static bool fi_tag_valid(const char *t, size_t n) {
  if (n == 0 || n > 128) return false;
  for (size_t i = 0; i < n; i++) {
    bool word = isalnum((unsigned char)t[i]) || t[i] == '_';
    if (!word && (i == 0 || (t[i] != '.' && t[i] != '-'))) return false;
  }
  return true;
}

static bool fi_digest_valid(const char *d, size_t n) {
  const char *colon = memchr(d, ':', n);
  if (!colon || colon == d) return false;
  size_t alen = (size_t)(colon - d), hlen = n - alen - 1;
  /* algorithm: letters and digits, components joined by - _ + . */
  bool start = true;
  for (size_t i = 0; i < alen; i++) {
    char c = d[i];
    if (start && !isalpha((unsigned char)c)) return false;
    if (!start && strchr("-_+.", c)) {
      start = true;
      continue;
    }
    if (!isalnum((unsigned char)c)) return false;
    start = false;
  }
  if (start || hlen < 32) return false;
  for (size_t i = alen + 1; i < n; i++)
    if (!isxdigit((unsigned char)d[i])) return false;
  return true;
}

/* The base word of a FROM: the image_spec node, and an ERROR right after
 * it (`img:` leaves the `:` in one). */
static void fi_word(TSNode from, TSNode image, size_t *start, size_t *end) {
  *start = ts_node_start_byte(image);
  *end = ts_node_end_byte(image);
  TSTreeCursor cursor = ts_tree_cursor_new(from);
  for (bool more = ts_tree_cursor_goto_first_child(&cursor); more; more = ts_tree_cursor_goto_next_sibling(&cursor)) {
    TSNode c = ts_tree_cursor_current_node(&cursor);
    if (ts_node_symbol(c) == (TSSymbol)-1 && ts_node_start_byte(c) == *end) *end = ts_node_end_byte(c);
  }
  ts_tree_cursor_delete(&cursor);
}

static const DfStage *fi_stage_at(const DockerfileModel *m, size_t start) {
  for (size_t s = 0; s < m->stages.len; s++)
    if (m->instrs.items[m->stages.items[s].from_instr].start == start) return &m->stages.items[s];
  return NULL;
}

/* A base that is invalid as written stops every build: an error.  One
 * that is invalid only with the ARG defaults stops the builds that pass
 * no --build-arg for it; projects that always pass one are common (a
 * Makefile or CI sets the base), so that is a warning, as BuildKit's own
 * InvalidDefaultArgInFrom check is. */
static void fi_report(RuleCtx *ctx, size_t ws, size_t we, const char *raw, const char *ref, bool literal,
                      size_t from, size_t to, const char *what) {
  Diag *d;
  if (literal) {
    diag_add(ctx->out, RULE_FROM_IMAGE_INVALID, ctx->file, ws + from, ws + to,
             "%s: Docker stops the build (invalid reference format)", what);
    return;
  }
  if (!ref[0])
    d = diag_add(ctx->out, RULE_FROM_IMAGE_INVALID, ctx->file, ws, we,
                 "`%s` is empty with the global ARG defaults: unless the build passes a value with --build-arg, "
                 "Docker stops it (the base name must not be blank); give the ARG a default", raw);
  else
    d = diag_add(ctx->out, RULE_FROM_IMAGE_INVALID, ctx->file, ws, we,
                 "`%s` becomes `%s` with the global ARG defaults, and %s: unless the build passes other values "
                 "with --build-arg, Docker stops it (invalid reference format)", raw, ref, what);
  d->severity = SEV_WARNING;
}

static void fi_visit(RuleCtx *ctx, TSNode node, DfKind kind, bool error, void *data) {
  const DockerfileModel *m = *(const DockerfileModel **)data;
  if (error || kind != DF_FROM) return;
  TSNode image = ts_node_child_by_field_name(node, "image", 5);
  const DfStage *stage = fi_stage_at(m, ts_node_start_byte(node));
  if (ts_node_is_null(image) || !stage || stage->parent >= 0) return;
  size_t ws, we;
  fi_word(node, image, &ws, &we);
  char *raw = xstrndup(ctx->text->bytes + ws, we - ws);
  char *ref = val__expand_global(m, raw);
  if (!ref) {
    xfree(raw);
    return;
  }
  bool literal = strcmp(raw, ref) == 0;
  FiParts p;
  fi_split(ref, &p);
  StrBuf what = STRBUF_INIT;
  size_t from = 0, to = strlen(ref);
  if (!ref[0]) {
    strbuf_append(&what, "the base image name is empty");
  } else if (p.name_end == p.path) {
    strbuf_append(&what, "the image has no name");
  } else if (p.has_tag && p.tag == p.tag_end) {
    strbuf_append(&what, "the tag after `:` is empty");
    from = p.tag - 1, to = p.tag;
  } else if (p.has_tag && !fi_tag_valid(ref + p.tag, p.tag_end - p.tag)) {
    strbuf_appendf(&what, "`%.*s` is not a valid tag (letters, digits, `_`, `.`, `-`, not starting with `.` or `-`, "
                          "at most 128)", (int)(p.tag_end - p.tag), ref + p.tag);
    from = p.tag, to = p.tag_end;
  } else if (p.has_digest && !fi_digest_valid(ref + p.digest, p.digest_end - p.digest)) {
    strbuf_appendf(&what, "`%.*s` is not a digest (`algorithm:hex`, such as `sha256:` and 64 hex digits)",
                   (int)(p.digest_end - p.digest), ref + p.digest);
    from = p.digest, to = p.digest_end;
  } else {
    for (size_t i = p.path; i < p.name_end && !what.len; i++)
      if (isupper((unsigned char)ref[i]))
        strbuf_appendf(&what, "the repository `%.*s` has upper-case letters (it must be lower case)",
                       (int)(p.name_end - p.path), ref + p.path);
    from = p.path, to = p.name_end;
    if (what.len) {
      fi_report(ctx, ws, we, raw, ref, literal, from, to, strbuf_cstr(&what));
      if (literal) {
        /* The name Docker would look up is the lower-case one, and an
         * image name that differs only in case cannot exist. */
        Diag *d = &ctx->out->items[ctx->out->len - 1];
        Fix *fix = rules__add_fix(ctx, d, "Write the repository in lower case", true);
        char *lower = xstrndup(ref + from, to - from);
        for (char *c = lower; *c; c++) *c = (char)tolower((unsigned char)*c);
        fix_add_edit(fix, ctx->file, ws + from, ws + to, lower);
        xfree(lower);
      }
      strbuf_destroy(&what);
      xfree(raw);
      xfree(ref);
      return;
    }
  }
  if (what.len) fi_report(ctx, ws, we, raw, ref, literal, from, to, strbuf_cstr(&what));
  strbuf_destroy(&what);
  xfree(raw);
  xfree(ref);
}

void val__from_image_invalid(RuleCtx *ctx) {
  const DockerfileModel *m = ctx->model;
  /* An ONBUILD FROM opens no stage, so fi_visit has nothing to say on it. */
  if (m->instrs.items[ctx->instr].kind == DF_FROM) val__visit_instruction(ctx, fi_visit, &m);
}
