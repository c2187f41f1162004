/* ComposeModel: the typed view of a compose file that rules read, built
 * from the tree-sitter-yaml tree.
 *
 * The model is a resolved YAML value tree (ComposeNode) in which anchors,
 * aliases and merge keys (`<<: *a`, `<<: [*a, *b]`) are already applied,
 * plus the compose-level entry points rules start from (the top-level
 * keys, the services).  Every node and every map pair keeps the byte range
 * of the text it came from, so a diagnostic about an inherited value points
 * at the value's own place (inside the anchored block), not at the `<<:`.
 *
 * Aliases are shared, not copied: `*a` yields the very node anchored as
 * `&a`.  The tree is therefore a DAG, and the cost of walking it fully is
 * bounded by COMPOSE_EXPANSION_CAP: once resolving aliases would pass that
 * many expanded nodes, further aliases become COMPOSE_NODE_OPAQUE nodes
 * (what a "billion laughs" file degrades to; rules stay silent on them).
 *
 * `!reset` entries are removed from their mapping (and hide a merged key of
 * the same name); `!override` values are taken as written.  Problems that
 * make Compose refuse the file although the YAML parses (duplicate keys,
 * an alias to an unknown anchor, a merge of a non-mapping) are collected in
 * `problems` for the syntax-error rule.
 *
 * Everything is owned by the model; pointers into it are borrowed and valid
 * until compose_model_delete (for ws_compose: until the document changes). */
#ifndef DOCKLS_MODEL_COMPOSE_H_
#define DOCKLS_MODEL_COMPOSE_H_

#include <stdbool.h>
#include <stddef.h>

#include "dockls/base/array.h"
#include "dockls/syntax/parse.h"
#include "dockls/syntax/yaml_chunks.h"
#include "dockls/text/edit.h"
#include "dockls/text/text.h"

/* At most this many nodes are reachable through aliases in one file. */
#define COMPOSE_EXPANSION_CAP 100000

typedef enum {
  COMPOSE_NODE_NULL,   /* `~`, `null`, or an empty value */
  COMPOSE_NODE_SCALAR,
  COMPOSE_NODE_MAP,
  COMPOSE_NODE_SEQ,
  COMPOSE_NODE_OPAQUE  /* unreadable: past the alias cap, unknown alias, parse error */
} ComposeNodeKind;

/* The YAML 1.2 core-schema type of a plain scalar; quoted and block
 * scalars are always strings.  Compose (go-yaml v3) reads `yes`/`no`/`on`
 * as strings too, which is what tree-sitter-yaml's core schema does. */
typedef enum {
  COMPOSE_SCALAR_STR,
  COMPOSE_SCALAR_INT,
  COMPOSE_SCALAR_FLOAT,
  COMPOSE_SCALAR_BOOL,
  COMPOSE_SCALAR_NULL
} ComposeScalarType;

typedef enum {
  COMPOSE_STYLE_PLAIN,
  COMPOSE_STYLE_SINGLE,
  COMPOSE_STYLE_DOUBLE,
  COMPOSE_STYLE_LITERAL, /* `|` block scalar */
  COMPOSE_STYLE_FOLDED   /* `>` block scalar */
} ComposeScalarStyle;

typedef enum { COMPOSE_TAG_NONE, COMPOSE_TAG_RESET, COMPOSE_TAG_OVERRIDE, COMPOSE_TAG_OTHER } ComposeTag;

typedef struct ComposeNode ComposeNode;

/* One key of a mapping. */
typedef struct ComposePair {
  const char *key;             /* decoded key text */
  size_t key_start, key_end;   /* byte range of the key */
  size_t pair_start, pair_end; /* key, ':' and value */
  const ComposeNode *value;    /* never NULL (an empty value is a NULL node) */
  bool merged;                 /* inherited through `<<:` (ranges are in the anchor) */
} ComposePair;

