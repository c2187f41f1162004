# The full lifecycle: capabilities as interface.md lists them, then a clean
# shutdown and exit with code 0.
>>> {"jsonrpc":"2.0","id":1,"method":"initialize","params":{"initializationOptions":{"rules":{"compose-no-limits":"off","compose-writable-root":"off","user-root":"off"}},"processId":null,"rootUri":null,"capabilities":{}}}
<<< {"jsonrpc":"2.0","id":1,"result":{"capabilities":{"positionEncoding":"utf-16","textDocumentSync":{"openClose":true,"change":2,"save":{"includeText":false}},"codeActionProvider":{"codeActionKinds":["quickfix","refactor.rewrite","source.fixAll.dockls"]},"hoverProvider":true,"diagnosticProvider":{"identifier":"dockls","interFileDependencies":true,"workspaceDiagnostics":false}},"serverInfo":{"name":"dockls","version":"<any>"}}}
>>> {"jsonrpc":"2.0","method":"initialized","params":{}}
>>> {"jsonrpc":"2.0","id":99,"method":"shutdown"}
<<< {"jsonrpc":"2.0","id":99,"result":null}
>>> {"jsonrpc":"2.0","method":"exit"}
=== exit 0
