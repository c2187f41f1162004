/* Entry point: maps the command line to the LSP server or a CLI command.
 * Nothing else happens here. */
#include <stdio.h>
#include <string.h>

#include "dockls/base/log.h"
#include "dockls/cli/cli.h"
#include "dockls/lsp/server.h"

static void usage(FILE *out) {
  fputs("usage: dockls [--stdio]                 run the language server on stdin/stdout\n"
        "       dockls check [--format text|json|sarif] [--fix] [--fail-on error|warning|info|hint]\n"
        "                    [--kind dockerfile|compose] [--config FILE] PATH...\n"
        "       dockls rules                     list the rules\n"
        "       dockls explain RULE              show a rule's documentation\n"
        "       dockls --version | --help\n",
        out);
}

int main(int argc, char **argv) {
  log_init_from_env();
  if (argc < 2 || strcmp(argv[1], "--stdio") == 0) {
    if (argc > 2) {
      fprintf(stderr, "dockls: unexpected argument %s\n", argv[2]);
      return 2;
    }
    return lsp_run(stdin, stdout, NULL);
  }
  const char *cmd = argv[1];
  if (strcmp(cmd, "--version") == 0) {
    printf("dockls %s\n", DOCKLS_VERSION);
    return 0;
  }
  if (strcmp(cmd, "--help") == 0 || strcmp(cmd, "-h") == 0) {
    usage(stdout);
    return 0;
  }
  if (strcmp(cmd, "check") == 0) return cli_check(argc - 2, argv + 2, stdout, stderr);
  if (strcmp(cmd, "rules") == 0) return cli_rules(argc - 2, argv + 2, stdout, stderr);
  if (strcmp(cmd, "explain") == 0) return cli_explain(argc - 2, argv + 2, stdout, stderr);
  fprintf(stderr, "dockls: unknown command %s\n", cmd);
  usage(stderr);
  return 2;
}
