/* Service-level views over the resolved compose tree: the short and long
 * syntaxes of ports, volumes, environment (and every other list-or-dict),
 * depends_on, healthcheck.test and build, each read into one small struct
 * so that rules never re-parse a `"127.0.0.1:8080:80/udp"` themselves.
 * The formats follow the Compose Specification's short and long syntaxes.  A value that
 * holds an interpolation (`${…}`) is not guessed at: the readers report
 * that they cannot read it and the rules stay silent. */
#include <stdlib.h>
#include <string.h>

#include "compose_internal.h"

/* --- Ports ------------------------------------------------------------- */

/* Parses "N" or "N-M" of s[0..len); false when it is neither. */
static bool port_range(const char *s, size_t len, unsigned *lo, unsigned *hi) {
  if (len == 0 || len > 11) return false;
  char buf[12];
  memcpy(buf, s, len);
  buf[len] = '\0';
  char *end = NULL;
  unsigned long a = strtoul(buf, &end, 10), b = a;
  if (end == buf) return false;
  if (*end == '-') {
    char *start = end + 1;
    b = strtoul(start, &end, 10);
    if (end == start) return false;
  }
  if (*end || a > 65535 || b > 65535 || b < a) return false;
  *lo = (unsigned)a;
  *hi = (unsigned)b;
  return true;
}

static bool port_from_node(const ComposeNode *n, unsigned *lo, unsigned *hi) {
  if (!compose_is_scalar(n) || compose_is_interpolated(n)) return false;
  return port_range(n->text, strlen(n->text), lo, hi);
}

bool compose_port_parse(const ComposeNode *item, ComposePort *out) {
  memset(out, 0, sizeof *out);
  out->node = item;
  strcpy(out->protocol, "tcp");
  if (!item) return false;
  if (item->kind == COMPOSE_NODE_MAP) {
    const ComposeNode *target = compose_get(item, "target");
    if (target && !port_from_node(target, &out->target_lo, &out->target_hi)) return false;
    const ComposeNode *published = compose_get(item, "published");
    if (published && !port_from_node(published, &out->published_lo, &out->published_hi))
      return false;
    const char *ip = compose_get_text(item, "host_ip");
    const char *proto = compose_get_text(item, "protocol");
    if ((ip && strchr(ip, '$')) || (proto && strchr(proto, '$'))) return false;
    if (ip && strlen(ip) < sizeof out->host_ip) strcpy(out->host_ip, ip);
    if (proto && strlen(proto) < sizeof out->protocol) strcpy(out->protocol, proto);
    return true;
  }
  if (!compose_is_scalar(item) || compose_is_interpolated(item)) return false;
  const char *s = item->text;
  size_t len = strlen(s);
  const char *slash = memchr(s, '/', len);
  if (slash) {
    size_t plen = len - (size_t)(slash - s) - 1;
    if (plen == 0 || plen >= sizeof out->protocol) return false;
    for (size_t i = 0; i < plen; i++)
      out->protocol[i] = (char)(slash[1 + i] >= 'A' && slash[1 + i] <= 'Z' ? slash[1 + i] + 32 : slash[1 + i]);
    out->protocol[plen] = '\0';
    len = (size_t)(slash - s);
  }
  /* The last part is the container port, the one before it the host
   * port, and everything before that the IP (go-connections' split). */
  const char *colon = NULL;
  for (size_t i = len; i-- > 0;)
    if (s[i] == ':') {
      colon = s + i;
      break;
    }
  if (!colon) return port_range(s, len, &out->target_lo, &out->target_hi);
  if (!port_range(colon + 1, len - (size_t)(colon - s) - 1, &out->target_lo, &out->target_hi))
    return false;
  size_t rest = (size_t)(colon - s);
  const char *host = s;
  for (size_t i = rest; i-- > 0;)
    if (s[i] == ':') {
      host = s + i + 1;
      size_t iplen = i;
      const char *ip = s;
      if (iplen >= 2 && ip[0] == '[' && ip[iplen - 1] == ']') ip++, iplen -= 2;
      if (iplen >= sizeof out->host_ip) return false;
      memcpy(out->host_ip, ip, iplen);
      out->host_ip[iplen] = '\0';
      break;
    }
  size_t hlen = (size_t)(colon - host);
  if (hlen == 0) return true; /* "127.0.0.1::80": an ephemeral host port */
  return port_range(host, hlen, &out->published_lo, &out->published_hi);
}

