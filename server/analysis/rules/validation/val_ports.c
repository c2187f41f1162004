/* Catalog section F, values the builder parses itself: EXPOSE ports
 * (expose-invalid, expose-host-mapping) and the STOPSIGNAL signal
 * (stopsignal-invalid).  The port syntax is BuildKit's:
 * `[[ip:]host:]container[/proto]`, where the container part is `N` or
 * `N-M` and the builder keeps only the container part and protocol. */
#include <arpa/inet.h>
#include <string.h>
#include <strings.h>

#include "dockls/base/strbuf.h"
#include "validation_rules.h"

/* --- EXPOSE --- */

/* One EXPOSE word cut where BuildKit cuts it.  Offsets are relative to
 * the word's text; `host_end` is 0 when the word has no `:` at all, else
 * the offset just after the last `:` (everything before it is ignored). */
static void expose_split(const char *w, ExposeParts *p) {
  memset(p, 0, sizeof *p);
  size_t n = strlen(w);
  const char *last = strrchr(w, ':');
  if (last) {
    p->host_end = (size_t)(last - w) + 1;
    for (size_t i = p->host_end - 1; i-- > 0;)
      if (w[i] == ':') {
        p->ip_end = i;
        break;
      }
  }
  p->port_start = p->host_end;
  const char *slash = strchr(w + p->port_start, '/');
  p->port_end = slash ? (size_t)(slash - w) : n;
  /* BuildKit reads the protocol up to a second `/` and drops the rest. */
  p->proto_start = p->proto_end = p->port_end + (slash ? 1 : 0);
  while (p->proto_end < n && w[p->proto_end] != '/') p->proto_end++;
}

/* An unsigned 16-bit decimal number (strconv.ParseUint(s, 10, 16)). */
static bool expose_number(const char *s, size_t len, unsigned *out) {
  if (len == 0 || len > 5) return false;
  unsigned v = 0;
  for (size_t i = 0; i < len; i++) {
    if (s[i] < '0' || s[i] > '9') return false;
    v = v * 10 + (unsigned)(s[i] - '0');
  }
  *out = v;
  return v <= 65535;
}

static bool expose_range(const char *s, size_t len) {
  const char *dash = memchr(s, '-', len);
  unsigned lo, hi;
  if (!dash) return expose_number(s, len, &lo);
  size_t a = (size_t)(dash - s);
  /* BuildKit reads the number after the first `-` up to a second `-`
   * and drops the rest, as it does for a second `/`. */
  const char *second = memchr(dash + 1, '-', len - a - 1);
  size_t b = second ? (size_t)(second - dash - 1) : len - a - 1;
  return expose_number(s, a, &lo) && expose_number(dash + 1, b, &hi) && lo <= hi;
}

static bool expose_ip(const char *s, size_t len) {
  char buf[64];
  if (len >= 2 && s[0] == '[' && s[len - 1] == ']') s++, len -= 2;
  if (len == 0 || len >= sizeof buf) return false;
  memcpy(buf, s, len);
  buf[len] = '\0';
  unsigned char addr[16];
  return inet_pton(AF_INET, buf, addr) == 1 || inet_pton(AF_INET6, buf, addr) == 1;
}

/* Why the builder refuses word `w`, with the offending part in
 * [*from, *to); NULL when it accepts it. */
static const char *expose_problem(const char *w, const ExposeParts *p, size_t *from, size_t *to) {
  size_t proto_len = p->proto_end - p->proto_start;
  if (p->ip_end > 0 && !expose_ip(w, p->ip_end)) {
    *from = 0, *to = p->ip_end;
    return "is not an IP address";
  }
  *from = p->port_start, *to = p->port_end;
  if (p->port_end == p->port_start) {
    *to = strlen(w);
    return "names no port";
  }
  if (!expose_range(w + p->port_start, p->port_end - p->port_start))
    return "is not a port (0-65535) or a range N-M";
  if (proto_len > 0 && !(proto_len == 3 && (strncasecmp(w + p->proto_start, "tcp", 3) == 0 ||
                                            strncasecmp(w + p->proto_start, "udp", 3) == 0)) &&
      !(proto_len == 4 && strncasecmp(w + p->proto_start, "sctp", 4) == 0)) {
    *from = p->proto_start, *to = p->proto_end;
    return "is not a protocol (tcp, udp or sctp)";
  }
  return NULL;
}

