# Bodies that are not JSON get -32700 with a null id; JSON that is not a
# request gets -32600; the server keeps serving after each of them.
>>> {"jsonrpc":"2.0","id":1,"method":"initialize","params":{"initializationOptions":{"rules":{"compose-no-limits":"off","compose-writable-root":"off","user-root":"off"}},"processId":null,"rootUri":"file:///w","capabilities":{"textDocument":{"publishDiagnostics":{"versionSupport":true}}}}}
<<< {"jsonrpc":"2.0","id":1,"result":{"capabilities":{"positionEncoding":"utf-16"}}}
>>> {"jsonrpc":"2.0","method":"initialized","params":{}}
>>> {"jsonrpc":"2.0","id":2,"method":
<<< {"jsonrpc":"2.0","id":null,"error":{"code":-32700,"message":"<contains:not valid JSON>"}}
>>> 42
<<< {"jsonrpc":"2.0","id":null,"error":{"code":-32600}}
>>> [{"jsonrpc":"2.0","id":3,"method":"shutdown"}]
<<< {"jsonrpc":"2.0","id":null,"error":{"code":-32600,"message":"<contains:batch>"}}
>>> {"jsonrpc":"1.0","id":4,"method":"shutdown"}
<<< {"jsonrpc":"2.0","id":4,"error":{"code":-32600,"message":"<contains:jsonrpc>"}}
>>> {"jsonrpc":"2.0","id":{"x":1},"method":"shutdown"}
<<< {"jsonrpc":"2.0","id":null,"error":{"code":-32600}}
>>> {"jsonrpc":"2.0","id":5}
<<< {"jsonrpc":"2.0","id":5,"error":{"code":-32600,"message":"<contains:method>"}}
>>> {"jsonrpc":"2.0","id":6,"method":7}
<<< {"jsonrpc":"2.0","id":6,"error":{"code":-32600}}
>>> {"jsonrpc":"2.0","id":7,"method":"textDocument/hover","params":"nope"}
<<< {"jsonrpc":"2.0","id":7,"error":{"code":-32600}}
>>> {"jsonrpc":"2.0","id":8,"method":"shutdown"} trailing
<<< {"jsonrpc":"2.0","id":null,"error":{"code":-32700}}
>>> {"jsonrpc":"2.0","id":99,"method":"shutdown"}
<<< {"jsonrpc":"2.0","id":99,"result":null}
>>> {"jsonrpc":"2.0","method":"exit"}
=== exit 0
