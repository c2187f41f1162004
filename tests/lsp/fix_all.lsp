# source.fixAll.dockls, asked for by kind, returns one action with every
# preferred fix; with documentChanges support the edit names the version.
>>> {"jsonrpc":"2.0","id":1,"method":"initialize","params":{"initializationOptions":{"rules":{"compose-no-limits":"off","compose-writable-root":"off","user-root":"off"}},"capabilities":{"workspace":{"workspaceEdit":{"documentChanges":true}},"textDocument":{"codeAction":{"codeActionLiteralSupport":{"codeActionKind":{"valueSet":["quickfix","refactor","source"]}}}}}}}
<<< {"jsonrpc":"2.0","id":1,"result":{"capabilities":{}}}
>>> {"jsonrpc":"2.0","method":"textDocument/didOpen","params":{"textDocument":{"uri":"file:///w/docker-compose.yml","languageId":"yaml","version":7,"text":"services:\n  web:\n    image: nginx:1.27\nversion: '2'\n"}}}
<<< {"method":"textDocument/publishDiagnostics","params":{"version":7,"diagnostics":[{"code":"compose-version-obsolete","range":{"start":{"line":3,"character":0}}}]}}
>>> {"jsonrpc":"2.0","id":2,"method":"textDocument/codeAction","params":{"textDocument":{"uri":"file:///w/docker-compose.yml"},"range":{"start":{"line":0,"character":0},"end":{"line":0,"character":0}},"context":{"diagnostics":[],"only":["source.fixAll"]}}}
<<< {"jsonrpc":"2.0","id":2,"result":[{"kind":"source.fixAll.dockls","edit":{"documentChanges":[{"textDocument":{"uri":"file:///w/docker-compose.yml","version":7},"edits":[{"range":{"start":{"line":3,"character":0},"end":{"line":4,"character":0}},"newText":""}]}]}}]}
>>> {"jsonrpc":"2.0","id":99,"method":"shutdown"}
<<< {"jsonrpc":"2.0","id":99,"result":null}
>>> {"jsonrpc":"2.0","method":"exit"}
=== exit 0
