/* What the Dockerfile builder accepts, as data: the instruction keywords,
 * the flags of each instruction with the kind of value they take, the
 * keys and types of RUN --mount, the values of the closed flags, the stop
 * signals and the build arguments BuildKit predefines.  One table with
 * several readers: the validation rules, completion and hover.  Facts
 * from BuildKit's Dockerfile frontend (instructions/parse.go, bflag.go). */
#ifndef DOCKLS_MODEL_DOCKERFILE_SPEC_H_
#define DOCKLS_MODEL_DOCKERFILE_SPEC_H_

#include <stdbool.h>
#include <stddef.h>

#include "dockls/model/dockerfile.h"

typedef enum {
  DF_VALUE_STRING,   /* --name=value; the builder refuses `--name value` */
  DF_VALUE_BOOL,     /* --name, or --name=true|false */
  DF_VALUE_DURATION, /* a Go duration: 30s, 1m30s, 500ms */
  DF_VALUE_INT,      /* a base-10 integer */
  DF_VALUE_CHOICE,   /* one of `choices` */
  DF_VALUE_MOUNT     /* RUN --mount's comma-separated key=value list */
} DfValueKind;

typedef struct {
  DfKind kind;
  const char *name;             /* without the leading "--" */
  DfValueKind value;
  bool repeatable;              /* may be given more than once */
  const char *const *choices;   /* DF_VALUE_CHOICE: the accepted values, NULL-ended */
  const char *snippet;          /* what completion inserts after the name ("=${1:stage}"); NULL: nothing */
  const char *doc;              /* one sentence for hover and completion */
} DfFlagSpec;

/* Every flag of every instruction, grouped by instruction, in the order
 * completion offers them. */
const DfFlagSpec *dockerfile_flag_specs(size_t *count);

/* The flag `name` (without "--") of an instruction kind; NULL when the
 * builder does not accept it there. */
const DfFlagSpec *dockerfile_flag_spec(DfKind kind, const char *name);

/* The instruction keywords the builder knows, upper-case, NULL-ended. */
extern const char *const dockerfile_keywords[];

/* RUN --mount: the types, and the keys completion offers (the canonical
 * names), NULL-ended; dockerfile_mount_key_known also accepts BuildKit's
 * aliases (src, dst, destination, ro, rw, readwrite, size). */
extern const char *const dockerfile_mount_types[];
extern const char *const dockerfile_mount_keys[];
bool dockerfile_mount_key_known(const char *key, size_t len);

/* The build arguments BuildKit defines in every stage, NULL-ended. */
extern const char *const dockerfile_predefined_args[];

/* The proxy build arguments the builder passes to RUN without an ARG
 * declaring them, in upper case (the builder takes either case),
 * NULL-ended. */
extern const char *const dockerfile_proxy_args[];

/* Linux signal names without the SIG prefix, NULL-ended. */
extern const char *const dockerfile_signals[];

/* Whether STOPSIGNAL accepts `text` (len bytes): a decimal number other
 * than 0, or a signal name with or without SIG in any case, RTMIN+n or
 * RTMAX-n included. */
bool dockerfile_signal_valid(const char *text, size_t len);

#endif