/* --- Volumes ----------------------------------------------------------- */

static bool is_drive(const char *s) {
  return ((s[0] >= 'a' && s[0] <= 'z') || (s[0] >= 'A' && s[0] <= 'Z')) && s[1] == ':' &&
         (s[2] == '\\' || s[2] == '/');
}

static ComposeMountKind mount_kind_of_source(const char *s) {
  if (s[0] == '.' || s[0] == '/' || s[0] == '~' || s[0] == '\\' || s[0] == '$' || is_drive(s))
    return COMPOSE_MOUNT_BIND;
  return COMPOSE_MOUNT_VOLUME;
}

bool compose_mount_parse(const ComposeNode *item, ComposeMount *out) {
  memset(out, 0, sizeof *out);
  if (!item) return false;
  if (item->kind == COMPOSE_NODE_MAP) {
    const char *type = compose_get_text(item, "type");
    const ComposeNode *source = compose_get(item, "source");
    const ComposeNode *ro = compose_get(item, "read_only");
    out->read_only = compose_is_scalar(ro) && strcmp(ro->text, "true") == 0;
    if (!type) return false;
    if (strcmp(type, "bind") == 0) out->kind = COMPOSE_MOUNT_BIND;
    else if (strcmp(type, "volume") == 0) out->kind = source ? COMPOSE_MOUNT_VOLUME : COMPOSE_MOUNT_ANON;
    else out->kind = COMPOSE_MOUNT_OTHER;
    if (compose_is_scalar(source)) {
      out->source = source;
      out->source_len = strlen(source->text);
    }
    return true;
  }
  if (!compose_is_scalar(item)) return false;
  const char *s = item->text;
  size_t skip = is_drive(s) ? 2 : 0;
  const char *first = strchr(s + skip, ':');
  if (!first) {
    out->kind = COMPOSE_MOUNT_ANON;
    return true;
  }
  out->source = item;
  out->source_len = (size_t)(first - s);
  const char *mode = strchr(first + 1 + (is_drive(first + 1) ? 2 : 0), ':');
  if (mode) {
    const char *m = mode + 1;
    out->read_only = strcmp(m, "ro") == 0 || strncmp(m, "ro,", 3) == 0 || strstr(m, ",ro") != NULL;
  }
  out->kind = out->source_len == 0 ? COMPOSE_MOUNT_ANON : mount_kind_of_source(s);
  return true;
}

/* --- List-or-dict ------------------------------------------------------ */

void compose_env_entries(const ComposeNode *node, ComposeEnvArray *out) {
  if (!node) return;
  if (node->kind == COMPOSE_NODE_MAP) {
    for (size_t i = 0; i < node->npairs; i++) {
      const ComposePair *p = &node->pairs[i];
      ComposeEnvEntry e = {
          .node = p->value,
          .key = xstrdup(p->key),
          .key_start = p->key_start,
          .key_end = p->key_end,
          .has_value = p->value->kind != COMPOSE_NODE_NULL,
      };
      array_push(out, e);
    }
    return;
  }
  if (node->kind != COMPOSE_NODE_SEQ) return;
  for (size_t i = 0; i < node->nitems; i++) {
    const ComposeNode *item = node->items[i];
    if (!compose_is_scalar(item)) continue;
    const char *eq = strchr(item->text, '=');
    size_t klen = eq ? (size_t)(eq - item->text) : strlen(item->text);
    ComposeEnvEntry e = {
        .node = item,
        .key = xstrndup(item->text, klen),
        .has_value = eq != NULL,
        .value_off = eq ? klen + 1 : klen,
        .from_list = true,
    };
    if (!compose_text_offset(item, 0, &e.key_start) || !compose_text_offset(item, klen, &e.key_end)) {
      e.key_start = item->start;
      e.key_end = item->end;
    }
    array_push(out, e);
  }
}

