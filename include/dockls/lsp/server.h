/* The language server behind one call. */
#ifndef DOCKLS_LSP_SERVER_H_
#define DOCKLS_LSP_SERVER_H_

#include <stdbool.h>
#include <stdio.h>

typedef struct {
  const char *root_override; /* workspace root to use instead of the client's; may be NULL */
  long client_pid;           /* --clientProcessId: exit when it is gone; 0 for none */
  /* Leave initialize's processId unwatched.  A harness that serves many
   * sessions in one process (tests/fuzz) sets it: the watch _exits the
   * whole process when the named process is gone, and an input can name
   * any number. */
  bool ignore_process_id;
} LspOptions;

/* Serves LSP over the two streams until `exit` or the end of input, and
 * returns the process exit code: 0 when `exit` (or the end of input)
 * followed a `shutdown` request, else 1.  Bad input never ends the loop. */
int lsp_run(FILE *in, FILE *out, const LspOptions *options);

#endif
