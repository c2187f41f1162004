/* Small, position-aware models of the build-context files that the
 * Dockerfile rules consult: package.json (and package-lock.json for the
 * binaries its packages provide), supervisord.conf, .env / .env.example,
 * Laravel's bootstrap/app.php and nginx.conf.  Each is parsed from text:
 * the model layer cannot read files, so a rule gets the bytes through
 * ws_read + ws_text and hands them here.  Offsets are byte offsets into
 * the text that was parsed, so a fix can edit that file.  Parsing never
 * fails: a file that cannot be read as its format yields an empty model
 * (or `valid == false`), and rules that need it stay silent. */
#ifndef DOCKLS_MODEL_CONTEXT_FILES_H_
#define DOCKLS_MODEL_CONTEXT_FILES_H_

#include <stdbool.h>
#include <stddef.h>

#include "dockls/base/array.h"

/* --- package.json --------------------------------------------------------- */

/* One member of an object: its decoded key and string value (NULL when
 * the value is not a string) and where both sit in the text.  The key
 * range includes the quotes; the value range is the whole JSON value. */
typedef struct {
  char *key;
  char *value;
  size_t key_start, key_end;
  size_t value_start, value_end;
} PkgEntry;
typedef Array(PkgEntry) PkgEntryArray;

/* A top-level member whose value is an object ("scripts",
 * "dependencies", ...). */
typedef struct {
  bool present;          /* the key exists and its value is an object */
  size_t key_start;      /* the key's opening quote */
  size_t open, close;    /* offsets of the object's '{' and '}' */
  PkgEntryArray entries; /* in file order */
} PkgSection;

typedef enum {
  PKG_DEPS_PROD,     /* dependencies */
  PKG_DEPS_DEV,      /* devDependencies */
  PKG_DEPS_OPTIONAL, /* optionalDependencies */
  PKG_DEPS_PEER,     /* peerDependencies */
  PKG_DEPS__COUNT
} PkgDepKind;

typedef struct {
  bool valid;            /* the text is a JSON object (cJSON agreed with the scanner) */
  size_t open, close;    /* the root object's braces */
  PkgEntryArray members; /* top-level members (value NULL unless a string) */
  PkgSection scripts;
  PkgSection deps[PKG_DEPS__COUNT];
  char *indent;          /* one indentation step ("  ", "\t"); "" for a one-line file */
  const char *eol;       /* "\r\n" or "\n" (static) */
} PackageJson;

/* Parses package.json text.  Caller owns; free with package_json_delete.
 * Never NULL: an unparsable file gives valid == false. */
PackageJson *package_json_parse(const char *text, size_t len);
void package_json_delete(PackageJson *self);

/* The JSON key of a dependency kind ("devDependencies"); static. */
const char *package_json_deps_key(PkgDepKind kind);

/* An entry of a section by key, or NULL.  Borrowed. */
const PkgEntry *package_json_find(const PkgSection *section, const char *key);

/* True when a dependency of that name is declared in any section. */
bool package_json_declares(const PackageJson *self, const char *name);

/* The edit that adds `"name": "spec"` to the dependency section `kind`
 * (creating the section after "dependencies", or at the end of the root
 * object, when it is missing), keeping the file's indentation and line
 * ending and the section's alphabetical order when it has one.  On
 * success [*start, *end) is the range to replace and *text (caller owns)
 * the new text; false when the file is not valid. */
bool package_json_add_dep_edit(const PackageJson *self, const char *src, PkgDepKind kind,
                               const char *name, const char *spec, size_t *start, size_t *end,
                               char **text);

/* The edit that removes the entry `name` of section `kind` with its comma
 * and its line (when it owns the line).  False when there is no such
 * entry. */
bool package_json_remove_dep_edit(const PackageJson *self, const char *src, PkgDepKind kind,
                                  const char *name, size_t *start, size_t *end);

/* --- package.json scripts -------------------------------------------------- */

/* One simple command of an npm script: the program and its first two
 * operands (NULL when absent), after `VAR=value` prefixes and the
 * `cross-env` / `env` wrappers. */
typedef struct {
  char *name;
  char *arg1;
  char *arg2;
} ScriptCommand;
typedef Array(ScriptCommand) ScriptCommandArray;

