# Text that dockls will not hold: a NUL character (cJSON would cut the
# string short, losing text silently), as a notification and as a request.
>>> {"jsonrpc":"2.0","id":1,"method":"initialize","params":{"initializationOptions":{"rules":{"compose-no-limits":"off","compose-writable-root":"off","user-root":"off"}},"processId":null,"rootUri":"file:///w","capabilities":{"textDocument":{"publishDiagnostics":{"versionSupport":true}}}}}
<<< {"jsonrpc":"2.0","id":1,"result":{"capabilities":{"positionEncoding":"utf-16"}}}
>>> {"jsonrpc":"2.0","method":"initialized","params":{}}
>>> {"jsonrpc":"2.0","method":"textDocument/didOpen","params":{"textDocument":{"uri":"file:///w/compose.yaml","languageId":"dockercompose","version":1,"text":"services:\u0000 {}\n"}}}
<<< {"jsonrpc":"2.0","method":"window/showMessage","params":{"type":1,"message":"<contains:NUL>"}}
>>> {"jsonrpc":"2.0","id":2,"method":"textDocument/hover","params":{"textDocument":{"uri":"file:///w/a\u0000b"},"position":{"line":0,"character":0}}}
<<< {"jsonrpc":"2.0","id":2,"error":{"code":-32602,"message":"<contains:NUL>"}}
>>> {"jsonrpc":"2.0","method":"textDocument/didOpen","params":{"textDocument":{"uri":"file:///w/compose.yaml","languageId":"dockercompose","version":1,"text":"x-a: \\u0000\n"}}}
<<< {"method":"textDocument/publishDiagnostics","params":{"version":1,"diagnostics":[]}}
>>> {"jsonrpc":"2.0","method":"textDocument/didOpen","params":{"textDocument":{"uri":"file:///w/x.yaml","languageId":"dockercompose","version":1}}}
<<< {"jsonrpc":"2.0","method":"window/showMessage","params":{"type":1,"message":"<contains:\"text\" must be a string>"}}
>>> {"jsonrpc":"2.0","id":99,"method":"shutdown"}
<<< {"jsonrpc":"2.0","id":99,"result":null}
>>> {"jsonrpc":"2.0","method":"exit"}
=== exit 0
