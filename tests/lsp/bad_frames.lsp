# Framing errors: a header block without Content-Length, a length that is
# not a number, and a body that is not UTF-8.  Each gets -32700 and the
# next well-formed message is served.
>>> {"jsonrpc":"2.0","id":1,"method":"initialize","params":{"initializationOptions":{"rules":{"compose-no-limits":"off","compose-writable-root":"off","user-root":"off"}},"processId":null,"rootUri":"file:///w","capabilities":{"textDocument":{"publishDiagnostics":{"versionSupport":true}}}}}
<<< {"jsonrpc":"2.0","id":1,"result":{"capabilities":{"positionEncoding":"utf-16"}}}
>>> {"jsonrpc":"2.0","method":"initialized","params":{}}
>>>raw Content-Type: application/vscode-jsonrpc; charset=utf-8\r\n\r\n
<<< {"jsonrpc":"2.0","id":null,"error":{"code":-32700,"message":"<contains:missing Content-Length>"}}
>>>raw Content-Length: 12x\r\n\r\n
<<< {"jsonrpc":"2.0","id":null,"error":{"code":-32700,"message":"<contains:invalid Content-Length>"}}
>>>raw Content-Length: 40\r\n\r\n{"jsonrpc":"2.0","id":2,"method":"x\xff\xfe\xfd"}
<<< {"jsonrpc":"2.0","id":null,"error":{"code":-32700,"message":"<contains:not valid UTF-8 (byte 35)>"}}
>>>raw content-length: 46\r\ncontent-type: application/vscode-jsonrpc; charset=utf-8\r\n\r\n{"jsonrpc":"2.0","id":3,"method":"shutdown"}\n\n
<<< {"jsonrpc":"2.0","id":3,"result":null}
>>> {"jsonrpc":"2.0","method":"exit"}
=== exit 0
