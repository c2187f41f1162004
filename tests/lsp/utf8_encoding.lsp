# A client that offers utf-8 gets it, and positions then count bytes: the
# edit after "é" (2 bytes) at character 7 lands after it.  In UTF-16 the
# same place would be character 6.
>>> {"jsonrpc":"2.0","id":1,"method":"initialize","params":{"initializationOptions":{"rules":{"compose-no-limits":"off","compose-writable-root":"off","user-root":"off"}},"capabilities":{"general":{"positionEncodings":["utf-8","utf-16"]}}}}
<<< {"jsonrpc":"2.0","id":1,"result":{"capabilities":{"positionEncoding":"utf-8"}}}
>>> {"jsonrpc":"2.0","method":"textDocument/didOpen","params":{"textDocument":{"uri":"file:///w/compose.yaml","languageId":"dockercompose","version":1,"text":"x-café: 1\nversion: '3'\n"}}}
<<< {"method":"textDocument/publishDiagnostics","params":{"version":1,"diagnostics":[{"range":{"start":{"line":1,"character":0},"end":{"line":1,"character":7}}}]}}
>>> {"jsonrpc":"2.0","method":"textDocument/didChange","params":{"textDocument":{"uri":"file:///w/compose.yaml","version":2},"contentChanges":[{"range":{"start":{"line":0,"character":7},"end":{"line":0,"character":7}},"text":": 0\nx-z: '2'\nx-b"}]}}
<<< {"method":"textDocument/publishDiagnostics","params":{"version":2,"diagnostics":[{"range":{"start":{"line":3,"character":0}}}]}}
>>> {"jsonrpc":"2.0","id":2,"method":"textDocument/hover","params":{"textDocument":{"uri":"file:///w/compose.yaml"},"position":{"line":0,"character":6}}}
<<< {"jsonrpc":"2.0","id":2,"error":{"code":-32602,"message":"<contains:inside a UTF-8 sequence>"}}
>>> {"jsonrpc":"2.0","id":99,"method":"shutdown"}
<<< {"jsonrpc":"2.0","id":99,"result":null}
>>> {"jsonrpc":"2.0","method":"exit"}
=== exit 0