struct ComposeNode {
  ComposeNodeKind kind;
  ComposeScalarType type;   /* scalars */
  ComposeScalarStyle style; /* scalars */
  ComposeTag tag;
  bool flow;                /* a flow collection (`{…}`, `[…]`) */
  size_t start, end;        /* byte range of the value, without anchor and tag */
  const char *text;         /* scalars: the decoded value; NULL otherwise */
  bool verbatim;            /* scalars: text is exactly the source at [start+q, end-q) */
  const ComposePair *pairs; /* maps: resolved pairs, explicit ones first */
  size_t npairs;
  const ComposeNode *const *items; /* sequences */
  size_t nitems;
  size_t weight;            /* nodes reachable from here, aliases expanded */
};

/* Something Compose's YAML loader refuses although the text parses. */
typedef struct {
  size_t start, end;
  char *message; /* owned by the model */
} ComposeProblem;
typedef Array(ComposeProblem) ComposeProblemArray;

typedef struct {
  char *key;                   /* the key's scalar text, unquoted */
  size_t key_start, key_end;   /* byte range of the key */
  size_t pair_start, pair_end; /* byte range of key, ':' and value */
} ComposeEntry;
typedef Array(ComposeEntry) ComposeEntryArray;

typedef struct ComposeModel {
  const ComposeNode *root;      /* the top-level value (NULL: empty document) */
  ComposeEntryArray top;        /* top-level keys in file order */
  const ComposeNode *services;  /* the `services` mapping, or NULL */
  bool legacy_v1;               /* no `services:` key; services at the top level */
  bool capped;                  /* alias expansion stopped at the cap */
  /* Built from a recovered text (compose_model_build_recovering) in which
   * at least one whole entry, its key included, was left out: a name that
   * is not found may be one the damaged lines define. */
  bool partial;
  ComposeProblemArray problems; /* sorted by position */
  struct ComposeArena *arena;   /* private: storage of nodes and strings */
  struct ComposeReuse *reuse;   /* private: what the next build may take over */
} ComposeModel;


/* Builds the model (never fails; a file that is not a mapping yields an
 * empty model).  Caller owns; free with compose_model_delete. */
ComposeModel *compose_model_build(const Syntax *syntax, const TextDoc *text);
void compose_model_delete(ComposeModel *self);

/* Like compose_model_build, but when the YAML does not parse it keeps what
 * did: each entry (a service under `services:`, or a top-level key) that
 * holds a mistake is blanked in a copy of the text, with the same byte
 * offsets, until libyaml accepts the copy, and the model is built from a
 * parse of that copy.  A blanked entry whose key line is intact stays in
 * the model with an opaque value (rules stay silent on it); one whose key
 * line is damaged is left out and sets `partial`.  When the mistakes cannot
 * be isolated this way, it returns compose_model_build's model of the
 * damaged tree.  `parsers` parse the copy; `chunks` keeps libyaml's
 * verdicts on its services (yaml_chunks.h); `memo` keeps the last copy and
 * its tree, so that the next copy is parsed incrementally. */
typedef struct ComposeRecovery ComposeRecovery;
ComposeRecovery *compose_recovery_new(void);
void compose_recovery_delete(ComposeRecovery *self);
ComposeModel *compose_model_build_recovering(SyntaxParsers *parsers, YamlChunks *chunks, ComposeRecovery *memo,
                                             const Syntax *syntax, const TextDoc *text);

/* compose_model_build_recovering, taking over from `previous` (the model of
 * the text before the last edits, or NULL; `change` says which bytes those
 * edits left alone, NULL when unknown) the services that lie wholly in the
 * unchanged bytes and depend on nothing outside themselves (no anchor,
 * alias or loader problem inside them), shifted to their new
 * offsets, instead of building them from the tree again.  The result is
 * the model compose_model_build_recovering gives for the same text.
 * `previous` gives up its storage to the result: delete it right after. */