/* Splits a script ("patch-package && husky install") into its commands
 * at `&&`, `||`, `;`, `|`, `&`, newlines and parentheses, honouring
 * quotes.  Appends to *out; free with script_commands_clear. */
void script_commands_parse(const char *script, ScriptCommandArray *out);
void script_commands_clear(ScriptCommandArray *cmds);

/* --- package-lock.json / npm-shrinkwrap.json ------------------------------ */

typedef struct NpmLock NpmLock;

/* Parses a lockfile (any lockfileVersion).  Caller owns; free with
 * npm_lock_delete.  Never NULL. */
NpmLock *npm_lock_parse(const char *text, size_t len);
void npm_lock_delete(NpmLock *self);

/* True when the lockfile lists the package at the top of node_modules
 * (so its binaries are linked into node_modules/.bin); *dev_only tells
 * whether it is installed for dev dependencies only. */
bool npm_lock_has(const NpmLock *self, const char *name, bool *dev_only);

/* The top-level package whose "bin" map provides `bin` (lockfileVersion 2
 * and 3 record it), or NULL.  Borrowed. */
const char *npm_lock_bin_provider(const NpmLock *self, const char *bin);

/* --- INI (supervisord.conf) ----------------------------------------------- */

typedef struct {
  char *section;      /* "supervisord", "program:web" */
  char *key;          /* lowercased, as supervisord's parser does */
  char *value;        /* trimmed, inline " ;comment" removed */
  size_t key_start;   /* start of the key in the text */
  size_t value_start, value_end;
} IniEntry;
typedef Array(IniEntry) IniEntryArray;

typedef struct {
  IniEntryArray entries;
  StrArray sections; /* every section header, in order */
} IniFile;

/* Parses INI text the way supervisord's ConfigParser reads it: `[section]`
 * headers, `key=value` or `key: value`, `;` and `#` comment lines, inline
 * comments after " ;", and indented continuation lines.  Caller owns;
 * free with ini_file_delete. */
IniFile *ini_file_parse(const char *text, size_t len);
void ini_file_delete(IniFile *self);
bool ini_file_has_section(const IniFile *self, const char *section);

/* A log file a supervisord config writes: `logfile` of [supervisord],
 * `stdout_logfile` / `stderr_logfile` of [program:x] and
 * [eventlistener:x], and `childlogdir` (whose value is the directory
 * itself).  Borrowed from the IniFile. */
typedef struct {
  const IniEntry *entry;
  bool is_dir; /* childlogdir: the value is the directory */
} SupervisorLog;
typedef Array(SupervisorLog) SupervisorLogArray;

/* Appends the log settings whose directory must exist: absolute paths
 * only; not NONE, AUTO or syslog, not /dev/..., /proc/... or a path whose
 * directory uses a %(...)s expansion. */
void supervisor_log_paths(const IniFile *self, SupervisorLogArray *out);

/* --- .env / .env.example ----------------------------------------------------- */

typedef struct {
  char *key;
  char *value; /* unquoted */
  size_t key_start, key_end;
  size_t value_start, value_end;
} DotenvEntry;
typedef Array(DotenvEntry) DotenvEntryArray;

/* Parses KEY=value lines (optional `export `, `#` comments, blank lines,
 * single or double quotes).  Appends to *out; free with dotenv_clear. */
void dotenv_parse(const char *text, size_t len, DotenvEntryArray *out);
void dotenv_clear(DotenvEntryArray *entries);
const DotenvEntry *dotenv_find(const DotenvEntryArray *entries, const char *key);

/* --- Laravel and nginx ------------------------------------------------------- */

/* The health route that bootstrap/app.php declares (`health: '/up'` in
 * withRouting), outside comments.  Returns it (caller owns) with its
 * range (inside the quotes), or NULL. */
char *laravel_health_path(const char *text, size_t len, size_t *start, size_t *end);

/* The `pid` directive of an nginx main config (top level, outside
 * comments).  Returns its path (caller owns), or NULL when there is none
 * (nginx then uses its compiled-in path). */
char *nginx_conf_pid(const char *text, size_t len);

#endif
