# UTF-16 positions: an emoji counts two units; an edit inside its
# surrogate pair is refused; one after it lands after it.
>>> {"jsonrpc":"2.0","id":1,"method":"initialize","params":{"initializationOptions":{"rules":{"compose-no-limits":"off","compose-writable-root":"off","user-root":"off"}},"processId":null,"rootUri":"file:///w","capabilities":{"textDocument":{"publishDiagnostics":{"versionSupport":true}}}}}
<<< {"jsonrpc":"2.0","id":1,"result":{"capabilities":{"positionEncoding":"utf-16"}}}
>>> {"jsonrpc":"2.0","method":"initialized","params":{}}
>>> {"jsonrpc":"2.0","method":"textDocument/didOpen","params":{"textDocument":{"uri":"file:///w/compose.yaml","languageId":"dockercompose","version":1,"text":"x-a: \"😀\"\nversion: '3'\n"}}}
<<< {"method":"textDocument/publishDiagnostics","params":{"version":1,"diagnostics":[{"range":{"start":{"line":1,"character":0}}}]}}
>>> {"jsonrpc":"2.0","method":"textDocument/didChange","params":{"textDocument":{"uri":"file:///w/compose.yaml","version":2},"contentChanges":[{"range":{"start":{"line":0,"character":7},"end":{"line":0,"character":7}},"text":"!"}]}}
<<< {"jsonrpc":"2.0","method":"window/showMessage","params":{"message":"<contains:surrogate pair>"}}
>>> {"jsonrpc":"2.0","method":"textDocument/didChange","params":{"textDocument":{"uri":"file:///w/compose.yaml","version":2},"contentChanges":[{"range":{"start":{"line":0,"character":8},"end":{"line":0,"character":8}},"text":"\"\nx-c: 1\nx-b: \""}]}}
<<< {"method":"textDocument/publishDiagnostics","params":{"version":2,"diagnostics":[{"range":{"start":{"line":3,"character":0},"end":{"line":3,"character":7}}}]}}
>>> {"jsonrpc":"2.0","id":99,"method":"shutdown"}
<<< {"jsonrpc":"2.0","id":99,"result":null}
>>> {"jsonrpc":"2.0","method":"exit"}
=== exit 0
