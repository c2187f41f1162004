# One session through most of the server, for the valgrind memcheck run
# (tests/lsp/valgrind.sh replays its >>> lines against the real binary):
# open, change and close, diagnostics, hover, a quick fix, fix-all,
# completion, rename, formatting, a bad request, shutdown and exit.
>>> {"jsonrpc":"2.0","id":1,"method":"initialize","params":{"initializationOptions":{"rules":{"compose-no-limits":"off","compose-writable-root":"off","healthcheck-missing":"off","os-package-unpinned":"off"}},"processId":null,"rootUri":"file:///w","capabilities":{"workspace":{"workspaceEdit":{"documentChanges":true}},"textDocument":{"publishDiagnostics":{"versionSupport":true},"rename":{"prepareSupport":true},"completion":{"completionItem":{"snippetSupport":true}},"codeAction":{"codeActionLiteralSupport":{"codeActionKind":{"valueSet":["quickfix","refactor","source"]}}}}}}}
<<< {"jsonrpc":"2.0","id":1,"result":{"capabilities":{"positionEncoding":"utf-16"}}}
>>> {"jsonrpc":"2.0","method":"initialized","params":{}}
>>> {"jsonrpc":"2.0","method":"textDocument/didOpen","params":{"textDocument":{"uri":"file:///w/Dockerfile","languageId":"dockerfile","version":1,"text":"from alpine:3.20\nRUN apk add curl\nCMD a b\n"}}}
<<< {"method":"textDocument/publishDiagnostics","params":{"uri":"file:///w/Dockerfile","version":1,"diagnostics":"<any>"}}
>>> {"jsonrpc":"2.0","method":"textDocument/didOpen","params":{"textDocument":{"uri":"file:///w/compose.yaml","languageId":"dockercompose","version":1,"text":"version: '3'\nservices:\n  web:\n    build: .\n    depends_on: [db]\n  db:\n    image: postgres:16\n"}}}
<<< {"method":"textDocument/publishDiagnostics","params":{"uri":"file:///w/compose.yaml","version":1,"diagnostics":"<any>"}}
<<< {"method":"textDocument/publishDiagnostics","params":{"uri":"file:///w/Dockerfile","version":1,"diagnostics":"<any>"}}
>>> {"jsonrpc":"2.0","method":"textDocument/didChange","params":{"textDocument":{"uri":"file:///w/Dockerfile","version":2},"contentChanges":[{"range":{"start":{"line":2,"character":0},"end":{"line":2,"character":0}},"text":"RUN apk add wget\n"}]}}
<<< {"method":"textDocument/publishDiagnostics","params":{"uri":"file:///w/Dockerfile","version":2,"diagnostics":"<any>"}}
<<< {"method":"textDocument/publishDiagnostics","params":{"uri":"file:///w/compose.yaml","version":1,"diagnostics":"<any>"}}
>>> {"jsonrpc":"2.0","id":2,"method":"textDocument/hover","params":{"textDocument":{"uri":"file:///w/Dockerfile"},"position":{"line":1,"character":5}}}
<<< {"jsonrpc":"2.0","id":2,"result":{"contents":{"kind":"markdown"}}}
>>> {"jsonrpc":"2.0","id":3,"method":"textDocument/codeAction","params":{"textDocument":{"uri":"file:///w/Dockerfile"},"range":{"start":{"line":1,"character":0},"end":{"line":1,"character":16}},"context":{"diagnostics":[]}}}
<<< {"jsonrpc":"2.0","id":3,"result":[{"title":"Add --no-cache","kind":"quickfix","isPreferred":true},"<any>","<any>","<any>"]}
>>> {"jsonrpc":"2.0","id":4,"method":"textDocument/codeAction","params":{"textDocument":{"uri":"file:///w/Dockerfile"},"range":{"start":{"line":0,"character":0},"end":{"line":0,"character":0}},"context":{"diagnostics":[],"only":["source.fixAll"]}}}
<<< {"jsonrpc":"2.0","id":4,"result":[{"kind":"source.fixAll.dockls"}]}
>>> {"jsonrpc":"2.0","id":5,"method":"textDocument/completion","params":{"textDocument":{"uri":"file:///w/Dockerfile"},"position":{"line":3,"character":0}}}
<<< {"jsonrpc":"2.0","id":5,"result":{"isIncomplete":false,"items":"<any>"}}
>>> {"jsonrpc":"2.0","id":6,"method":"textDocument/prepareRename","params":{"textDocument":{"uri":"file:///w/compose.yaml"},"position":{"line":5,"character":3}}}
<<< {"jsonrpc":"2.0","id":6,"result":{"placeholder":"db"}}
>>> {"jsonrpc":"2.0","id":7,"method":"textDocument/rename","params":{"textDocument":{"uri":"file:///w/compose.yaml"},"position":{"line":5,"character":3},"newName":"database"}}
<<< {"jsonrpc":"2.0","id":7,"result":{"documentChanges":"<any>"}}
>>> {"jsonrpc":"2.0","id":8,"method":"textDocument/formatting","params":{"textDocument":{"uri":"file:///w/Dockerfile"},"options":{"tabSize":2,"insertSpaces":true}}}
<<< {"jsonrpc":"2.0","id":8,"result":[{"range":{"start":{"line":0,"character":0},"end":{"line":0,"character":4}},"newText":"FROM"}]}
>>> {"jsonrpc":"2.0","id":9,"method":"textDocument/hover","params":{"textDocument":{"uri":"file:///w/nowhere"},"position":{"line":0,"character":0}}}
<<< {"jsonrpc":"2.0","id":9,"error":{"code":-32602}}
>>> {"jsonrpc":"2.0","method":"textDocument/didClose","params":{"textDocument":{"uri":"file:///w/compose.yaml"}}}
<<< {"method":"textDocument/publishDiagnostics","params":{"uri":"file:///w/compose.yaml","diagnostics":[]}}
<<< {"method":"textDocument/publishDiagnostics","params":{"uri":"file:///w/Dockerfile","version":2,"diagnostics":"<any>"}}
>>> {"jsonrpc":"2.0","id":99,"method":"shutdown"}
<<< {"jsonrpc":"2.0","id":99,"result":null}
>>> {"jsonrpc":"2.0","method":"exit"}
=== exit 0