void compose_env_free(ComposeEnvArray *entries) {
  for (size_t i = 0; i < entries->len; i++) xfree(entries->items[i].key);
  array_delete(entries);
}

/* --- depends_on -------------------------------------------------------- */

void compose_depends_on(const ComposeNode *service, ComposeDepArray *out) {
  const ComposeNode *deps = compose_get(service, "depends_on");
  if (!deps) return;
  if (deps->kind == COMPOSE_NODE_SEQ) {
    for (size_t i = 0; i < deps->nitems; i++) {
      const ComposeNode *item = deps->items[i];
      if (!compose_is_scalar(item)) continue;
      ComposeDep d = {.name = item->text, .start = item->start, .end = item->end};
      array_push(out, d);
    }
  } else if (deps->kind == COMPOSE_NODE_MAP) {
    for (size_t i = 0; i < deps->npairs; i++) {
      const ComposePair *p = &deps->pairs[i];
      const ComposeNode *cond = compose_get(p->value, "condition");
      ComposeDep d = {.name = p->key,
                      .start = p->key_start,
                      .end = p->key_end,
                      .condition = compose_is_scalar(cond) ? cond->text : NULL,
                      .condition_node = cond};
      array_push(out, d);
    }
  }
}

/* --- healthcheck ------------------------------------------------------- */

ComposeTestForm compose_healthcheck_form(const ComposeNode *healthcheck) {
  if (!healthcheck || healthcheck->kind != COMPOSE_NODE_MAP) return COMPOSE_TEST_ABSENT;
  const char *disable = compose_get_text(healthcheck, "disable");
  if (disable && strcmp(disable, "true") == 0) return COMPOSE_TEST_DISABLED;
  const ComposeNode *test = compose_get(healthcheck, "test");
  if (!test || test->kind == COMPOSE_NODE_NULL) return COMPOSE_TEST_ABSENT;
  if (compose_is_scalar(test)) return COMPOSE_TEST_SHELL;
  if (test->kind != COMPOSE_NODE_SEQ || test->nitems == 0 || !compose_is_scalar(test->items[0]))
    return COMPOSE_TEST_UNKNOWN;
  const char *first = test->items[0]->text;
  if (strcmp(first, "CMD") == 0) return COMPOSE_TEST_EXEC;
  if (strcmp(first, "CMD-SHELL") == 0) return COMPOSE_TEST_SHELL;
  if (strcmp(first, "NONE") == 0) return COMPOSE_TEST_DISABLED;
  return COMPOSE_TEST_UNKNOWN;
}

/* --- build ------------------------------------------------------------- */

static bool is_remote(const char *s) {
  return strstr(s, "://") || strncmp(s, "git@", 4) == 0 || strncmp(s, "github.com/", 11) == 0;
}

bool compose_build_paths(const ComposeNode *service, const char **context,
                         const char **dockerfile, const char **target) {
  *context = ".";
  *dockerfile = NULL;
  *target = NULL;
  const ComposeNode *build = compose_get(service, "build");
  if (!build) return false;
  if (compose_is_scalar(build)) {
    *context = build->text;
  } else if (build->kind == COMPOSE_NODE_MAP) {
    if (compose_get(build, "dockerfile_inline")) return false;
    const char *c = compose_get_text(build, "context");
    if (c) *context = c;
    *dockerfile = compose_get_text(build, "dockerfile");
    *target = compose_get_text(build, "target");
  } else {
    return false;
  }
  if (is_remote(*context) || strchr(*context, '$')) return false;
  if (*dockerfile && strchr(*dockerfile, '$')) return false;
  if (*target && strchr(*target, '$')) *target = NULL;
  return true;
}
