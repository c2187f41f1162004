/* This header is private to the LSP adapter: the wire format.  Every
 * message dockls reads is turned into one of the typed parameter structs
 * below by protocol.c, and every result or notification it sends is
 * written to JSON there too, so the handlers (caps.c, sync.c, features.c)
 * and the dispatcher (server.c) never touch JSON.  The structs borrow the
 * strings of the message they were read from, unless a field says it is
 * owned; they live for the duration of one handler call. */
#ifndef DOCKLS_LSP_PROTOCOL_H_
#define DOCKLS_LSP_PROTOCOL_H_

#include <stdbool.h>
#include <stdint.h>

#include "dockls/analysis/analysis.h"
#include "dockls/analysis/complete.h"
#include "dockls/analysis/format.h"
#include "dockls/analysis/structure.h"
#include "dockls/analysis/navigation.h"
#include "dockls/base/array.h"
#include "dockls/text/edit.h"
#include "dockls/text/text.h"
#include "dockls/workspace/config.h"
#include "dockls/workspace/workspace.h"

/* What the client announced in initialize.  A missing or mistyped entry
 * means "not supported", never an error: clients vary widely in what they
 * send. */
typedef struct {
  bool publish_version;        /* publishDiagnostics.versionSupport */
  bool document_changes;       /* workspaceEdit.documentChanges */
  bool create_files;           /* resourceOperations contains "create" */
  bool watched_files_dynamic;  /* didChangeWatchedFiles.dynamicRegistration */
  bool utf8;                   /* "utf-8" among general.positionEncodings */
  bool pull_diagnostics;       /* textDocument.diagnostic is present */
  bool diagnostic_refresh;     /* workspace.diagnostics.refreshSupport */
  bool hierarchical_symbols;   /* documentSymbol.hierarchicalDocumentSymbolSupport */
  bool line_folding_only;      /* foldingRange.lineFoldingOnly */
  bool code_action_literals;   /* codeAction.codeActionLiteralSupport is present */
  bool snippets;               /* completion.completionItem.snippetSupport */
  bool prepare_rename;         /* rename.prepareSupport */
  bool apply_edit;             /* workspace.applyEdit */
} ClientCaps;

/* Rule levels sent by the client (initializationOptions or
 * didChangeConfiguration settings).  The strings are owned. */
typedef struct {
  bool present; /* a "rules" object was found */
  ConfigRuleArray rules;
} LspSettings;

typedef struct {
  ClientCaps caps;
  char *root;            /* owned; NULL when the client named none */
  bool has_process_id;   /* processId was a number (not null, not absent) */
  int64_t process_id;
  LspSettings settings;  /* from initializationOptions */
} InitializeParams;

typedef struct {
  const char *uri, *language_id, *text;
  int64_t version;
} DidOpenParams;

typedef Array(TextChange) TextChangeArray;

typedef struct {
  const char *uri;
  int64_t version;
  TextChangeArray changes; /* owned array; the texts are borrowed */
} DidChangeParams;

/* didClose, didSave: only the document. */
typedef struct {
  const char *uri;
} DocumentParams;

typedef struct {
  StrArray paths; /* owned: the changed files' paths (non-file URIs skipped) */
} WatchedFilesParams;

typedef struct {
  LspSettings settings;
} ConfigurationParams;

typedef struct {
  const char *uri;
  TextPos start, end;
  bool has_only;                 /* context.only was an array */
  Array(const char *) only;      /* owned array; the strings are borrowed */
} CodeActionParams;

typedef struct {
  const char *uri;
  TextPos position;
} HoverParams;

typedef struct {
  const char *uri;
  const char *previous_result_id; /* NULL when absent */
} PullDiagnosticsParams;

/* A position in a document: definition, references, documentHighlight. */
typedef struct {
  const char *uri;
  TextPos position;
  bool include_declaration; /* references: context.includeDeclaration */
} PositionParams;

/* The server capabilities a method of the table advertises in the
 * initialize result (server.c's method table carries one per method). */
typedef enum {
  LSP_CAP_NONE = 0,
  LSP_CAP_SYNC = 1u << 0,        /* textDocumentSync */
  LSP_CAP_CODE_ACTION = 1u << 1, /* codeActionProvider */
  LSP_CAP_HOVER = 1u << 2,       /* hoverProvider */
  LSP_CAP_DIAGNOSTIC = 1u << 3,  /* diagnosticProvider (pull) */
  LSP_CAP_DOCUMENT_SYMBOL = 1u << 4, /* documentSymbolProvider */
  LSP_CAP_FOLDING = 1u << 5,         /* foldingRangeProvider */
  LSP_CAP_SEMANTIC_TOKENS = 1u << 6, /* semanticTokensProvider (full and full/delta) */
  LSP_CAP_SELECTION_RANGE = 1u << 7, /* selectionRangeProvider */
  LSP_CAP_FORMATTING = 1u << 8,      /* documentFormattingProvider */
  LSP_CAP_RANGE_FORMATTING = 1u << 9, /* documentRangeFormattingProvider */
  LSP_CAP_ON_TYPE_FORMATTING = 1u << 10, /* documentOnTypeFormattingProvider ("\n") */
  LSP_CAP_DEFINITION = 1u << 11,     /* definitionProvider */
  LSP_CAP_REFERENCES = 1u << 12,     /* referencesProvider */
  LSP_CAP_HIGHLIGHT = 1u << 13,      /* documentHighlightProvider */
  LSP_CAP_COMPLETION = 1u << 14,     /* completionProvider with trigger characters */
  LSP_CAP_RENAME = 1u << 15,         /* renameProvider (with prepareProvider when the client can) */
  LSP_CAP_DOCUMENT_LINK = 1u << 16,  /* documentLinkProvider (no resolve) */
  LSP_CAP_EXECUTE_COMMAND = 1u << 17 /* executeCommandProvider with LSP_COMMAND_APPLY */
} LspCapability;

