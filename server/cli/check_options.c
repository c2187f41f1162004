/* The arguments of `dockls check`.  Every option that takes a value
 * accepts it as the next argument or after `=` (`--format=sarif`), as
 * getopt_long does, so command lines written for other linters carry
 * over.  A value outside its list is a usage error naming the list. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "dockls/base/alloc.h"
#include "cli_internal.h"

void check_usage(FILE *out) {
  fputs("usage: dockls check [options] PATH...\n"
        "Checks the Dockerfiles and compose files named, or found in the folders named.\n"
        "PATH - reads one file from stdin.\n"
        "\n"
        "  --format FORMAT              text (default), json, sarif, codeclimate, checkstyle,\n"
        "                               junit, github or gnu\n"
        "  -o, --output FILE            write the report to FILE instead of stdout\n"
        "  --fail-on error|warning|info|hint\n"
        "                               lowest severity that makes the exit code 1 (default warning)\n"
        "  --max-warnings N             warnings make the exit code 1 only when there are more than N\n"
        "  --no-fail                    findings never make the exit code 1\n"
        "  -q, --quiet                  report errors only\n"
        "  --rule ID=LEVEL              set a rule's level (off, error, warning, info, hint) over\n"
        "                               .dockls.yaml; repeatable\n"
        "  --disable ID                 turn a rule off; repeatable\n"
        "  --exclude GLOB               skip files and folders whose path or name matches; repeatable\n"
        "  --kind dockerfile|compose    read every named file (and stdin) as this kind\n"
        "  --stdin-filename NAME        the path the text read from stdin stands for (its kind and\n"
        "                               its neighbour files)\n"
        "  --config FILE                use this .dockls.yaml for every file instead of searching\n"
        "                               upward from each file\n"
        "  --fix                        apply the preferred fixes in place, then report what is left\n"
        "  --fix-dry-run                print the diff --fix would make and change nothing\n"
        "  -h, --help                   show this help\n"
        "\n"
        "Exit codes: 0 nothing at or above --fail-on, 1 findings (with --fix-dry-run: something to\n"
        "fix), 2 usage error or unreadable input (then nothing is written to stdout).\n",
        out);
}

static const char *const format_names[] = {
    [FORMAT_TEXT] = "text",         [FORMAT_JSON] = "json",           [FORMAT_SARIF] = "sarif",
    [FORMAT_CODECLIMATE] = "codeclimate", [FORMAT_CHECKSTYLE] = "checkstyle", [FORMAT_JUNIT] = "junit",
    [FORMAT_GITHUB] = "github",     [FORMAT_GNU] = "gnu",
};

static bool parse_format(const char *value, Format *out) {
  for (size_t i = 0; i < sizeof format_names / sizeof *format_names; i++)
    if (strcmp(value, format_names[i]) == 0) {
      *out = (Format)i;
      return true;
    }
  return false;
}

/* Records `ID=LEVEL` (or ID and "off" for --disable) after checking both
 * against the rule table, so a typo is a usage error rather than a rule
 * silently left as it was. */
static bool add_rule_level(CheckOptions *o, const char *id, size_t id_len, const char *level, const char *option,
                           FILE *err) {
  char *name = xstrndup(id, id_len);
  RuleId rule;
  Severity sev;
  if (!rule_from_id(name, &rule)) {
    fprintf(err, "dockls check: %s: unknown rule %s (`dockls rules` lists them)\n", option, name);
    xfree(name);
    return false;
  }
  if (strcmp(level, "off") != 0 && !severity_from_name(level, &sev)) {
    fprintf(err, "dockls check: %s: unknown level %s for %s (off, error, warning, info or hint)\n", option,
            level, name);
    xfree(name);
    return false;
  }
  ConfigRule r = {.rule = name, .value = xstrdup(level)};
  array_push(&o->rules, r);
  return true;
}

static bool parse_max_warnings(const char *value, long *out) {
  char *end;
  errno = 0;
  long n = strtol(value, &end, 10);
  if (errno || end == value || *end || n < 0) return false;
  *out = n;
  return true;
}

/* The options that take a value; the short forms map onto the long ones. */
static const char *value_option(const char *a) {
  static const char *const with_value[] = {"--format", "--fail-on", "--kind", "--config", "--output",
                                           "--stdin-filename", "--exclude", "--rule", "--disable",
                                           "--max-warnings"};
  if (strcmp(a, "-o") == 0) return "--output";
  for (size_t i = 0; i < sizeof with_value / sizeof *with_value; i++) {
    size_t n = strlen(with_value[i]);
    if (strncmp(a, with_value[i], n) == 0 && (a[n] == '\0' || a[n] == '=')) return with_value[i];
  }
  return NULL;
}

