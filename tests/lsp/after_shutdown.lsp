# After shutdown every request is refused with -32600 and notifications
# are ignored; exit still ends with 0.
>>> {"jsonrpc":"2.0","id":1,"method":"initialize","params":{"initializationOptions":{"rules":{"compose-no-limits":"off","compose-writable-root":"off","user-root":"off"}},"processId":null,"rootUri":"file:///w","capabilities":{"textDocument":{"publishDiagnostics":{"versionSupport":true}}}}}
<<< {"jsonrpc":"2.0","id":1,"result":{"capabilities":{"positionEncoding":"utf-16"}}}
>>> {"jsonrpc":"2.0","method":"initialized","params":{}}
>>> {"jsonrpc":"2.0","id":2,"method":"shutdown"}
<<< {"jsonrpc":"2.0","id":2,"result":null}
>>> {"jsonrpc":"2.0","id":3,"method":"textDocument/hover","params":{}}
<<< {"jsonrpc":"2.0","id":3,"error":{"code":-32600,"message":"<contains:shutting down>"}}
>>> {"jsonrpc":"2.0","method":"textDocument/didOpen","params":{"textDocument":{"uri":"file:///w/compose.yaml","languageId":"dockercompose","version":1,"text":"version: '3'\n"}}}
>>> {"jsonrpc":"2.0","method":"exit"}
=== exit 0
