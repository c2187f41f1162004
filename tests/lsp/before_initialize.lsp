# Requests before initialize get -32002; notifications are dropped without
# a reply; initialize then works normally.
>>> {"jsonrpc":"2.0","id":"a","method":"textDocument/hover","params":{"textDocument":{"uri":"file:///w/compose.yaml"},"position":{"line":0,"character":0}}}
<<< {"jsonrpc":"2.0","id":"a","error":{"code":-32002,"message":"<contains:not initialized>"}}
>>> {"jsonrpc":"2.0","method":"textDocument/didOpen","params":{"textDocument":{"uri":"file:///w/compose.yaml","languageId":"dockercompose","version":1,"text":"version: '3'\n"}}}
>>> {"jsonrpc":"2.0","id":"b","method":"shutdown"}
<<< {"jsonrpc":"2.0","id":"b","error":{"code":-32002}}
>>> {"jsonrpc":"2.0","id":1,"method":"initialize","params":{"initializationOptions":{"rules":{"compose-no-limits":"off","compose-writable-root":"off","user-root":"off"}},"processId":null,"rootUri":"file:///w","capabilities":{"textDocument":{"publishDiagnostics":{"versionSupport":true}}}}}
<<< {"jsonrpc":"2.0","id":1,"result":{"capabilities":{"positionEncoding":"utf-16"}}}
>>> {"jsonrpc":"2.0","method":"initialized","params":{}}
>>> {"jsonrpc":"2.0","id":99,"method":"shutdown"}
<<< {"jsonrpc":"2.0","id":99,"result":null}
>>> {"jsonrpc":"2.0","method":"exit"}
=== exit 0
