/* Shared by the CLI test files: see cli_fixture.c. */
#ifndef DOCKLS_TESTS_CLI_FIXTURE_H_
#define DOCKLS_TESTS_CLI_FIXTURE_H_

typedef struct {
  int code;
  char *out;
  char *err;
} Run;

/* The test's work folder; the fixture project is at <work>/project. */
extern char work[256];

void setup_project(void);
void teardown_project(void);

/* Runs `dockls ARGS` (a shell command line: redirections allowed) inside
 * the work folder. */
Run run(const char *args);
/* The same from the folder `dir` below the work folder. */
Run run_in(const char *dir, const char *args);
void run_free(Run *r);

/* The text with the work folder replaced by <work> (caller frees). */
char *normalise(const char *text);

/* Compares `raw` (normalised) with tests/cli/expected/NAME. */
void check_golden(const char *name, const char *raw);

#endif
