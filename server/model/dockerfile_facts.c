/* Per-stage facts derived from the instructions: package installs and
 * removals (apk, apt-get/apt, dnf/yum/microdnf) and the directories a
 * stage creates (mkdir, install -d, WORKDIR, COPY/ADD destinations,
 * VOLUME).  The facts err on the side of "exists": a COPY destination
 * counts as a directory and so does its parent, because a rule that
 * reports a missing directory must never be wrong about one that exists. */
#include <string.h>

#include "dockls/base/strbuf.h"
#include "model_internal.h"

/* Options of the package managers that take a separate value, so the
 * value is not mistaken for a package name. */
static bool facts_takes_value(PkgManager pm, const char *opt) {
  static const char *const apk[] = {"-t", "--virtual", "-X", "--repository", "-p", "--root",
                                    "--arch", "--cache-dir", "--keys-dir", "--repositories-file",
                                    NULL};
  static const char *const apt[] = {"-o", "--option", "-t", "--target-release", "-c",
                                    "--config-file", NULL};
  static const char *const dnf[] = {"--setopt", "--repo", "--enablerepo", "--disablerepo",
                                    "--installroot", "--releasever", NULL};
  const char *const *list = pm == PKG_APK ? apk : pm == PKG_APT ? apt : dnf;
  for (size_t i = 0; list[i]; i++)
    if (strcmp(list[i], opt) == 0) return true;
  return false;
}

static void facts_add_dir(DfStage *st, const char *path, size_t instr) {
  DirFact d = {xstrdup(path), instr};
  /* Trailing slashes do not make another directory. */
  size_t n = strlen(d.path);
  while (n > 1 && d.path[n - 1] == '/') d.path[--n] = '\0';
  array_push(&st->dirs, d);
}

/* `nginx`, or `nginx` with a version constraint (`nginx=1.26.2-r0`,
 * `nginx>1.24`, `nginx~1.26`); not another package whose name starts so. */
static bool facts_names_nginx(const char *name, size_t len) {
  return len >= 5 && strncmp(name, "nginx", 5) == 0 && (len == 5 || strchr("=<>~", name[5]));
}

static void facts_packages(PkgEventArray *out, const ShellCommand *c, size_t cmd_index) {
  PkgManager pm;
  size_t verb = 0;
  bool add;
  if (shell_is(c, "apk")) {
    pm = PKG_APK;
  } else if (shell_is(c, "apt-get") || shell_is(c, "apt")) {
    pm = PKG_APT;
  } else if (shell_is(c, "dnf") || shell_is(c, "yum") || shell_is(c, "microdnf")) {
    pm = PKG_DNF;
  } else {
    return;
  }
  /* The verb is the first operand (options may come before it). */
  while (verb < c->args.len && c->args.items[verb].value[0] == '-') {
    if (facts_takes_value(pm, c->args.items[verb].value)) verb++;
    verb++;
  }
  if (verb >= c->args.len) return;
  const char *v = c->args.items[verb].value;
  if (strcmp(v, "add") == 0 || strcmp(v, "install") == 0) add = true;
  else if (strcmp(v, "del") == 0 || strcmp(v, "remove") == 0 || strcmp(v, "purge") == 0 ||
           strcmp(v, "autoremove") == 0 || strcmp(v, "erase") == 0)
    add = false;
  else
    return;
  const char *group = NULL;
  for (size_t i = 0; i < c->args.len; i++) {
    const char *a = c->args.items[i].value;
    if (pm == PKG_APK && (strcmp(a, "-t") == 0 || strcmp(a, "--virtual") == 0) && i + 1 < c->args.len)
      group = c->args.items[i + 1].value;
    else if (pm == PKG_APK && strncmp(a, "--virtual=", 10) == 0)
      group = a + 10;
  }
  if (group && add) {
    /* The group itself is a name that `apk del` can remove. */
    PkgEvent g = {true, pm, xstrdup(group), xstrdup(group), DF_NONE, cmd_index, 0, 0,
                  facts_names_nginx(group, strlen(group))};
    array_push(out, g);
  }
  for (size_t i = verb + 1; i < c->args.len; i++) {
    const ShellWord *w = &c->args.items[i];
    if (w->value[0] == '-') {
      if (facts_takes_value(pm, w->value)) i++;
      continue;
    }
    /* Several packages can hide in one expansion ($PHPIZE_DEPS) or one
     * quoted word; split on blanks. */
    const char *p = w->value;
    while (*p) {
      while (*p == ' ' || *p == '\t' || *p == '\n') p++;
      const char *e = p;
      while (*e && *e != ' ' && *e != '\t' && *e != '\n') e++;
      if (e > p) {
        PkgEvent ev = {add, pm, xstrndup(p, (size_t)(e - p)), group ? xstrdup(group) : NULL,
                       DF_NONE, cmd_index, w->start, w->end, facts_names_nginx(p, (size_t)(e - p))};
        array_push(out, ev);
      }
      p = e;
    }
  }
}