ComposeModel *compose_model_build_reusing(SyntaxParsers *parsers, YamlChunks *chunks, ComposeRecovery *memo,
                                          const Syntax *syntax, const TextDoc *text, ComposeModel *previous,
                                          const TextDelta *change);

/* For each pair of self->services (which must not be NULL), in one pass:
 * out[i] is true when services->pairs[i] depends on its own bytes only:
 * building it resolved no alias, registered no anchor, reported no loader
 * problem, and the text was not a repaired copy.  Its value then follows
 * from the text of [pair_start, pair_end) alone, wherever that text sits
 * in the file: what compose_model_build_reusing takes over, and what a
 * cache of results per service may be keyed by. */
void compose_services_self_contained(const ComposeModel *self, bool *out);

/* The first top-level entry with this key, or NULL.  Borrowed. */
const ComposeEntry *compose_top_entry(const ComposeModel *self, const char *key);

/* --- Navigation --------------------------------------------------------- */

/* The pair with this key in a mapping, or NULL (also when node is NULL or
 * not a mapping).  Borrowed. */
const ComposePair *compose_pair(const ComposeNode *map, const char *key);
/* The value of that pair, or NULL. */
const ComposeNode *compose_get(const ComposeNode *map, const char *key);
/* The scalar text of map[key] when it is a scalar, else NULL. */
const char *compose_get_text(const ComposeNode *map, const char *key);
/* True for a scalar (of any type) and for NULL-kind nodes' absence. */
bool compose_is_scalar(const ComposeNode *node);
/* True when the node is a scalar whose text holds an unescaped `$`
 * (interpolation happens before Compose reads the value). */
bool compose_is_interpolated(const ComposeNode *node);

/* Maps an offset inside a scalar's decoded text to a byte offset in the
 * document.  False when the text is not a verbatim copy of the source
 * (escapes, folded lines, block scalars): callers then use the whole
 * node's range and offer no fix that needs a finer one. */
bool compose_text_offset(const ComposeNode *node, size_t text_offset, size_t *doc_offset);

/* --- Scalars (compose_scalar.c) ----------------------------------------- */

/* Decodes a scalar's source bytes as YAML does: quotes removed, escapes
 * and line folding applied, block scalar indentation and chomping applied.
 * `indent` is the indentation of the line holding a block scalar's header
 * (used with an explicit indentation indicator).  Caller owns the result. */
char *compose_scalar_decode(const char *src, size_t len, ComposeScalarStyle style, size_t indent);

/* --- Interpolation (compose_interp.c) ----------------------------------- */

typedef enum {
  COMPOSE_VAR_PLAIN,          /* $VAR or ${VAR} */
  COMPOSE_VAR_DEFAULT,        /* ${VAR:-default}: unset or empty */
  COMPOSE_VAR_DEFAULT_UNSET,  /* ${VAR-default}: unset only */
  COMPOSE_VAR_REQUIRED,       /* ${VAR:?error}: unset or empty is an error */
  COMPOSE_VAR_REQUIRED_UNSET, /* ${VAR?error} */
  COMPOSE_VAR_ALT,            /* ${VAR:+replacement} */
  COMPOSE_VAR_ALT_UNSET       /* ${VAR+replacement} */
} ComposeVarOp;

typedef struct {
  size_t start, end;           /* the whole reference in the text */
  size_t name_start, name_end; /* the variable name */
  size_t arg_start, arg_end;   /* default / error / replacement text (empty for PLAIN) */
  ComposeVarOp op;
  bool braced;                 /* ${…} rather than $NAME */
} ComposeVar;
typedef Array(ComposeVar) ComposeVarArray;

/* Finds the variable references of a value as Compose interpolates them:
 * `$$` is a literal `$`, `$NAME` and `${NAME…}` are references, and the
 * argument of a `${NAME:-…}` is scanned too (nested references are
 * appended after their parent).  Returns false when a `${` is not closed
 * or its name is malformed (Compose then refuses the file); the
 * references found before that point are still appended. */
