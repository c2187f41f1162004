/* `dockls rules` and `dockls explain`: the rule table and the embedded
 * documentation, the same text that hover and SARIF help show; and
 * `dockls rules --peers markdown`, the other tools' rules and what
 * replaces them (analysis/peers.def), as docs/migrating.md shows them. */
#include <string.h>

#include "dockls/analysis/diag.h"
#include "dockls/analysis/peers.h"
#include "dockls/cli/cli.h"

/* The key of a tool's table in docs/migrating.md's marker comments. */
static const char *rules_peer_key(PeerTool tool) {
  static const char *const keys[PEER__COUNT] = {"buildkit", "dockerfile-utils", "hadolint", "dclint"};
  return keys[tool];
}

/* A table cell: the text with `|` escaped, which would end the cell. */
static void rules_cell(FILE *out, const char *text) {
  for (const char *c = text; *c; c++) {
    if (*c == '|') fputc('\\', out);
    fputc(*c, out);
  }
}

/* The tables of docs/migrating.md, one per tool between marker comments
 * (`<!-- peers:hadolint -->` … `<!-- /peers:hadolint -->`) so that the
 * docs_migrating test can splice them into the page and compare. */
static void rules_peers_markdown(FILE *out) {
  size_t n;
  const PeerRow *rows = peer_rows(&n);
  for (int tool = 0; tool < PEER__COUNT; tool++) {
    if (tool > 0) fputc('\n', out);
    fprintf(out, "<!-- peers:%s -->\n", rules_peer_key((PeerTool)tool));
    fputs("| rule | what it reports | dockls rule | how dockls differs, or why no rule replaces it |\n"
          "|---|---|---|---|\n",
          out);
    for (size_t i = 0; i < n; i++) {
      if (rows[i].tool != (PeerTool)tool) continue;
      fputs("| `", out);
      rules_cell(out, rows[i].id);
      fputs("` | ", out);
      rules_cell(out, rows[i].flags);
      if (rows[i].rule) fprintf(out, " | [`%s`](rules/%s.md) | ", rows[i].rule, rows[i].rule);
      else fputs(" | none | ", out);
      rules_cell(out, rows[i].note);
      fputs(rows[i].note[0] ? " |\n" : "|\n", out);
    }
    fprintf(out, "<!-- /peers:%s -->\n", rules_peer_key((PeerTool)tool));
  }
}

int cli_rules(int argc, char **argv, FILE *out, FILE *err) {
  if (argc == 2 && strcmp(argv[0], "--peers") == 0 && strcmp(argv[1], "markdown") == 0) {
    rules_peers_markdown(out);
    return 0;
  }
  if (argc > 0) {
    fprintf(err, "dockls rules: usage: dockls rules [--peers markdown]\n");
    return 2;
  }
  for (int r = 0; r < RULE__COUNT; r++) {
    const RuleInfo *info = rule_info((RuleId)r);
    fprintf(out, "%-28s %-8s %s\n", info->id, severity_name((Severity)info->default_severity),
            info->summary);
  }
  return 0;
}

int cli_explain(int argc, char **argv, FILE *out, FILE *err) {
  if (argc != 1) {
    fprintf(err, "dockls explain: usage: dockls explain RULE\n");
    return 2;
  }
  RuleId rule;
  if (!rule_from_id(argv[0], &rule)) {
    fprintf(err, "dockls explain: unknown rule %s (`dockls rules` lists them)\n", argv[0]);
    return 2;
  }
  const char *doc = rule_doc(rule);
  fputs(doc ? doc : rule_info(rule)->summary, out);
  if (!doc) fputc('\n', out);
  return 0;
}
