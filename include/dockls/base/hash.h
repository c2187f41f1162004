/* Hashes for keys that only need a spread.  FNV-1a over bytes is the one
 * whose values may be written out or must not change (Code Climate
 * fingerprints, the Dockerfile's chunk cuts).  Continuing from a previous
 * result hashes a sequence of parts; starting from another basis gives an
 * independent hash. */
#ifndef DOCKLS_BASE_HASH_H_
#define DOCKLS_BASE_HASH_H_

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#define HASH_FNV1A_BASIS 0xcbf29ce484222325ull

static inline uint64_t hash_fnv1a(uint64_t h, const void *data, size_t len) {
  const unsigned char *p = data;
  for (size_t i = 0; i < len; i++) h = (h ^ p[i]) * 0x100000001b3ull;
  return h;
}

/* A hash over eight bytes at a time, for in-memory tables whose keys are
 * long enough that FNV-1a's step per byte shows: a publish hashes a key of
 * about a hundred bytes for each of thousands of findings.  Its values
 * are not stable across machines of another byte order, so it must never
 * be written out (FNV-1a is for that).  Each word is mixed in with a
 * multiplication by an odd constant (the 64-bit golden ratio) and a
 * shift that brings the high bits down, and the length goes into the
 * last word so that keys ending in zero bytes differ. */
static inline uint64_t hash_words(uint64_t h, const void *data, size_t len) {
  const unsigned char *p = data;
  const uint64_t mul = 0x9e3779b97f4a7c15ull;
  for (; len >= 8; p += 8, len -= 8) {
    uint64_t word;
    memcpy(&word, p, 8);
    h = (h ^ word) * mul;
    h ^= h >> 29;
  }
  uint64_t last = 0;
  memcpy(&last, p, len);
  h = (h ^ last ^ ((uint64_t)len << 56)) * mul;
  return h ^ (h >> 32);
}

#endif
