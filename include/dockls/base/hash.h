/* FNV-1a over bytes: the one hash for keys that only need a spread (the
 * publish cache's keys, Code Climate fingerprints).  Continuing from a
 * previous result hashes a sequence of parts; starting from another basis
 * gives an independent hash. */
#ifndef DOCKLS_BASE_HASH_H_
#define DOCKLS_BASE_HASH_H_

#include <stddef.h>
#include <stdint.h>

#define HASH_FNV1A_BASIS 0xcbf29ce484222325ull

static inline uint64_t hash_fnv1a(uint64_t h, const void *data, size_t len) {
  const unsigned char *p = data;
  for (size_t i = 0; i < len; i++) h = (h ^ p[i]) * 0x100000001b3ull;
  return h;
}

#endif
