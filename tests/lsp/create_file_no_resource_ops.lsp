# A client that takes documentChanges but lists no "create" resource
# operation cannot create .env.example either: the fix is not offered.
>>> {"jsonrpc":"2.0","id":1,"method":"initialize","params":{"rootUri":"file:///nonexistent-dockls-root","initializationOptions":{"rules":{"compose-no-limits":"off","compose-writable-root":"off"}},"capabilities":{"workspace":{"workspaceEdit":{"documentChanges":true,"resourceOperations":["rename"]}},"textDocument":{"codeAction":{"codeActionLiteralSupport":{"codeActionKind":{"valueSet":["quickfix","refactor","source"]}}}}}}}
<<< {"jsonrpc":"2.0","id":1,"result":{"capabilities":{}}}
>>> {"jsonrpc":"2.0","method":"textDocument/didOpen","params":{"textDocument":{"uri":"file:///nonexistent-dockls-root/compose.yaml","languageId":"dockercompose","version":1,"text":"services:\n  db:\n    image: postgres:16\n    environment:\n      POSTGRES_PASSWORD: hunter2\n"}}}
<<< {"method":"textDocument/publishDiagnostics","params":{"version":1,"diagnostics":[{"code":"compose-secret-literal"}]}}
>>> {"jsonrpc":"2.0","id":2,"method":"textDocument/codeAction","params":{"textDocument":{"uri":"file:///nonexistent-dockls-root/compose.yaml"},"range":{"start":{"line":4,"character":27},"end":{"line":4,"character":27}},"context":{"diagnostics":[]}}}
<<< {"jsonrpc":"2.0","id":2,"result":[{"title":"Ignore compose-secret-literal for this key","kind":"quickfix","isPreferred":false},{"title":"Ignore compose-secret-literal for this file","kind":"quickfix","isPreferred":false}]}
>>> {"jsonrpc":"2.0","id":99,"method":"shutdown"}
<<< {"jsonrpc":"2.0","id":99,"result":null}
>>> {"jsonrpc":"2.0","method":"exit"}
=== exit 0
