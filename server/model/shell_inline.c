/* Scripts that do not come from a Dockerfile instruction of their own: a
 * string parsed as a script (a compose `CMD-SHELL` test), a list of words
 * run without a shell (a compose `CMD` test), and the script a command
 * carries in one of its arguments (`sh -c "…"`, `pwsh -Command "…"`).
 * Each gets the same offset map as an instruction's script, so a rule
 * reads its words and ranges the same way wherever the script came from. */
#include <string.h>
#include <strings.h>

#include "dockls/base/strbuf.h"
#include "dockls/model/shell.h"
#include "model_internal.h"

static void inline_segment(ShellScript *s, size_t sstart, size_t start, size_t len) {
  ShellSegment seg = {sstart, start, len};
  array_push(&s->map, seg);
}

ShellScript *shell_script_parse(SyntaxParsers *parsers, const char *text, size_t len, size_t base) {
  ShellScript *s = xcalloc(1, sizeof *s);
  s->text = xmemdup(text, len); /* NUL bytes too: s->len is what is read */
  s->len = len;
  inline_segment(s, 0, base, len);
  s->end = base + len;
  model__shell_parse(parsers, s);
  return s;
}

ShellScript *shell_script_exec(const ShellWord *words, size_t n) {
  ShellScript *s = xcalloc(1, sizeof *s);
  StrBuf buf = STRBUF_INIT;
  ShellCommand cmd;
  memset(&cmd, 0, sizeof cmd);
  for (size_t i = 0; i < n; i++) {
    if (buf.len) strbuf_append_char(&buf, ' ');
    ShellWord w = words[i];
    w.value = xstrdup(words[i].value);
    w.sstart = buf.len;
    strbuf_append(&buf, w.value);
    w.send = buf.len;
    /* A word whose range holds exactly its text maps byte for byte. */
    if (w.end - w.start == w.send - w.sstart) inline_segment(s, w.sstart, w.start, w.send - w.sstart);
    if (i == 0) cmd.name = w;
    else array_push(&cmd.args, w);
  }
  if (!cmd.name.value) cmd.name.value = xstrdup("");
  cmd.start = n ? words[0].start : 0;
  cmd.end = n ? words[n - 1].end : 0;
  array_push(&s->commands, cmd);
  s->exec_form = true;
  s->end = cmd.end;
  s->len = buf.len;
  s->text = strbuf_take(&buf);
  return s;
}

/* The command's name without a directory and without a Windows `.exe`. */
static bool inline_named(const ShellCommand *cmd, const char *const *names) {
  const char *v = cmd->name.value;
  const char *slash = strrchr(v, '/');
  v = slash ? slash + 1 : v;
  size_t n = strlen(v);
  if (n > 4 && strcasecmp(v + n - 4, ".exe") == 0) n -= 4;
  for (size_t i = 0; names[i]; i++)
    if (strlen(names[i]) == n && strncasecmp(v, names[i], n) == 0) return true;
  return false;
}

/* The argument holding the script, or NULL: for a POSIX shell the first
 * operand after an option bundle with `c` (`-c`, `-ec`); for PowerShell
 * the word after `-Command` or any prefix of it PowerShell accepts (`-c`,
 * `-com`).  An operand before the option is a script file, not a string. */
static const ShellWord *inline_argument(const ShellCommand *cmd) {
  static const char *const posix[] = {"sh", "bash", "ash", "dash", "zsh", NULL};
  static const char *const pwsh[] = {"powershell", "pwsh", NULL};
  bool is_posix = inline_named(cmd, posix);
  if (!is_posix && !inline_named(cmd, pwsh)) return NULL;
  bool seen = false;
  for (size_t i = 0; i < cmd->args.len; i++) {
    const char *a = cmd->args.items[i].value;
    if (seen) return &cmd->args.items[i];
    if (a[0] != '-') {
      if (is_posix) return NULL;
      continue; /* PowerShell takes its options in any order */
    }
    if (is_posix) seen = a[1] != '-' && strchr(a + 1, 'c') != NULL;
    else seen = a[1] && strncasecmp(a + 1, "command", strlen(a + 1)) == 0;
  }
  return NULL;
}

ShellScript *shell_inline_script(SyntaxParsers *parsers, const ShellScript *outer, const ShellCommand *cmd) {
  const ShellWord *w = inline_argument(cmd);
  if (!w) return NULL;
  size_t vlen = strlen(w->value);
  ShellScript *s = xcalloc(1, sizeof *s);
  s->text = xstrdup(w->value);
  s->len = vlen;
  if (outer->map.len == 0) {
    /* A Dockerfile exec form: the word is a JSON string, verbatim when it
     * is its value between two quotes. */
    if (w->end - w->start == vlen + 2) inline_segment(s, 0, w->start + 1, vlen);
  } else {
    /* The word as the outer script holds it: verbatim, or its value
     * between two quotes of the same kind; anything else (escapes, an
     * expansion) has no byte-for-byte place in the file. */
    const char *raw = outer->text + w->sstart;
    size_t rlen = w->send - w->sstart, q = 0;
    if (rlen == vlen + 2 && (raw[0] == '"' || raw[0] == '\'') && raw[rlen - 1] == raw[0]) q = 1;
    /* Inside double quotes a backslash escapes the next character, so
     * the shell reads other bytes than the file holds. */
    bool escapes = q && raw[0] == '"' && memchr(w->value, '\\', vlen);
    if (!escapes && rlen == vlen + 2 * q && memcmp(raw + q, w->value, vlen) == 0) {
      size_t from = w->sstart + q, to = w->send - q;
      for (size_t i = 0; i < outer->map.len; i++) {
        const ShellSegment *seg = &outer->map.items[i];
        size_t a = seg->sstart > from ? seg->sstart : from;
        size_t b = seg->sstart + seg->len < to ? seg->sstart + seg->len : to;
        if (a < b) inline_segment(s, a - from, seg->start + (a - seg->sstart), b - a);
      }
    }
  }
  if (s->map.len == 0) {
    shell_script_delete(s);
    return NULL;
  }
  const ShellSegment *last = array_last(&s->map);
  s->end = last->start + last->len;
  model__shell_parse(parsers, s);
  return s;
}
