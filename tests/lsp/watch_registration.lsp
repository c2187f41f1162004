# A client that supports dynamic registration of file watchers gets a
# client/registerCapability request after initialized; its answer needs
# no reply from the server.
>>> {"jsonrpc":"2.0","id":1,"method":"initialize","params":{"initializationOptions":{"rules":{"compose-no-limits":"off","compose-writable-root":"off","user-root":"off"}},"capabilities":{"workspace":{"didChangeWatchedFiles":{"dynamicRegistration":true}}}}}
<<< {"jsonrpc":"2.0","id":1,"result":{"capabilities":{}}}
>>> {"jsonrpc":"2.0","method":"initialized","params":{}}
<<< {"jsonrpc":"2.0","id":1,"method":"client/registerCapability","params":{"registrations":[{"method":"workspace/didChangeWatchedFiles","registerOptions":{"watchers":"<any>"}}]}}
>>> {"jsonrpc":"2.0","id":1,"result":null}
>>> {"jsonrpc":"2.0","id":99,"method":"shutdown"}
<<< {"jsonrpc":"2.0","id":99,"result":null}
>>> {"jsonrpc":"2.0","method":"exit"}
=== exit 0
