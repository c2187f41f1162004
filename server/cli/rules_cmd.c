/* `dockls rules` and `dockls explain`: the rule table and the embedded
 * documentation, the same text that hover and SARIF help show. */
#include <string.h>

#include "dockls/analysis/diag.h"
#include "dockls/cli/cli.h"

int cli_rules(int argc, char **argv, FILE *out, FILE *err) {
  (void)argv;
  if (argc > 0) {
    fprintf(err, "dockls rules: takes no arguments\n");
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
