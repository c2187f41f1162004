/* Allocation for all of dockls: every heap block goes through these
 * functions so that out-of-memory is handled in exactly one place (abort
 * with a message) and tests can count live blocks to find leaks. */
#ifndef DOCKLS_BASE_ALLOC_H_
#define DOCKLS_BASE_ALLOC_H_

#include <stddef.h>

/* Never return NULL: on exhaustion they print a message and abort. */
void *xmalloc(size_t size);
void *xcalloc(size_t count, size_t size);
void *xrealloc(void *ptr, size_t size);
/* Caller owns the copy; free with xfree. xstrndup copies at most len bytes
 * and always terminates. */
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t len);
/* Copies exactly len bytes, NUL bytes among them, and terminates: for a
 * copy whose length is kept beside it and compared by that length. */
char *xmemdup(const char *s, size_t len);
/* Frees a block from the functions above; NULL does nothing. */
void xfree(void *ptr);

/* Number of blocks allocated through this module and not yet freed.  Tests
 * compare it before and after a scenario to prove nothing leaked, including
 * tree-sitter's blocks (syntax_install_allocator) and cJSON's (the adapters
 * install their hooks). */
long alloc_live_blocks(void);

#endif
