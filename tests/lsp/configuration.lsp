# Rule settings from the editor: initializationOptions may switch rules off
# with `false`; workspace/didChangeConfiguration (settings under a `dockls`
# section, as editors send a settings section) replaces them and every
# open document is published again.  `only` kinds are hierarchical:
# asking for `source.fix` does not match `source.fixAll.dockls`.
>>> {"jsonrpc":"2.0","id":1,"method":"initialize","params":{"initializationOptions":{"rules":{"compose-no-limits":false,"compose-writable-root":false}},"rootUri":"file:///w","capabilities":{"textDocument":{"codeAction":{"codeActionLiteralSupport":{"codeActionKind":{"valueSet":["quickfix","refactor","source"]}}}}}}}
<<< {"jsonrpc":"2.0","id":1,"result":{"capabilities":{}}}
>>> {"jsonrpc":"2.0","method":"textDocument/didOpen","params":{"textDocument":{"uri":"file:///w/compose.yaml","languageId":"dockercompose","version":1,"text":"version: \"3.8\"\nservices:\n  web:\n    image: nginx:1.27\n"}}}
<<< {"method":"textDocument/publishDiagnostics","params":{"version":1,"diagnostics":[{"code":"compose-version-obsolete","severity":3}]}}
>>> {"jsonrpc":"2.0","method":"workspace/didChangeConfiguration","params":{"settings":{"dockls":{"rules":{"compose-version-obsolete":"error","compose-no-limits":"off","compose-writable-root":"off"}}}}}
<<< {"method":"textDocument/publishDiagnostics","params":{"version":1,"diagnostics":[{"code":"compose-version-obsolete","severity":1}]}}
>>> {"jsonrpc":"2.0","id":2,"method":"textDocument/codeAction","params":{"textDocument":{"uri":"file:///w/compose.yaml"},"range":{"start":{"line":0,"character":0},"end":{"line":0,"character":0}},"context":{"diagnostics":[],"only":["source.fix"]}}}
<<< {"jsonrpc":"2.0","id":2,"result":[]}
>>> {"jsonrpc":"2.0","id":3,"method":"textDocument/codeAction","params":{"textDocument":{"uri":"file:///w/compose.yaml"},"range":{"start":{"line":0,"character":0},"end":{"line":0,"character":0}},"context":{"diagnostics":[],"only":["source"]}}}
<<< {"jsonrpc":"2.0","id":3,"result":[{"kind":"source.fixAll.dockls"}]}
>>> {"jsonrpc":"2.0","id":99,"method":"shutdown"}
<<< {"jsonrpc":"2.0","id":99,"result":null}
>>> {"jsonrpc":"2.0","method":"exit"}
=== exit 0
