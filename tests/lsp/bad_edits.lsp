# A didChange whose range lies outside the document is rejected: the
# notification gets no response but a window/showMessage naming -32602,
# and the document keeps its text and version (the next valid edit applies
# to the old text).  Sent as a request, the same edit is answered -32602.
# A change list whose second change is bad leaves the first unapplied.
>>> {"jsonrpc":"2.0","id":1,"method":"initialize","params":{"initializationOptions":{"rules":{"compose-no-limits":"off","compose-writable-root":"off","user-root":"off"}},"processId":null,"rootUri":"file:///w","capabilities":{"textDocument":{"publishDiagnostics":{"versionSupport":true}}}}}
<<< {"jsonrpc":"2.0","id":1,"result":{"capabilities":{"positionEncoding":"utf-16"}}}
>>> {"jsonrpc":"2.0","method":"initialized","params":{}}
>>> {"jsonrpc":"2.0","method":"textDocument/didOpen","params":{"textDocument":{"uri":"file:///w/compose.yaml","languageId":"dockercompose","version":1,"text":"services:\n  web: {}\n"}}}
<<< {"method":"textDocument/publishDiagnostics","params":{"version":1,"diagnostics":[]}}
>>> {"jsonrpc":"2.0","method":"textDocument/didChange","params":{"textDocument":{"uri":"file:///w/compose.yaml","version":2},"contentChanges":[{"range":{"start":{"line":5,"character":0},"end":{"line":5,"character":0}},"text":"x"}]}}
<<< {"jsonrpc":"2.0","method":"window/showMessage","params":{"type":1,"message":"<contains:-32602>"}}
>>> {"jsonrpc":"2.0","method":"textDocument/didChange","params":{"textDocument":{"uri":"file:///w/compose.yaml","version":2},"contentChanges":[{"range":{"start":{"line":0,"character":50},"end":{"line":0,"character":50}},"text":"x"}]}}
<<< {"jsonrpc":"2.0","method":"window/showMessage","params":{"type":1,"message":"<contains:character 50 is past the end of line 0>"}}
>>> {"jsonrpc":"2.0","id":2,"method":"textDocument/didChange","params":{"textDocument":{"uri":"file:///w/compose.yaml","version":2},"contentChanges":[{"range":{"start":{"line":0,"character":3},"end":{"line":0,"character":1}},"text":"x"}]}}
<<< {"jsonrpc":"2.0","id":2,"error":{"code":-32602,"message":"<contains:start is after range end>"}}
>>> {"jsonrpc":"2.0","method":"textDocument/didChange","params":{"textDocument":{"uri":"file:///w/compose.yaml","version":2},"contentChanges":[{"range":{"start":{"line":0,"character":0},"end":{"line":0,"character":0}},"text":"version: '3'\n"},{"range":{"start":{"line":40,"character":0},"end":{"line":40,"character":0}},"text":"y"}]}}
<<< {"jsonrpc":"2.0","method":"window/showMessage","params":{"type":1,"message":"<contains:change 2 of 2>"}}
>>> {"jsonrpc":"2.0","method":"textDocument/didChange","params":{"textDocument":{"uri":"file:///w/missing.yaml","version":2},"contentChanges":[{"text":""}]}}
<<< {"jsonrpc":"2.0","method":"window/showMessage","params":{"type":1,"message":"<contains:unknown document file:///w/missing.yaml>"}}
>>> {"jsonrpc":"2.0","method":"textDocument/didChange","params":{"textDocument":{"uri":"file:///w/compose.yaml","version":2},"contentChanges":[{"range":{"start":{"line":2,"character":0},"end":{"line":2,"character":0}},"text":"version: '3'\n"}]}}
<<< {"method":"textDocument/publishDiagnostics","params":{"version":2,"diagnostics":[{"code":"compose-version-obsolete","range":{"start":{"line":2,"character":0}}}]}}
>>> {"jsonrpc":"2.0","id":99,"method":"shutdown"}
<<< {"jsonrpc":"2.0","id":99,"result":null}
>>> {"jsonrpc":"2.0","method":"exit"}
=== exit 0
