# Unknown requests get -32601; unknown notifications, $/cancelRequest and
# $/setTrace get no reply at all.
>>> {"jsonrpc":"2.0","id":1,"method":"initialize","params":{"initializationOptions":{"rules":{"compose-no-limits":"off","compose-writable-root":"off","user-root":"off"}},"processId":null,"rootUri":"file:///w","capabilities":{"textDocument":{"publishDiagnostics":{"versionSupport":true}}}}}
<<< {"jsonrpc":"2.0","id":1,"result":{"capabilities":{"positionEncoding":"utf-16"}}}
>>> {"jsonrpc":"2.0","method":"initialized","params":{}}
>>> {"jsonrpc":"2.0","id":2,"method":"textDocument/inlineValue","params":{}}
<<< {"jsonrpc":"2.0","id":2,"error":{"code":-32601,"message":"<contains:textDocument/inlineValue>"}}
>>> {"jsonrpc":"2.0","id":3,"method":"$/unknownRequest","params":{}}
<<< {"jsonrpc":"2.0","id":3,"error":{"code":-32601}}
>>> {"jsonrpc":"2.0","method":"$/cancelRequest","params":{"id":2}}
>>> {"jsonrpc":"2.0","method":"$/setTrace","params":{"value":"verbose"}}
>>> {"jsonrpc":"2.0","method":"workspace/didChangeWorkspaceFolders","params":{}}
>>> {"jsonrpc":"2.0","method":"custom/notification","params":{}}
>>> {"jsonrpc":"2.0","id":99,"method":"shutdown"}
<<< {"jsonrpc":"2.0","id":99,"result":null}
>>> {"jsonrpc":"2.0","method":"exit"}
=== exit 0
