/* This header is private to the analysis layer: the Compose key table
 * (compose_schema_table.c for the top level and the shapes several objects
 * share, compose_schema_service.c for services) that compose-schema
 * (compose_schema.c) walks and that hover and completion read. */
#ifndef DOCKLS_ANALYSIS_RULES_COMPOSE_SCHEMA_H_
#define DOCKLS_ANALYSIS_RULES_COMPOSE_SCHEMA_H_

#include <stdbool.h>

#include "dockls/base/strbuf.h"

/* Value types, as bits. */
enum {
  ST_STR = 1,
  ST_INT = 2,
  ST_FLOAT = 4,
  ST_BOOL = 8,
  ST_NULL = 16,
  ST_MAP = 32,
  ST_SEQ = 64,
  ST_NUM = ST_INT | ST_FLOAT,
  ST_SCALAR = ST_STR | ST_NUM | ST_BOOL,
  ST_ANY = 127
};

typedef struct SchemaObj SchemaObj;

/* One key of an object: the types its value may have, how a mapping
 * value is checked further (map) and how sequence items are (item_types,
 * and items for the mapping items). */
typedef struct {
  const char *key;
  unsigned types;
  const SchemaObj *map;
  unsigned item_types; /* 0: items unchecked */
  const SchemaObj *items;
  const char *const *values; /* the words the value may be, NULL-terminated, for
                                completion; NULL when the value is free */
  const char *doc;           /* what the key means, one or two sentences for hover and
                                completion; NULL only for the entry every name of a free
                                map shares (it has no key of its own) */
} SchemaKey;

/* An object: either a closed set of keys (keys != NULL, ended by a NULL
 * key), or a map with free keys whose values follow `each`. */
struct SchemaObj {
  const char *name; /* for messages: "service", "build", … */
  const SchemaKey *keys;
  bool x_ok; /* `x-` keys are extensions here */
  const SchemaKey *each;
};

extern const SchemaObj schema_top;

/* The `services` map, defined in compose_schema_service.c. */
extern const SchemaObj schema_services;

/* Shapes that both table files use (compose_schema_table.c). */
extern const SchemaObj schema_lod, schema_open_map, schema_driver_opts, schema_hosts_map, schema_ulimits,
    schema_file_ref;

/* Appends the types as words ("a string or a list"), for messages and
 * hovers (compose_schema.c). */
void compose__schema_types(unsigned types, StrBuf *out);

#endif
