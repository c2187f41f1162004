# A fix that creates a file: compose-secret-literal moves the literal to
# ${KEY} and declares KEY in .env.example, which does not exist yet.  A
# client with CreateFile support gets a create operation and the text; a
# client without it is not offered the fix at all.
>>> {"jsonrpc":"2.0","id":1,"method":"initialize","params":{"rootUri":"file:///nonexistent-dockls-root","initializationOptions":{"rules":{"compose-no-limits":"off","compose-writable-root":"off"}},"capabilities":{"workspace":{"workspaceEdit":{"documentChanges":true,"resourceOperations":["create"]}},"textDocument":{"codeAction":{"codeActionLiteralSupport":{"codeActionKind":{"valueSet":["quickfix","refactor","source"]}}}}}}}
<<< {"jsonrpc":"2.0","id":1,"result":{"capabilities":{}}}
>>> {"jsonrpc":"2.0","method":"textDocument/didOpen","params":{"textDocument":{"uri":"file:///nonexistent-dockls-root/compose.yaml","languageId":"dockercompose","version":1,"text":"services:\n  db:\n    image: postgres:16\n    environment:\n      POSTGRES_PASSWORD: hunter2\n"}}}
<<< {"method":"textDocument/publishDiagnostics","params":{"version":1,"diagnostics":[{"code":"compose-secret-literal"}]}}
>>> {"jsonrpc":"2.0","id":2,"method":"textDocument/codeAction","params":{"textDocument":{"uri":"file:///nonexistent-dockls-root/compose.yaml"},"range":{"start":{"line":4,"character":27},"end":{"line":4,"character":27}},"context":{"diagnostics":[]}}}
<<< {"jsonrpc":"2.0","id":2,"result":[{"kind":"quickfix","isPreferred":true,"edit":{"documentChanges":[{"kind":"create","uri":"file:///nonexistent-dockls-root/.env.example","options":{"ignoreIfExists":true}},{"textDocument":{"uri":"file:///nonexistent-dockls-root/.env.example","version":null},"edits":[{"range":{"start":{"line":0,"character":0},"end":{"line":0,"character":0}},"newText":"POSTGRES_PASSWORD=\n"}]},{"textDocument":{"uri":"file:///nonexistent-dockls-root/compose.yaml","version":1},"edits":[{"newText":"\"${POSTGRES_PASSWORD}\""}]}]}},{"title":"Ignore compose-secret-literal for this key","kind":"quickfix","isPreferred":false},{"title":"Ignore compose-secret-literal for this file","kind":"quickfix","isPreferred":false}]}
>>> {"jsonrpc":"2.0","id":99,"method":"shutdown"}
<<< {"jsonrpc":"2.0","id":99,"result":null}
>>> {"jsonrpc":"2.0","method":"exit"}
=== exit 0
