/* This header is private to the two files of the Compose key table
 * (compose_schema_table.c, compose_schema_service.c): the shorthands their
 * entries are written with.  Every shorthand ends with the key's
 * description, so an entry cannot be written without one. */
#ifndef DOCKLS_ANALYSIS_RULES_COMPOSE_SCHEMA_BUILD_H_
#define DOCKLS_ANALYSIS_RULES_COMPOSE_SCHEMA_BUILD_H_

#include <stddef.h>

#include "compose_schema.h"

#define END {NULL, 0, NULL, 0, NULL, NULL, NULL}
#define K(n, t, doc) {n, t, NULL, 0, NULL, NULL, doc}
#define KM(n, t, o, doc) {n, t, &o, 0, NULL, NULL, doc}
#define KL(n, t, it, io, doc) {n, t, NULL, it, io, NULL, doc}
#define KML(n, t, o, it, io, doc) {n, t, &o, it, io, NULL, doc}
#define KE(n, t, words, doc) {n, t, NULL, 0, NULL, words, doc}
/* A list-or-dict: `KEY=VAL` items or a mapping. */
#define LOD(n, doc) {n, ST_MAP | ST_SEQ, &schema_lod, ST_STR, NULL, NULL, doc}
/* A string or a list of strings. */
#define SOL(n, doc) {n, ST_STR | ST_SEQ, NULL, ST_STR, NULL, NULL, doc}
/* A command: shell form, exec form, or null for the image's own. */
#define CMD(n, doc) {n, ST_STR | ST_SEQ | ST_NULL, NULL, ST_STR | ST_NUM, NULL, NULL, doc}
#define STRS(n, doc) {n, ST_SEQ, NULL, ST_STR, NULL, NULL, doc}
#define OBJ(var, label, x) static const SchemaObj var = {label, var##_keys, x, NULL}
#define FREE(var, label, each) static const SchemaObj var = {label, NULL, false, &each}

#endif
