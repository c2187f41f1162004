# Two fixes that create the same key cannot go into one fix-all even when
# their bytes are far apart: compose-schema renames the misspelt `deplyo`
# to `deploy`, and compose-no-limits would insert a new `deploy:` block at
# the end of the service.  The rename mends what the user wrote, so it is
# the one taken; the limits it holds then count, and no block is added.
# The action carries the smallest edit between the text and the fixed
# one: "deplyo" and "deploy" share "depl", so "yo" becomes "oy".
>>> {"jsonrpc":"2.0","id":1,"method":"initialize","params":{"capabilities":{"textDocument":{"codeAction":{"codeActionLiteralSupport":{"codeActionKind":{"valueSet":["quickfix","refactor","source"]}}}}}}}
<<< {"jsonrpc":"2.0","id":1,"result":{"capabilities":{}}}
>>> {"jsonrpc":"2.0","method":"textDocument/didOpen","params":{"textDocument":{"uri":"file:///w/compose.yaml","languageId":"dockercompose","version":1,"text":"services:\n  web:\n    image: nginx:1.27\n    read_only: true\n    deplyo:\n      resources:\n        limits:\n          memory: 256M\n"}}}
<<< {"method":"textDocument/publishDiagnostics","params":{"diagnostics":[{"code":"compose-no-limits"},{"code":"compose-schema"}]}}
>>> {"jsonrpc":"2.0","id":2,"method":"textDocument/codeAction","params":{"textDocument":{"uri":"file:///w/compose.yaml"},"range":{"start":{"line":0,"character":0},"end":{"line":0,"character":0}},"context":{"diagnostics":[],"only":["source.fixAll"]}}}
<<< {"jsonrpc":"2.0","id":2,"result":[{"kind":"source.fixAll.dockls","edit":{"changes":{"file:///w/compose.yaml":[{"range":{"start":{"line":4,"character":8},"end":{"line":4,"character":10}},"newText":"oy"}]}}}]}
>>> {"jsonrpc":"2.0","id":99,"method":"shutdown"}
<<< {"jsonrpc":"2.0","id":99,"result":null}
>>> {"jsonrpc":"2.0","method":"exit"}
=== exit 0
