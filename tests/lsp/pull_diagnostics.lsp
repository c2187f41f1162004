# Pull diagnostics (LSP 3.17) return the same findings as the push, and
# "unchanged" when the client already has the current result.
>>> {"jsonrpc":"2.0","id":1,"method":"initialize","params":{"initializationOptions":{"rules":{"compose-no-limits":"off","compose-writable-root":"off","user-root":"off"}},"processId":null,"rootUri":"file:///w","capabilities":{"textDocument":{"publishDiagnostics":{"versionSupport":true}}}}}
<<< {"jsonrpc":"2.0","id":1,"result":{"capabilities":{"positionEncoding":"utf-16"}}}
>>> {"jsonrpc":"2.0","method":"initialized","params":{}}
>>> {"jsonrpc":"2.0","method":"textDocument/didOpen","params":{"textDocument":{"uri":"file:///w/compose.yaml","languageId":"dockercompose","version":1,"text":"version: '3'\n"}}}
<<< {"method":"textDocument/publishDiagnostics","params":{"version":1,"diagnostics":[{"code":"compose-version-obsolete"}]}}
>>> {"jsonrpc":"2.0","id":2,"method":"textDocument/diagnostic","params":{"textDocument":{"uri":"file:///w/compose.yaml"}}}
<<< {"jsonrpc":"2.0","id":2,"result":{"kind":"full","resultId":"1","items":[{"code":"compose-version-obsolete","source":"dockls"}]}}
>>> {"jsonrpc":"2.0","id":3,"method":"textDocument/diagnostic","params":{"textDocument":{"uri":"file:///w/compose.yaml"},"previousResultId":"1"}}
<<< {"jsonrpc":"2.0","id":3,"result":{"kind":"unchanged","resultId":"1"}}
>>> {"jsonrpc":"2.0","id":4,"method":"textDocument/diagnostic","params":{"textDocument":{"uri":"file:///w/other.yaml"}}}
<<< {"jsonrpc":"2.0","id":4,"error":{"code":-32602,"message":"<contains:unknown document file:///w/other.yaml>"}}
>>> {"jsonrpc":"2.0","id":99,"method":"shutdown"}
<<< {"jsonrpc":"2.0","id":99,"result":null}
>>> {"jsonrpc":"2.0","method":"exit"}
=== exit 0
