# Hover on a diagnostic's range shows the rule's documentation, starting
# with the rule's title: editors show the diagnostic's message above the
# hover, so the hover must not open with it again; inside an empty
# mapping there is nothing to show; a position outside the document is -32602.
>>> {"jsonrpc":"2.0","id":1,"method":"initialize","params":{"initializationOptions":{"rules":{"compose-no-limits":"off","compose-writable-root":"off","user-root":"off"}},"processId":null,"rootUri":"file:///w","capabilities":{"textDocument":{"publishDiagnostics":{"versionSupport":true}}}}}
<<< {"jsonrpc":"2.0","id":1,"result":{"capabilities":{"positionEncoding":"utf-16"}}}
>>> {"jsonrpc":"2.0","method":"initialized","params":{}}
>>> {"jsonrpc":"2.0","method":"textDocument/didOpen","params":{"textDocument":{"uri":"file:///w/compose.yaml","languageId":"dockercompose","version":1,"text":"version: '3'\nservices: {}\n"}}}
<<< {"method":"textDocument/publishDiagnostics","params":{"version":1}}
>>> {"jsonrpc":"2.0","id":2,"method":"textDocument/hover","params":{"textDocument":{"uri":"file:///w/compose.yaml"},"position":{"line":0,"character":3}}}
<<< {"jsonrpc":"2.0","id":2,"result":{"contents":{"kind":"markdown","value":"<starts:# compose-version-obsolete\n>"},"range":{"start":{"line":0,"character":0},"end":{"line":0,"character":7}}}}
>>> {"jsonrpc":"2.0","id":3,"method":"textDocument/hover","params":{"textDocument":{"uri":"file:///w/compose.yaml"},"position":{"line":1,"character":11}}}
<<< {"jsonrpc":"2.0","id":3,"result":null}
>>> {"jsonrpc":"2.0","id":4,"method":"textDocument/hover","params":{"textDocument":{"uri":"file:///w/compose.yaml"},"position":{"line":9,"character":0}}}
<<< {"jsonrpc":"2.0","id":4,"error":{"code":-32602,"message":"<contains:line 9 is past the end of the document>"}}
>>> {"jsonrpc":"2.0","id":5,"method":"textDocument/hover","params":{"textDocument":{"uri":"file:///w/compose.yaml"},"position":{"line":0,"character":-1}}}
<<< {"jsonrpc":"2.0","id":5,"error":{"code":-32602}}
>>> {"jsonrpc":"2.0","id":6,"method":"textDocument/hover","params":{"textDocument":{"uri":"file:///w/compose.yaml"}}}
<<< {"jsonrpc":"2.0","id":6,"error":{"code":-32602,"message":"<contains:position>"}}
>>> {"jsonrpc":"2.0","id":99,"method":"shutdown"}
<<< {"jsonrpc":"2.0","id":99,"result":null}
>>> {"jsonrpc":"2.0","method":"exit"}
=== exit 0
