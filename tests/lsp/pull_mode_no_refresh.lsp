# A pulling client without workspace.diagnostics.refreshSupport: nothing
# is pushed, and when a dependency edge fires no refresh request is sent
# (the client would answer it with an error); it re-pulls on its own,
# and gets the new result.
>>> {"jsonrpc":"2.0","id":1,"method":"initialize","params":{"initializationOptions":{"rules":{"compose-no-limits":"off","compose-writable-root":"off","compose-path-missing":"off"}},"processId":null,"rootUri":"file:///w","capabilities":{"textDocument":{"diagnostic":{}}}}}
<<< {"jsonrpc":"2.0","id":1,"result":{"capabilities":{}}}
>>> {"jsonrpc":"2.0","method":"initialized","params":{}}
>>> {"jsonrpc":"2.0","method":"textDocument/didOpen","params":{"textDocument":{"uri":"file:///w/compose.yaml","languageId":"dockercompose","version":1,"text":"services:\n  web:\n    build: ./web\n    healthcheck:\n      test: [\"CMD\", \"true\"]\n"}}}
>>> {"jsonrpc":"2.0","id":2,"method":"textDocument/diagnostic","params":{"textDocument":{"uri":"file:///w/compose.yaml"}}}
<<< {"jsonrpc":"2.0","id":2,"result":{"kind":"full","items":[]}}
>>> {"jsonrpc":"2.0","method":"textDocument/didOpen","params":{"textDocument":{"uri":"file:///w/web/Dockerfile","languageId":"dockerfile","version":1,"text":"FROM nginx:1.27\nHEALTHCHECK CMD true\n"}}}
>>> {"jsonrpc":"2.0","id":3,"method":"textDocument/diagnostic","params":{"textDocument":{"uri":"file:///w/compose.yaml"}}}
<<< {"jsonrpc":"2.0","id":3,"result":{"kind":"full","items":[{"code":"healthcheck-defined-twice"}]}}
>>> {"jsonrpc":"2.0","id":99,"method":"shutdown"}
<<< {"jsonrpc":"2.0","id":99,"result":null}
>>> {"jsonrpc":"2.0","method":"exit"}
=== exit 0