static void facts_mkdir(DfStage *st, const DockerfileModel *m, const ShellCommand *c, size_t instr) {
  bool is_mkdir = shell_is(c, "mkdir");
  bool is_install_d = shell_is(c, "install") && (shell_has_arg(c, "-d") || shell_has_arg(c, "--directory"));
  if (!is_mkdir && !is_install_d) return;
  for (size_t i = 0; i < c->args.len; i++) {
    const char *a = c->args.items[i].value;
    if (a[0] == '-') {
      if (strcmp(a, "-m") == 0 || strcmp(a, "--mode") == 0 || strcmp(a, "-o") == 0 ||
          strcmp(a, "-g") == 0 || strcmp(a, "--owner") == 0 || strcmp(a, "--group") == 0)
        i++;
      continue;
    }
    char *expanded = model__expand(m, st->first, instr, a);
    /* `mkdir -p /a/{b,c}` creates both; brace expansion is common here. */
    const char *brace = expanded ? strchr(expanded, '{') : NULL;
    const char *close = brace ? strchr(brace, '}') : NULL;
    if (brace && close) {
      for (const char *p = brace + 1; p <= close;) {
        const char *e = p;
        while (e < close && *e != ',') e++;
        StrBuf one = STRBUF_INIT;
        strbuf_append_n(&one, expanded, (size_t)(brace - expanded));
        strbuf_append_n(&one, p, (size_t)(e - p));
        strbuf_append(&one, close + 1);
        facts_add_dir(st, strbuf_cstr(&one), instr);
        strbuf_destroy(&one);
        p = e + 1;
      }
    } else {
      facts_add_dir(st, expanded ? expanded : a, instr);
    }
    xfree(expanded);
  }
}

void model__run_packages(DfInstr *in) {
  if (in->kind != DF_RUN || !df_shell(in) || df_shell(in)->exec_form) return;
  for (size_t k = 0; k < df_shell(in)->commands.len; k++)
    facts_packages(&in->parts.run_packages, &df_shell(in)->commands.items[k], k);
}

void model__free_run_packages(DfInstr *in) {
  for (size_t i = 0; i < in->parts.run_packages.len; i++) {
    xfree(in->parts.run_packages.items[i].name);
    xfree(in->parts.run_packages.items[i].group);
  }
  array_delete(&in->parts.run_packages);
}

/* The last instruction of each kind in `pending` among [first, before),
 * into last_of: a splice's stage whose last instruction of those kinds was
 * among the records the edit replaced or moved, and lies after them no
 * more.  A walk back that stops once every such kind is found. */
static void facts_find_last(const DockerfileModel *m, DfStage *st, size_t before, const bool pending[DF_OTHER],
                            size_t missing) {
  for (size_t i = before; missing > 0 && i-- > st->first;) {
    DfKind k = m->instrs.items[i].kind;
    if (k < DF_OTHER && pending[k] && st->last_of[k] == DF_NONE) {
      st->last_of[k] = i;
      missing--;
    }
  }
}

