/* Test-only assertions for calls that report failure through a message
 * out-parameter (caller-owned char *). */
#ifndef DOCKLS_TESTS_EXPECT_H_
#define DOCKLS_TESTS_EXPECT_H_

#include <criterion/criterion.h>
#include <stdbool.h>
#include <stdio.h>

#include "dockls/base/alloc.h"

/* Checks the result of a call that reports failures through a message.
 * The message is copied and freed before asserting, because a failed
 * assertion ends the test at once and the leak checker would then report
 * the message on top of the real failure.  The message is passed by
 * address and read in the body: the call that sets it is another argument,
 * and C leaves the order of argument evaluation unspecified. */
static inline void expect_ok(bool ok, char **errp, const char *what) {
  char *err = *errp;
  *errp = NULL;
  char msg[512];
  snprintf(msg, sizeof msg, "%s", err ? err : "(no message)");
  bool had_err = err != NULL;
  xfree(err);
  cr_assert(ok, "%s failed: %s", what, msg);
  cr_assert_not(had_err, "%s succeeded but set a message: %s", what, msg);
}

/* The failure counterpart: the call must fail with a non-empty message,
 * which is copied into buf (of size n) and freed. */
static inline void expect_failed(bool ok, char **errp, const char *what, char *buf, size_t n) {
  char *err = *errp;
  *errp = NULL;
  snprintf(buf, n, "%s", err ? err : "");
  bool had_err = err != NULL;
  xfree(err);
  cr_assert_not(ok, "%s was accepted", what);
  cr_assert(had_err && buf[0] != '\0', "%s failed without a message", what);
}

#endif