void val__expose_each(RuleCtx *ctx, ExposeVisit visit) {
  const DfInstr *in = &ctx->model->instrs.items[ctx->instr];
  if (in->kind != DF_EXPOSE) return;
  for (size_t k = 0; k < df_paths(in)->len; k++) {
    const DfText *word = &df_paths(in)->items[k];
    if (val__variable_word(ctx->model, word->text)) continue;
    ExposeParts parts;
    expose_split(word->text, &parts);
    visit(ctx, word, val__text_start(word), &parts);
  }
}

static void expose_invalid_visit(RuleCtx *ctx, const DfText *word, size_t at, const ExposeParts *parts) {
  size_t from, to;
  const char *why = expose_problem(word->text, parts, &from, &to);
  if (!why) return;
  /* An empty word (`""`) has no text to point at but its quotes. */
  bool empty = word->text[0] == '\0';
  StrBuf what = STRBUF_INIT;
  if (empty) strbuf_append(&what, "an empty word");
  else strbuf_appendf(&what, "`%.*s`", (int)(to - from), word->text + from);
  diag_add(ctx->out, RULE_EXPOSE_INVALID, ctx->file, empty ? word->start : at + from, empty ? word->end : at + to,
           "Docker stops the build: %s %s; EXPOSE takes `port[/protocol]` or `from-to[/protocol]` with "
           "ports 0-65535 and protocol tcp, udp or sctp",
           strbuf_cstr(&what), why);
  strbuf_destroy(&what);
}

void val__expose_invalid(RuleCtx *ctx) { val__expose_each(ctx, expose_invalid_visit); }

static void expose_host_visit(RuleCtx *ctx, const DfText *word, size_t at, const ExposeParts *parts) {
  size_t from, to;
  if (parts->host_end == 0 || expose_problem(word->text, parts, &from, &to)) return;
  const char *container = word->text + parts->host_end;
  Diag *d = diag_add(ctx->out, RULE_EXPOSE_HOST_MAPPING, ctx->file, at, at + parts->host_end,
                     "the builder ignores `%.*s`: EXPOSE only declares the container port `%s` (publish it "
                     "with `docker run -p` or compose `ports:`); BuildKit warns that this will become an error",
                     (int)parts->host_end, word->text, container);
  StrBuf title = STRBUF_INIT;
  strbuf_appendf(&title, "Expose `%s` only", container);
  /* Preferred: the builder already exposes exactly this port, so the
   * image does not change. */
  Fix *fix = rules__add_fix(ctx, d, strbuf_cstr(&title), true);
  fix_add_edit(fix, ctx->file, at, at + parts->host_end, "");
  strbuf_destroy(&title);
}

void val__expose_host_mapping(RuleCtx *ctx) { val__expose_each(ctx, expose_host_visit); }

/* --- STOPSIGNAL --- */

void val__stopsignal_invalid(RuleCtx *ctx) {
  const DockerfileModel *m = ctx->model;
  const DfInstr *in = &m->instrs.items[ctx->instr];
  if (in->kind != DF_STOPSIGNAL || df_paths(in)->len != 1) return;
  const DfText *sig = &df_paths(in)->items[0];
  /* Several words are instruction-args-invalid's finding, not a bad
   * signal name. */
  if (!sig->text[0] || strpbrk(sig->text, " \t") || val__variable_word(m, sig->text)) return;
  if (dockerfile_signal_valid(sig->text, strlen(sig->text))) return;
  /* The accepted names come from the one signal table completion reads. */
  StrBuf names = STRBUF_INIT;
  for (size_t k = 0; dockerfile_signals[k]; k++) strbuf_appendf(&names, "%s ", dockerfile_signals[k]);
  diag_add(ctx->out, RULE_STOPSIGNAL_INVALID, ctx->file, sig->start, sig->end,
           "Docker stops the build: `%s` is not a signal; STOPSIGNAL takes a number other than 0 or one of "
           "these names, with or without SIG, in any case: %sRTMIN+n RTMAX-n",
           sig->text, strbuf_cstr(&names));
  strbuf_destroy(&names);
}