/* Appends a splice's tail events to the stage, moved to where their
 * words now are (a group's own event has no word: 0, 0). */
static void facts_take_tail(DfStage *st, const DfTailFacts *tail) {
  size_t n = tail->events.len, at = st->packages.len;
  if (n == 0) return;
  array_reserve(&st->packages, at + n);
  PkgEvent *dst = st->packages.items + at;
  memcpy(dst, tail->events.items, n * sizeof *dst);
  for (size_t k = 0; k < n; k++)
    if (dst[k].start != 0 || dst[k].end != 0) {
      dst[k].start = (size_t)((ptrdiff_t)dst[k].start + tail->delta);
      dst[k].end = (size_t)((ptrdiff_t)dst[k].end + tail->delta);
    }
  st->packages.len = at + n;
}

void model__derive_facts(DockerfileModel *m, size_t first_stage, size_t from, const DfTailFacts *tail) {
  for (size_t s = first_stage; s < m->stages.len; s++) {
    DfStage *st = &m->stages.items[s];
    size_t start = st->first;
    /* Of the stage a splice continued, last_of still holds the previous
     * model's indices: those before `from` are right, and with a tail
     * taken over (same indices, same kinds) so are those in it; the
     * others are found again. */
    bool pending[DF_OTHER] = {false};
    if (s == first_stage && from > st->first) start = from;
    bool keep_tail = s == first_stage && start > st->first && tail && tail->valid && tail->last == st->last &&
                     tail->from >= start && tail->from <= st->last;
    size_t stop = keep_tail ? tail->from : st->last;
    for (size_t k = 0; k < DF_OTHER; k++) {
      bool in_tail = keep_tail && st->last_of[k] != DF_NONE && st->last_of[k] >= stop;
      pending[k] = !in_tail && start > st->first && st->last_of[k] != DF_NONE && st->last_of[k] >= start;
      if (start == st->first || pending[k]) st->last_of[k] = DF_NONE;
    }
    for (size_t i = start; i < stop; i++) {
      const DfInstr *in = &m->instrs.items[i];
      if (in->kind < DF_OTHER && !(keep_tail && st->last_of[in->kind] != DF_NONE && st->last_of[in->kind] >= stop))
        st->last_of[in->kind] = i;
      /* The events were read with the RUN's script and move with it.
       * Room is made once per RUN: after a mid-file edit this runs for
       * every RUN after it but a tail taken over. */
      size_t n = df_run_packages(in)->len, at = st->packages.len;
      if (n == 0) continue;
      if (at + n > st->packages.cap) array_reserve(&st->packages, at + n);
      memcpy(st->packages.items + at, df_run_packages(in)->items, n * sizeof *st->packages.items);
      for (size_t k = 0; k < n; k++) st->packages.items[at + k].instr = i;
      st->packages.len = at + n;
    }
    if (keep_tail) facts_take_tail(st, tail);
    size_t missing = 0;
    for (size_t k = 0; k < DF_OTHER; k++) missing += pending[k] && st->last_of[k] == DF_NONE;
    facts_find_last(m, st, start, pending, missing);
  }
}

void model__keep_facts_before(DfStage *st, size_t before, DfTailFacts *tail) {
  size_t lo = 0, hi = st->packages.len;
  while (lo < hi) {
    size_t mid = lo + (hi - lo) / 2;
    if (st->packages.items[mid].instr < before) lo = mid + 1;
    else hi = mid;
  }
  size_t from = lo;
  hi = st->packages.len;
  while (from < hi) {
    size_t mid = from + (hi - from) / 2;
    if (st->packages.items[mid].instr < tail->from) from = mid + 1;
    else hi = mid;
  }
  size_t n = st->packages.len - from;
  if (n) {
    array_reserve(&tail->events, n);
    memcpy(tail->events.items, st->packages.items + from, n * sizeof *tail->events.items);
  }
  tail->events.len = n;
  tail->last = st->last;
  st->packages.len = lo;
  for (size_t i = 0; i < st->dirs.len; i++) xfree(st->dirs.items[i].path);
  array_delete(&st->dirs);
  st->dirs_ready = false;
}

