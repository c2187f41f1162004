/* The commands of a health check, strings run as scripts included (see
 * health_commands.h). */
#include "health_commands.h"

#include <string.h>

/* `sh -c "bash -c '…'"` is as deep as real checks go; the bound keeps a
 * crafted file from nesting without end. */
enum { HEALTH_MAX_DEPTH = 4 };

static void health_collect(Workspace *ws, const ShellScript *script, HealthCommands *out, int depth) {
  for (size_t i = 0; i < script->commands.len; i++) {
    const ShellCommand *c = &script->commands.items[i];
    ShellScript *inner = depth < HEALTH_MAX_DEPTH ? shell_inline_script(ws_parsers(ws), script, c) : NULL;
    const ShellWord *word = NULL;
    if (inner) {
      /* The word that holds the script is the last argument whose range
       * covers the script's first byte. */
      size_t at = inner->map.items[0].start;
      for (size_t a = 0; a < c->args.len; a++)
        if (c->args.items[a].start <= at && at < c->args.items[a].end) word = &c->args.items[a];
    }
    array_push(&out->items, ((HealthCommand){script, c, word}));
    if (!inner) continue;
    array_push(&out->scripts, inner);
    health_collect(ws, inner, out, depth + 1);
  }
}

void health_commands_collect(Workspace *ws, const ShellScript *script, HealthCommands *out) {
  array_init(&out->items);
  array_init(&out->scripts);
  health_collect(ws, script, out, 0);
}

void health_commands_clear(HealthCommands *self) {
  for (size_t i = 0; i < self->scripts.len; i++) shell_script_delete(self->scripts.items[i]);
  array_delete(&self->scripts);
  array_delete(&self->items);
}

/* MySQL and MariaDB clients (and MariaDB's healthcheck.sh) read the host
 * `localhost` as "use the Unix socket", so it never resolves to ::1 for
 * them. */
static bool health_socket_client(const ShellCommand *c) {
  return shell_is(c, "mysqladmin") || shell_is(c, "mariadb-admin") || shell_is(c, "mysql") ||
         shell_is(c, "mariadb") || shell_is(c, "healthcheck.sh");
}

void health_host_words(const HealthCommands *self, HealthWords *out) {
  for (size_t k = 0; k < self->items.len; k++) {
    const HealthCommand *c = &self->items.items[k];
    if (health_socket_client(c->cmd)) continue;
    const ShellWordArray *lists[2] = {&c->cmd->args, &c->cmd->redirects};
    for (size_t l = 0; l < 2; l++)
      for (size_t a = 0; a < lists[l]->len; a++)
        if (&lists[l]->items[a] != c->script_word) array_push(out, &lists[l]->items[a]);
  }
}

void health_wget_fix(RuleCtx *ctx, Diag *d, const ShellCommand *c, const ShellWord *url) {
  StrBuf edit = STRBUF_INIT;
  strbuf_append(&edit, "wget -q --spider ");
  strbuf_append_n(&edit, ctx->text->bytes + url->start, url->end - url->start);
  Fix *fix = rules__add_fix(ctx, d, "Probe with the image's wget instead", true);
  fix_add_edit(fix, ctx->file, c->name.start, url->end, strbuf_cstr(&edit));
  strbuf_destroy(&edit);
}

static const char *health_probe_tool(const ShellCommand *c) {
  return shell_is(c, "curl") ? "curl" : shell_is(c, "wget") ? "wget" : NULL;
}

const char *health_or_alternative(const HealthCommands *self, size_t k) {
  const HealthCommand *c = &self->items.items[k];
  const HealthCommand *prev = k > 0 ? &self->items.items[k - 1] : NULL;
  const HealthCommand *next = k + 1 < self->items.len ? &self->items.items[k + 1] : NULL;
  const char *tool = health_probe_tool(c->cmd);
  if (next && next->script == c->script && next->cmd->join == SHELL_JOIN_OR) {
    const char *other = health_probe_tool(next->cmd);
    if (other && (!tool || strcmp(other, tool) != 0)) return other;
  }
  if (prev && prev->script == c->script && c->cmd->join == SHELL_JOIN_OR) {
    const char *other = health_probe_tool(prev->cmd);
    if (other && (!tool || strcmp(other, tool) != 0)) return other;
  }
  return NULL;
}

ImgFact health_stage_tool(const DockerfileModel *m, const DfStage *stage, const char *tool) {
  if (dockerfile_pkg_present(m, stage, stage->last, 0, tool)) return IMG_YES;
  if (!stage->base_known) return IMG_UNKNOWN;
  return strcmp(tool, "curl") == 0 ? stage->base_facts.curl : stage->base_facts.wget;
}

const ShellWord *health_simple_curl_url(const ShellCommand *c) {
  const ShellWord *url = NULL;
  for (size_t i = 0; i < c->args.len; i++) {
    const char *a = c->args.items[i].value;
    if (a[0] == '-') {
      bool ok = strcmp(a, "--fail") == 0 || strcmp(a, "--silent") == 0 || strcmp(a, "--show-error") == 0;
      if (a[1] != '-') {
        ok = true;
        for (const char *p = a + 1; *p; p++) ok &= *p == 'f' || *p == 's' || *p == 'S';
      }
      if (!ok) return NULL;
    } else if (url) {
      return NULL;
    } else {
      url = &c->args.items[i];
    }
  }
  return url;
}