/* The items of a completion answer; `list` is owned. */
typedef struct {
  FileId file;
  CompletionList list;
} CompletionResult;

/* One quick-fix offered by a codeAction answer. */
typedef struct {
  const Diag *diag;
  const Fix *fix;
} QuickFix;

typedef struct {
  Array(QuickFix) quick_fixes;
  FixArray refactors;  /* owned: the refactor.rewrite actions analysis offered */
  FixPtrArray refactor_ptrs; /* those listed (not already a quick-fix), for CodeActionItem.fixes */
  FixPtrArray fix_all; /* empty: no fix-all action */
  Fix fix_all_edit;    /* owned: the one edit fix_all points at */
  FixArray ignores;    /* owned: the "Ignore <rule>" actions the quick fixes point at */
} CodeActionResult;

/* One action of a CodeActionResult, in the order the answer lists them
 * (lsp_code_action_item): what the wire format writes as a CodeAction
 * literal or as a Command, and what workspace/executeCommand applies. */
typedef struct {
  const char *title;
  const char *kind;          /* "quickfix", "refactor.rewrite", "source.fixAll.dockls" */
  const Diag *diag;          /* the diagnostic a quick-fix repairs; NULL for the others */
  bool preferred;
  const Fix *const *fixes;   /* the edits, borrowed from the result */
  size_t count;
} CodeActionItem;

/* The command that a client without CodeAction literals is sent for each
 * action; its one argument names the action (see docs/lsp.md). */
#define LSP_COMMAND_APPLY "dockls.applyCodeAction"

/* workspace/executeCommand of LSP_COMMAND_APPLY: the code action request
 * the action came from (its document, range and `only`), the document
 * version it was computed for, and its place and title in that answer. */
typedef struct {
  CodeActionParams action;   /* `only` is an owned array */
  int64_t version;
  int64_t index;
  const char *title;
} ExecuteCommandParams;

/* The client's answer to a request of ours.  `id` is ours only when
 * `ours` (a number we could have sent); a workspace/applyEdit answer
 * carries `applied` and maybe `failure_reason`. */
typedef struct {
  bool ours;
  long id;
  bool is_error;
  int64_t code;
  const char *message;        /* the error's message, or NULL */
  bool applied;
  const char *failure_reason; /* NULL when absent */
} ClientReply;

typedef struct {
  bool found;  /* false: the answer is null */
  FileId file;
  Hover hover; /* hover.markdown is owned */
} HoverResult;

/* textDocument/rename: the position and the name to give the symbol. */
typedef struct {
  PositionParams at;
  const char *new_name;
} RenameParams;

/* The answer to rename: one Fix (not attached to a diagnostic) whose
 * edits, in one or several files, the wire format sends as a
 * WorkspaceEdit; owned. */
typedef struct {
  Fix edit;
} RenameResult;

/* The answer to prepareRename: the name at the position and the text to
 * offer (owned). */
typedef struct {
  FileId file;
  size_t start, end;
  char *placeholder;
} PrepareRenameResult;

/* Places of a symbol, sent as Location[] or DocumentHighlight[]. */
typedef struct {
  NavSpanArray spans; /* owned array */
} NavResult;

typedef struct {
  FileId file;
  const DiagList *diags; /* only those of `file` are sent */
  char result_id[32];
  bool unchanged;        /* the client's previousResultId is current */
} PullDiagnosticsResult;

typedef Array(uint32_t) U32Array;

/* Requests that name only a document: documentSymbol, foldingRange. */
typedef struct {
  const char *uri;
} DocumentRequestParams;

typedef struct {
  FileId file;
  OutlineArray outline;
} OutlineResult;

typedef struct {
  FileId file;
  FoldArray folds;
} FoldingResult;

typedef struct {
  FileId file;
  DocLinkArray links; /* owned */
} LinksResult;

typedef struct {
  const char *uri;
  const char *previous_result_id; /* full/delta only; NULL for full */
} SemanticTokensParams;

/* The answer to semanticTokens: the whole data, or (delta) one edit that
 * turns the previous data into the new one.  `data` is owned. */
typedef struct {
  char result_id[32];
  bool delta;
  U32Array data;         /* full: all of it; delta: the inserted part */
  size_t edit_start, edit_delete;
} SemanticTokensResult;

typedef struct {
  const char *uri;
  Array(TextPos) positions; /* owned array */
} SelectionRangeParams;

typedef struct {
  FileId file;
  Array(ByteRangeArray) chains; /* one per position, innermost first; owned */
} SelectionRangeResult;

/* formatting (no range), rangeFormatting (has_range) and onTypeFormatting
 * (on_type: `start` is the position, `ch` the character typed). */
typedef struct {
  const char *uri;
  bool has_range, on_type;
  TextPos start, end;
  const char *ch;
} FormattingParams;

typedef struct {
  FileId file;
  FormatEditArray edits;
} FormattingResult;

#endif