bool compose_interp_scan(const char *text, size_t len, ComposeVarArray *out);

/* True when the text contains a reference (an unescaped `$` followed by a
 * name or `{`). */
bool compose_interp_has_ref(const char *text, size_t len);

/* --- Service views (compose_service.c) ---------------------------------- */

/* A published port, short (`"127.0.0.1:8080:80/udp"`, `80`) or long syntax
 * (`{published: 8080, target: 80}`).  Port numbers are 0 when absent. */
typedef struct {
  const ComposeNode *node;      /* the list item */
  char host_ip[64];             /* "" when none (all interfaces) */
  char protocol[8];             /* "tcp" unless given */
  unsigned published_lo, published_hi; /* host port range; 0: none published */
  unsigned target_lo, target_hi;
} ComposePort;

/* Reads one `ports:` item.  False when it cannot be read (interpolated,
 * malformed): rules then say nothing about it. */
bool compose_port_parse(const ComposeNode *item, ComposePort *out);

typedef enum {
  COMPOSE_MOUNT_BIND,   /* a host path */
  COMPOSE_MOUNT_VOLUME, /* a named volume */
  COMPOSE_MOUNT_ANON,   /* an anonymous volume (target only) */
  COMPOSE_MOUNT_OTHER   /* tmpfs, npipe, image, cluster */
} ComposeMountKind;

/* One `volumes:` item of a service. */
typedef struct {
  ComposeMountKind kind;
  const ComposeNode *source;   /* the scalar holding the source, or NULL */
  size_t source_off, source_len; /* the source inside source->text */
  bool read_only;
} ComposeMount;

/* Reads one service `volumes:` item; false when it cannot be read. */
bool compose_mount_parse(const ComposeNode *item, ComposeMount *out);

/* One `environment` (or `args`, `labels`) entry, map or list form. */
typedef struct {
  const ComposeNode *node;     /* map form: the value; list form: the item */
  char *key;                   /* owned by the array (compose_env_free) */
  size_t key_start, key_end;   /* document range of the key (0,0: unknown) */
  bool has_value;              /* `KEY=…` / `KEY: …` rather than `KEY` / `KEY:` */
  size_t value_off;            /* the value inside node->text */
  bool from_list;
} ComposeEnvEntry;
typedef Array(ComposeEnvEntry) ComposeEnvArray;

/* Appends the entries of a list-or-dict node. */
void compose_env_entries(const ComposeNode *node, ComposeEnvArray *out);
void compose_env_free(ComposeEnvArray *entries);

/* One `depends_on` entry, list or map form. */
typedef struct {
  const char *name;            /* borrowed from the model */
  size_t start, end;           /* the name's range */
  const char *condition;       /* map form's condition, or NULL */
  const ComposeNode *condition_node;
} ComposeDep;
typedef Array(ComposeDep) ComposeDepArray;
void compose_depends_on(const ComposeNode *service, ComposeDepArray *out);

typedef enum {
  COMPOSE_TEST_ABSENT,   /* no healthcheck or no test */
  COMPOSE_TEST_SHELL,    /* a string, or ["CMD-SHELL", "…"] */
  COMPOSE_TEST_EXEC,     /* ["CMD", …] */
  COMPOSE_TEST_DISABLED, /* ["NONE"] or disable: true */
  COMPOSE_TEST_UNKNOWN   /* interpolated or malformed */
} ComposeTestForm;

/* The form of a service's health check (`healthcheck:` value). */
ComposeTestForm compose_healthcheck_form(const ComposeNode *healthcheck);

/* The build context and Dockerfile of a service with `build:`, as written
 * (relative to the compose file).  Returns false for a service without
 * build, a remote context (URL, git) or an interpolated path.  *context is
 * "." when only a Dockerfile is given; *dockerfile NULL for the default;
 * *target NULL for the last stage.  All borrowed. */
bool compose_build_paths(const ComposeNode *service, const char **context,
                         const char **dockerfile, const char **target);

#endif
