/* Comparing byte strings where the standard library has nothing: how far
 * two texts agree from the start or from the end.  An edit's extent is
 * found this way when no one said where it was (two repaired copies of a
 * document, a piece of YAML against its last reading). */
#ifndef DOCKLS_BASE_BYTES_H_
#define DOCKLS_BASE_BYTES_H_

#include <stddef.h>

/* How many leading bytes a and b share, at most `most`. */
size_t bytes_common_prefix(const char *a, const char *b, size_t most);

/* How many trailing bytes the texts ending at a_end and b_end share, at
 * most `most`. */
size_t bytes_common_suffix(const char *a_end, const char *b_end, size_t most);

#endif
