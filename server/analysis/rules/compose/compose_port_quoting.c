/* compose-port-unquoted: a plain `ports:` item such as `22:22` or
 * `1:30:45` that a YAML 1.1 reader takes for a base-60 (sexagesimal)
 * integer: `22:22` is 1342 there.  Compose itself reads YAML 1.2, where
 * the item is a string, but older docker-compose and many YAML tools read
 * 1.1, which is why the Compose documentation says to quote ports.
 * YAML 1.1's shape is a first part of digits starting with 1-9, then
 * `:` parts of one or two digits worth 0-59; anything else (a part of 60
 * or more or of three digits, a leading 0, a range, an IP, a `/proto`
 * suffix) is already a string everywhere and is left alone.  The fix
 * wraps the scalar in double quotes and is preferred: the value Compose
 * reads does not change. */
#include <string.h>

#include "compose_rules.h"

/* True for `[1-9][0-9]*` followed by one or two `:[0-5]?[0-9]` parts. */
static bool sexagesimal(const char *s) {
  if (*s < '1' || *s > '9') return false;
  while (*s >= '0' && *s <= '9') s++;
  size_t parts = 0;
  while (*s == ':') {
    s++;
    size_t digits = 0;
    unsigned value = 0;
    while (s[digits] >= '0' && s[digits] <= '9') value = value * 10 + (unsigned)(s[digits++] - '0');
    if (digits == 0 || digits > 2 || value > 59) return false;
    s += digits;
    parts++;
  }
  return *s == '\0' && parts >= 1 && parts <= 2;
}

static void unquoted_item(RuleCtx *ctx, const ComposeNode *item) {
  if (item->kind != COMPOSE_NODE_SCALAR || item->style != COMPOSE_STYLE_PLAIN) return;
  if (item->tag != COMPOSE_TAG_NONE || !item->verbatim || !sexagesimal(item->text)) return;
  if (compose__reported(ctx, RULE_COMPOSE_PORT_UNQUOTED, item->start, item->end)) return;
  Diag *d = diag_add(ctx->out, RULE_COMPOSE_PORT_UNQUOTED, ctx->file, item->start, item->end,
                     "unquoted port `%s` reads as a base-60 number in YAML 1.1 tools: quote it", item->text);
  Fix *fix = rules__add_fix(ctx, d, "Quote the port", true);
  fix_add_edit(fix, ctx->file, item->start, item->start, "\"");
  fix_add_edit(fix, ctx->file, item->end, item->end, "\"");
}

void compose__port_unquoted(RuleCtx *ctx) { compose__service_ports(ctx, unquoted_item); }