static bool apply_value(CheckOptions *o, const char *opt, const char *value, FILE *err) {
  if (strcmp(opt, "--format") == 0) {
    if (parse_format(value, &o->format)) return true;
    fprintf(err,
            "dockls check: unknown format %s (text, json, sarif, codeclimate, checkstyle, junit, "
            "github or gnu)\n",
            value);
    return false;
  }
  if (strcmp(opt, "--fail-on") == 0) {
    if (severity_from_name(value, &o->fail_on)) return true;
    fprintf(err, "dockls check: unknown severity %s (error, warning, info or hint)\n", value);
    return false;
  }
  if (strcmp(opt, "--kind") == 0) {
    if (strcmp(value, "dockerfile") == 0) o->forced_kind = DOC_KIND_DOCKERFILE;
    else if (strcmp(value, "compose") == 0) o->forced_kind = DOC_KIND_COMPOSE;
    else {
      fprintf(err, "dockls check: unknown kind %s (dockerfile or compose)\n", value);
      return false;
    }
    return true;
  }
  if (strcmp(opt, "--max-warnings") == 0) {
    if (parse_max_warnings(value, &o->max_warnings)) return true;
    fprintf(err, "dockls check: --max-warnings needs a whole number of 0 or more, not %s\n", value);
    return false;
  }
  if (strcmp(opt, "--rule") == 0) {
    const char *eq = strchr(value, '=');
    if (!eq || eq == value || !eq[1]) {
      fprintf(err, "dockls check: --rule needs ID=LEVEL, not %s\n", value);
      return false;
    }
    return add_rule_level(o, value, (size_t)(eq - value), eq + 1, "--rule", err);
  }
  if (strcmp(opt, "--disable") == 0) return add_rule_level(o, value, strlen(value), "off", "--disable", err);
  if (strcmp(opt, "--exclude") == 0) array_push(&o->excludes, xstrdup(value));
  else if (strcmp(opt, "--config") == 0) o->config = value;
  else if (strcmp(opt, "--output") == 0) o->output = value;
  else if (strcmp(opt, "--stdin-filename") == 0) o->stdin_name = value;
  return true;
}

static bool flag_option(CheckOptions *o, const char *a) {
  if (strcmp(a, "--fix") == 0) o->fix = true;
  else if (strcmp(a, "--fix-dry-run") == 0) o->fix_dry_run = true;
  else if (strcmp(a, "-q") == 0 || strcmp(a, "--quiet") == 0) o->quiet = true;
  else if (strcmp(a, "--no-fail") == 0) o->no_fail = true;
  else return false;
  return true;
}

/* The combinations that cannot mean anything. */
static bool check_combination(const CheckOptions *o, FILE *err) {
  size_t stdin_paths = 0;
  for (size_t i = 0; i < o->paths.len; i++) stdin_paths += strcmp(o->paths.items[i], "-") == 0;
  if (o->paths.len == 0) {
    fprintf(err,
            "dockls check: no path given (usage: dockls check [options] PATH...; "
            "--help lists the options)\n");
    return false;
  }
  if (stdin_paths > 1) {
    fprintf(err, "dockls check: - (stdin) can be named only once\n");
    return false;
  }
  if (o->stdin_name && stdin_paths == 0) {
    fprintf(err, "dockls check: --stdin-filename is for - (stdin), which is not among the paths\n");
    return false;
  }
  if (o->fix && o->fix_dry_run) {
    fprintf(err, "dockls check: --fix and --fix-dry-run exclude each other\n");
    return false;
  }
  if (stdin_paths && o->fix) {
    fprintf(err, "dockls check: --fix cannot write back to stdin (use --fix-dry-run for the diff)\n");
    return false;
  }
  return true;
}

bool check_options_parse(int argc, char **argv, CheckOptions *o, FILE *err) {
  memset(o, 0, sizeof *o);
  o->format = FORMAT_TEXT;
  o->fail_on = SEV_WARNING;
  o->max_warnings = -1;
  o->forced_kind = DOC_KIND_OTHER;
  array_init(&o->paths);
  array_init(&o->excludes);
  array_init(&o->rules);
  for (int i = 0; i < argc; i++) {
    const char *a = argv[i];
    const char *opt = value_option(a);
    if (opt) {
      const char *eq = strchr(a, '=');
      const char *value = eq && a[1] == '-' ? eq + 1 : NULL;
      if (!value) {
        if (i + 1 >= argc) {
          fprintf(err, "dockls check: %s needs a value\n", a);
          return false;
        }
        value = argv[++i];
      }
      if (!apply_value(o, opt, value, err)) return false;
    } else if (flag_option(o, a)) {
      continue;
    } else if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
      /* Help wins over everything else on the line, as in most tools. */
      o->help = true;
      return true;
    } else if (strcmp(a, "--") == 0) {
      for (i++; i < argc; i++) array_push(&o->paths, xstrdup(argv[i]));
    } else if (a[0] == '-' && a[1] != '\0') {
      fprintf(err, "dockls check: unknown option %s\n", a);
      return false;
    } else {
      array_push(&o->paths, xstrdup(a));
    }
  }
  return check_combination(o, err);
}

void check_options_free(CheckOptions *o) {
  strarray_delete(&o->paths);
  strarray_delete(&o->excludes);
  for (size_t i = 0; i < o->rules.len; i++) {
    xfree(o->rules.items[i].rule);
    xfree(o->rules.items[i].value);
  }
  array_delete(&o->rules);
}
