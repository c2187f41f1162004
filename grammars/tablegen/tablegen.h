/*
 * This header is private to the table generator (grammars/tablegen).
 *
 * The generator turns a tree-sitter grammar.json into an ABI-14 parser.c
 * that Debian's libtree-sitter 0.20.7 accepts.  It runs in five stages, one
 * file each: load (JSON to rule trees), normalise (rule trees to flat
 * productions over numbered symbols), lr (LALR(1) automaton and actions),
 * pack (runtime table layout) and emit (C source and node-types.json).
 * Every terminal must be an external token: the generated lexer only
 * recognises the end of input, so no lexer DFA is needed.
 */
#ifndef DOCKLS_TABLEGEN_TABLEGEN_H_
#define DOCKLS_TABLEGEN_TABLEGEN_H_

#include <setjmp.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

/* --- Arrays --- */

/* Growable arrays in the style of tree-sitter's Array(T): a struct of
 * contents, size and capacity that the macros below manage. */
#define Array(T) struct { T *contents; uint32_t size; uint32_t capacity; }
#define array_init(a) ((a)->contents = NULL, (a)->size = 0, (a)->capacity = 0)
#define array_push(a, v)                                                     \
  (tg__grow((void **)&(a)->contents, &(a)->capacity, (a)->size + 1,          \
            sizeof(*(a)->contents)),                                         \
   (a)->contents[(a)->size++] = (v))
#define array_reserve(a, n)                                                  \
  tg__grow((void **)&(a)->contents, &(a)->capacity, (n), sizeof(*(a)->contents))
#define array_delete(a) (free((a)->contents), array_init(a))

void tg__grow(void *contents_ptr, uint32_t *capacity, uint32_t need, size_t elem);
void *tg_xcalloc(size_t count, size_t size);
char *tg_xstrdup(const char *s);
/* Reports a fatal grammar error and exits: the generator is a build tool, so
 * there is nothing sensible to recover to.  When tg_fatal_jump is set it
 * jumps there instead, silently: the fuzz target (tests/fuzz) runs the
 * generator on many inputs in one process. */
void tg_fatal(const char *fmt, ...) __attribute__((format(printf, 1, 2), noreturn));
extern jmp_buf *tg_fatal_jump;

typedef Array(char *) NameList;
typedef Array(int) IntList;

/* --- Rule trees (load.c) --- */

typedef enum {
  RULE_BLANK,
  RULE_STRING,
  RULE_PATTERN,
  RULE_SYMBOL,
  RULE_SEQ,
  RULE_CHOICE,
  RULE_REPEAT,
  RULE_REPEAT1,
  RULE_FIELD,
  RULE_ALIAS,
  RULE_PREC,
  RULE_PREC_LEFT,
  RULE_PREC_RIGHT,
  RULE_PREC_DYNAMIC,
  RULE_TOKEN,
  RULE_IMMEDIATE_TOKEN,
} RuleKind;

typedef struct Rule Rule;
struct Rule {
  RuleKind kind;
  char *text;             /* symbol name, string value, field name or alias value */
  bool named;             /* for aliases */
  int value;              /* precedence value */
  Array(Rule *) members;  /* seq/choice members, or the single content */
};

typedef struct {
  char *name;
  Rule *rule;
} RuleDef;

typedef struct {
  char *name;
  Array(RuleDef) rules; /* in file order; the first is the start rule */
  Array(Rule *) extras;
  Array(Rule *) externals;
  NameList inlines;
  NameList supertypes;
  Array(NameList) conflicts;
} GrammarFile;

GrammarFile *grammar_file_load(const char *json_text);
void grammar_file_free(GrammarFile *self);

/* --- Normalised grammar (normalise.c) --- */

typedef enum { ASSOC_NONE, ASSOC_LEFT, ASSOC_RIGHT } Assoc;

typedef struct {
  char *name;       /* name shown in trees and node-types.json */
  char *ident;      /* C identifier in the generated enum */
  bool visible;
  bool named;
  bool supertype;
  bool is_string;   /* an anonymous token written as a string */
  bool is_aux;      /* a repeat helper */
  int origin;       /* for repeat helpers, the rule they were extracted from */
} Symbol;

typedef struct {
  int symbol;
  int alias;   /* 0 for none, else the symbol shown instead */
  int field;   /* 0 for none, else a field id */
  int prec;
  Assoc assoc;
} Step;

typedef struct {
  int lhs;
  Array(Step) steps;
  int prec;          /* precedence of the last step: what reductions compare */
  Assoc assoc;
  int dynamic_prec;
  bool repeat_pair;  /* the R -> R R production of a repeat helper */
  uint16_t info_id;  /* the runtime's production_id (fields + aliases) */
} Production;