const DirFactArray *dockerfile_stage_dirs(const DockerfileModel *self, const DfStage *stage) {
  /* The one change of a built model: its own stage, found by index. */
  DockerfileModel *m = (DockerfileModel *)self;
  DfStage *st = &m->stages.items[stage->index];
  if (st->dirs_ready) return &st->dirs;
  st->dirs_ready = true;
  for (size_t i = st->first; i < st->last; i++) {
    const DfInstr *in = &m->instrs.items[i];
    if (in->kind == DF_RUN && df_shell(in) && !df_shell(in)->exec_form) {
      for (size_t k = 0; k < df_shell(in)->commands.len; k++) facts_mkdir(st, m, &df_shell(in)->commands.items[k], i);
    } else if ((in->kind == DF_WORKDIR || in->kind == DF_VOLUME) && df_paths(in)->len) {
      for (size_t k = 0; k < df_paths(in)->len; k++) {
        char *p = model__expand(m, st->first, i, df_paths(in)->items[k].text);
        facts_add_dir(st, p ? p : df_paths(in)->items[k].text, i);
        xfree(p);
      }
    } else if ((in->kind == DF_COPY || in->kind == DF_ADD) && df_paths(in)->len) {
      const DfText *dest = array_last(df_paths(in));
      char *p = model__expand(m, st->first, i, dest->text);
      const char *d = p ? p : dest->text;
      facts_add_dir(st, d, i);
      const char *slash = strrchr(d, '/');
      if (slash && slash != d) {
        char *parent = xstrndup(d, (size_t)(slash - d));
        facts_add_dir(st, parent, i);
        xfree(parent);
      }
      xfree(p);
    }
  }
  return &st->dirs;
}

void model__free_facts(DfStage *st) {
  array_delete(&st->packages); /* the names belong to the instructions */
  for (size_t i = 0; i < st->dirs.len; i++) xfree(st->dirs.items[i].path);
  array_delete(&st->dirs);
}

bool dockerfile_pkg_present(const DockerfileModel *m, const DfStage *stage, size_t upto_instr,
                            size_t upto_cmd, const char *name) {
  /* From the root stage down, so events are in order. */
  const DfStage *chain[DF_MAX_CHAIN];
  size_t n = dockerfile_stage_chain(m, stage, chain);
  bool present = false;
  const char *group = NULL;
  for (size_t c = 0; c < n; c++) {
    const DfStage *s = chain[c];
    for (size_t i = 0; i < s->packages.len; i++) {
      const PkgEvent *e = &s->packages.items[i];
      if (s == stage && (e->instr > upto_instr || (e->instr == upto_instr && e->command >= upto_cmd))) break;
      if (e->add && strcmp(e->name, name) == 0) {
        present = true;
        group = e->group;
      } else if (!e->add && present &&
                 (strcmp(e->name, name) == 0 || (group && strcmp(e->name, group) == 0))) {
        present = false;
      }
    }
  }
  return present;
}

size_t dockerfile_stage_chain(const DockerfileModel *m, const DfStage *stage, const DfStage *out[DF_MAX_CHAIN]) {
  size_t n = 0;
  for (const DfStage *s = stage; s && n < DF_MAX_CHAIN; s = s->parent >= 0 ? &m->stages.items[s->parent] : NULL)
    out[n++] = s;
  for (size_t i = 0; i < n / 2; i++) {
    const DfStage *t = out[i];
    out[i] = out[n - 1 - i];
    out[n - 1 - i] = t;
  }
  return n;
}
