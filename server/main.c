/* Entry point: maps the command line to the LSP server or a CLI command.
 * Nothing else happens here. */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dockls/base/log.h"
#include "dockls/cli/cli.h"
#include "dockls/lsp/server.h"

static void usage(FILE *out) {
  fputs("usage: dockls [--stdio] [--clientProcessId=PID]\n"
        "                                        run the language server on stdin/stdout\n"
        "       dockls check [options] PATH...   check files and folders (- reads stdin);\n"
        "                                        `dockls check --help` lists the options\n"
        "       dockls format [--check] PATH...  format Dockerfiles (--check: only report)\n"
        "       dockls rules                     list the rules\n"
        "       dockls rules --peers markdown    hadolint, BuildKit, docker-langserver and dclint rules\n"
        "                                        and the dockls rules that replace them\n"
        "       dockls explain RULE              show a rule's documentation\n"
        "       dockls --version | --help\n",
        out);
}

static bool is_server_option(const char *arg) {
  return strcmp(arg, "--stdio") == 0 || strncmp(arg, "--clientProcessId", 17) == 0;
}

/* A process id as LSP clients write it: a positive decimal number. */
static bool parse_pid(const char *text, long *pid) {
  char *end;
  long value = strtol(text, &end, 10);
  if (end == text || *end != '\0' || value <= 0) return false;
  *pid = value;
  return true;
}

/* The language server's arguments: what LSP clients customarily add to
 * the command they were given.  `--stdio` may appear more than once
 * (vscode-languageclient appends its own to a command that has one), and
 * `--clientProcessId` comes as `=N` or as a separate `N`. */
static int run_server(int argc, char **argv) {
  LspOptions options = {NULL, 0, false};
  for (int i = 1; i < argc; i++) {
    const char *arg = argv[i];
    const char *value = NULL;
    if (strcmp(arg, "--stdio") == 0) continue;
    if (strncmp(arg, "--clientProcessId=", 18) == 0) value = arg + 18;
    else if (strcmp(arg, "--clientProcessId") == 0 && i + 1 < argc) value = argv[++i];
    if (!value) {
      fprintf(stderr, "dockls: unknown argument %s for the language server\n", arg);
      usage(stderr);
      return 2;
    }
    if (!parse_pid(value, &options.client_pid)) {
      fprintf(stderr, "dockls: --clientProcessId needs a process id, not \"%s\"\n", value);
      return 2;
    }
  }
  return lsp_run(stdin, stdout, &options);
}

int main(int argc, char **argv) {
  log_init_from_env();
  if (argc < 2 || is_server_option(argv[1])) return run_server(argc, argv);
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
  if (strcmp(cmd, "format") == 0) return cli_format(argc - 2, argv + 2, stdout, stderr);
  fprintf(stderr, "dockls: unknown command %s\n", cmd);
  usage(stderr);
  return 2;
}
