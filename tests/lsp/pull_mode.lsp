# A client that declares textDocument.diagnostic (pull) support gets no
# pushed diagnostics at all (VS Code would list a pushed and a pulled copy
# of each problem): didOpen and didChange publish nothing, and the pulled
# result follows the edits.  When an edit of one document changes another
# one's diagnostics (a dependency edge fires: here the compose file builds
# web/Dockerfile and defines a healthcheck, so opening the Dockerfile,
# whose buffer replaces the disk copy the compose file read, and editing
# it both fire), the server asks the client to
# pull again with workspace/diagnostic/refresh, since it declared
# workspace.diagnostics.refreshSupport; so does a change on disk reported by
# didChangeWatchedFiles.  The push-only side is every other transcript
# (compose_crossfile.lsp shows the same edits pushed).
>>> {"jsonrpc":"2.0","id":1,"method":"initialize","params":{"initializationOptions":{"rules":{"compose-no-limits":"off","compose-writable-root":"off","compose-path-missing":"off"}},"processId":null,"rootUri":"file:///w","capabilities":{"textDocument":{"publishDiagnostics":{"versionSupport":true},"diagnostic":{"dynamicRegistration":false}},"workspace":{"diagnostics":{"refreshSupport":true}}}}}
<<< {"jsonrpc":"2.0","id":1,"result":{"capabilities":{"diagnosticProvider":{"identifier":"dockls"}}}}
>>> {"jsonrpc":"2.0","method":"initialized","params":{}}
>>> {"jsonrpc":"2.0","method":"textDocument/didOpen","params":{"textDocument":{"uri":"file:///w/compose.yaml","languageId":"dockercompose","version":1,"text":"services:\n  web:\n    build: ./web\n    healthcheck:\n      test: [\"CMD\", \"true\"]\n"}}}
>>> {"jsonrpc":"2.0","id":2,"method":"textDocument/diagnostic","params":{"textDocument":{"uri":"file:///w/compose.yaml"}}}
<<< {"jsonrpc":"2.0","id":2,"result":{"kind":"full","items":[]}}
>>> {"jsonrpc":"2.0","method":"textDocument/didOpen","params":{"textDocument":{"uri":"file:///w/web/Dockerfile","languageId":"dockerfile","version":1,"text":"FROM nginx:1.27\n"}}}
<<< {"jsonrpc":"2.0","id":"<any>","method":"workspace/diagnostic/refresh"}
>>> {"jsonrpc":"2.0","id":1,"result":null}
>>> {"jsonrpc":"2.0","method":"textDocument/didChange","params":{"textDocument":{"uri":"file:///w/web/Dockerfile","version":2},"contentChanges":[{"range":{"start":{"line":1,"character":0},"end":{"line":1,"character":0}},"text":"HEALTHCHECK CMD true\n"}]}}
<<< {"jsonrpc":"2.0","id":"<any>","method":"workspace/diagnostic/refresh"}
>>> {"jsonrpc":"2.0","id":2,"result":null}
>>> {"jsonrpc":"2.0","id":3,"method":"textDocument/diagnostic","params":{"textDocument":{"uri":"file:///w/compose.yaml"}}}
<<< {"jsonrpc":"2.0","id":3,"result":{"kind":"full","items":[{"code":"healthcheck-defined-twice","severity":2}]}}
>>> {"jsonrpc":"2.0","method":"workspace/didChangeWatchedFiles","params":{"changes":[{"uri":"file:///w/web/package.json","type":1}]}}
<<< {"jsonrpc":"2.0","id":"<any>","method":"workspace/diagnostic/refresh"}
>>> {"jsonrpc":"2.0","method":"textDocument/didClose","params":{"textDocument":{"uri":"file:///w/compose.yaml"}}}
>>> {"jsonrpc":"2.0","id":99,"method":"shutdown"}
<<< {"jsonrpc":"2.0","id":99,"result":null}
>>> {"jsonrpc":"2.0","method":"exit"}
=== exit 0