typedef struct {
  uint16_t field;
  uint8_t child_index;
  bool inherited;
} FieldEntry;

/* What the runtime calls a production id: one alias sequence and one field
 * map, shared by every production that has the same of both. */
typedef struct {
  Array(int) aliases;      /* per child, 0 when not aliased */
  Array(FieldEntry) fields;
} ProductionInfo;

typedef struct {
  Array(Symbol) symbols;   /* terminals, then non-terminals, then alias-only */
  uint32_t token_count;    /* terminals: end plus the externals */
  uint32_t external_count;
  uint32_t symbol_count;   /* terminals plus non-terminals */
  uint32_t alias_count;
  int start;
  int augmented;           /* the pseudo symbol of production 0 (S' -> start) */
  Array(Production) productions; /* productions[0] is S' -> start */
  Array(IntList) productions_of; /* per non-terminal (index symbol - token_count) */
  NameList field_names;    /* index 0 unused, then sorted names */
  IntList extras;          /* terminal ids */
  Array(IntList) conflicts;
  Array(ProductionInfo) infos; /* infos[0] is empty */
  uint16_t max_production_length;
} Grammar;

Grammar *grammar_normalise(const GrammarFile *file);
void grammar_free(Grammar *self);
static inline bool grammar_is_terminal(const Grammar *g, int sym) {
  return sym >= 0 && (uint32_t)sym < g->token_count;
}

/* --- LR automaton (lr.c) --- */

typedef enum { ACTION_SHIFT, ACTION_REDUCE, ACTION_ACCEPT, ACTION_RECOVER } ActionType;

typedef struct {
  ActionType type;
  uint16_t state;
  bool extra;
  bool repetition;
  uint16_t symbol;
  uint8_t child_count;
  int16_t dynamic_prec;
  uint16_t production_id;
} Action;

typedef Array(Action) ActionList;

typedef struct {
  ActionList *terminal;  /* [token_count] */
  int *gotos;            /* [symbol_count - token_count], 0 = none */
} ParseState;

typedef struct {
  Array(ParseState) states; /* states[0] is the error state, states[1] the start */
  uint32_t conflict_count;  /* unresolved conflicts (the build fails on any) */
  uint32_t glr_entry_count; /* entries kept with several actions on purpose */
} ParseTable;

typedef enum {
  LR_CANONICAL, /* states differ by lookaheads too: exact valid-token sets */
  LR_LALR,      /* states with the same core merged */
} LrMode;

/* Builds the parse table.  Unresolved conflicts are described on `log`
 * (which may be NULL) and counted rather than fatal, so tests can see them. */
ParseTable *lr_build(const Grammar *g, LrMode mode, FILE *log);
void lr_free(ParseTable *self, const Grammar *g);

/* --- Packing (pack.c) --- */

typedef struct {
  uint32_t large_state_count;
  Array(uint16_t) parse_table;        /* [large][symbol_count] */
  Array(uint16_t) small_parse_table;
  Array(uint32_t) small_parse_table_map;
  Array(ActionList) entries;          /* deduplicated action lists */
  Array(uint32_t) entry_index;        /* index of each entry in parse_actions */
  uint32_t parse_action_count;        /* headers plus actions */
  Array(uint16_t) lex_modes;          /* external row per state */
  Array(uint8_t) external_rows;       /* rows x external_count booleans */
  uint32_t external_row_count;
} PackedTable;

PackedTable *pack_build(const Grammar *g, ParseTable *table);
void pack_free(PackedTable *self);

/* --- Output (emit.c, node_types.c) --- */

void emit_parser_c(FILE *out, const Grammar *g, const PackedTable *p,
                   uint32_t state_count, const char *language_name);
void emit_node_types(FILE *out, const Grammar *g);

/* --- The whole pipeline (generate.c) --- */

typedef struct {
  uint32_t state_count;
  uint32_t large_state_count;
  uint32_t symbol_count;
  uint32_t conflict_count;
  uint32_t glr_entry_count;
} GenerateStats;

/* Runs every stage on grammar.json text.  Writes parser.c and
 * node-types.json to the given streams (either may be NULL) unless there are
 * unresolved conflicts, which are described on `log`.  Returns the
 * number of unresolved conflicts. */
uint32_t tablegen_generate(const char *json_text, LrMode mode, FILE *parser_c, FILE *node_types,
                           FILE *log, GenerateStats *stats);

#endif /* DOCKLS_TABLEGEN_TABLEGEN_H_ */
