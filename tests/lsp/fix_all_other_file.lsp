# source.fixAll rewrites one document, so a fix that must also edit
# another file (compose-secret-literal declares the key in the open
# .env.example) is left to the quick-fix, which carries both edits.
>>> {"jsonrpc":"2.0","id":1,"method":"initialize","params":{"rootUri":"file:///w","initializationOptions":{"rules":{"compose-no-limits":"off","compose-writable-root":"off"}},"capabilities":{"textDocument":{"codeAction":{"codeActionLiteralSupport":{"codeActionKind":{"valueSet":["quickfix","refactor","source"]}}}}}}}
<<< {"jsonrpc":"2.0","id":1,"result":{"capabilities":{}}}
>>> {"jsonrpc":"2.0","method":"textDocument/didOpen","params":{"textDocument":{"uri":"file:///w/.env.example","languageId":"plaintext","version":1,"text":"OTHER=\n"}}}
>>> {"jsonrpc":"2.0","method":"textDocument/didOpen","params":{"textDocument":{"uri":"file:///w/compose.yaml","languageId":"dockercompose","version":1,"text":"services:\n  db:\n    image: postgres:16\n    environment:\n      POSTGRES_PASSWORD: hunter2\n"}}}
<<< {"method":"textDocument/publishDiagnostics","params":{"uri":"file:///w/compose.yaml","diagnostics":[{"code":"compose-secret-literal"}]}}
>>> {"jsonrpc":"2.0","id":2,"method":"textDocument/codeAction","params":{"textDocument":{"uri":"file:///w/compose.yaml"},"range":{"start":{"line":4,"character":0},"end":{"line":5,"character":0}},"context":{"diagnostics":[]}}}
<<< {"jsonrpc":"2.0","id":2,"result":[{"kind":"quickfix","isPreferred":true,"edit":{"changes":{"file:///w/compose.yaml":"<any>","file:///w/.env.example":"<any>"}}},{"title":"Ignore compose-secret-literal for this key","kind":"quickfix","isPreferred":false},{"title":"Ignore compose-secret-literal for this file","kind":"quickfix","isPreferred":false}]}
>>> {"jsonrpc":"2.0","id":3,"method":"textDocument/codeAction","params":{"textDocument":{"uri":"file:///w/compose.yaml"},"range":{"start":{"line":0,"character":0},"end":{"line":0,"character":0}},"context":{"diagnostics":[],"only":["source.fixAll"]}}}
<<< {"jsonrpc":"2.0","id":3,"result":[]}
>>> {"jsonrpc":"2.0","id":99,"method":"shutdown"}
<<< {"jsonrpc":"2.0","id":99,"result":null}
>>> {"jsonrpc":"2.0","method":"exit"}
=== exit 0
