# A character past the end of its line, in every request that only reads
# (hover, completion, definition, references, documentHighlight,
# prepareRename, selectionRange, codeAction), means the line's end, as LSP
# says: each answer here is the one for the position right after `base` on
# line 1.  A line past the end of the document is still an error, and an
# edit past the end of a line is rejected (the text and version stay).
>>> {"jsonrpc":"2.0","id":1,"method":"initialize","params":{"initializationOptions":{"rules":{"user-root":"off"}},"processId":null,"rootUri":"file:///w","capabilities":{"textDocument":{"publishDiagnostics":{"versionSupport":true}}}}}
<<< {"jsonrpc":"2.0","id":1,"result":{"capabilities":{"positionEncoding":"utf-16"}}}
>>> {"jsonrpc":"2.0","method":"initialized","params":{}}
>>> {"jsonrpc":"2.0","method":"textDocument/didOpen","params":{"textDocument":{"uri":"file:///w/Dockerfile","languageId":"dockerfile","version":1,"text":"FROM alpine:3.20 AS base\nFROM base\nCOPY --from=base /a /b\n"}}}
<<< {"method":"textDocument/publishDiagnostics","params":{"version":1,"diagnostics":[]}}
>>> {"jsonrpc":"2.0","id":2,"method":"textDocument/definition","params":{"textDocument":{"uri":"file:///w/Dockerfile"},"position":{"line":1,"character":999}}}
<<< {"jsonrpc":"2.0","id":2,"result":[{"uri":"file:///w/Dockerfile","range":{"start":{"line":0,"character":20},"end":{"line":0,"character":24}}}]}
>>> {"jsonrpc":"2.0","id":3,"method":"textDocument/references","params":{"textDocument":{"uri":"file:///w/Dockerfile"},"position":{"line":1,"character":999},"context":{"includeDeclaration":true}}}
<<< {"jsonrpc":"2.0","id":3,"result":[{"uri":"file:///w/Dockerfile","range":{"start":{"line":0,"character":20},"end":{"line":0,"character":24}}},{"uri":"file:///w/Dockerfile","range":{"start":{"line":1,"character":5},"end":{"line":1,"character":9}}},{"uri":"file:///w/Dockerfile","range":{"start":{"line":2,"character":12},"end":{"line":2,"character":16}}}]}
>>> {"jsonrpc":"2.0","id":4,"method":"textDocument/documentHighlight","params":{"textDocument":{"uri":"file:///w/Dockerfile"},"position":{"line":1,"character":999}}}
<<< {"jsonrpc":"2.0","id":4,"result":[{"range":{"start":{"line":0,"character":20},"end":{"line":0,"character":24}},"kind":3},{"range":{"start":{"line":1,"character":5},"end":{"line":1,"character":9}},"kind":2},{"range":{"start":{"line":2,"character":12},"end":{"line":2,"character":16}},"kind":2}]}
>>> {"jsonrpc":"2.0","id":5,"method":"textDocument/prepareRename","params":{"textDocument":{"uri":"file:///w/Dockerfile"},"position":{"line":1,"character":999}}}
<<< {"jsonrpc":"2.0","id":5,"result":{"range":{"start":{"line":1,"character":5},"end":{"line":1,"character":9}},"placeholder":"base"}}
>>> {"jsonrpc":"2.0","id":6,"method":"textDocument/hover","params":{"textDocument":{"uri":"file:///w/Dockerfile"},"position":{"line":1,"character":999}}}
<<< {"jsonrpc":"2.0","id":6,"result":{"contents":{"kind":"markdown","value":"<starts:**stage base**>"},"range":{"start":{"line":1,"character":5},"end":{"line":1,"character":9}}}}
>>> {"jsonrpc":"2.0","id":7,"method":"textDocument/completion","params":{"textDocument":{"uri":"file:///w/Dockerfile"},"position":{"line":1,"character":999}}}
<<< {"jsonrpc":"2.0","id":7,"result":{"isIncomplete":false,"items":"<any>"}}
>>> {"jsonrpc":"2.0","id":8,"method":"textDocument/selectionRange","params":{"textDocument":{"uri":"file:///w/Dockerfile"},"positions":[{"line":1,"character":999}]}}
<<< {"jsonrpc":"2.0","id":8,"result":[{"range":{"start":{"line":1,"character":5},"end":{"line":1,"character":9}},"parent":{"range":{"start":{"line":1,"character":0},"end":{"line":1,"character":9}}}}]}
>>> {"jsonrpc":"2.0","id":9,"method":"textDocument/codeAction","params":{"textDocument":{"uri":"file:///w/Dockerfile"},"range":{"start":{"line":1,"character":999},"end":{"line":1,"character":1000}},"context":{"diagnostics":[]}}}
<<< {"jsonrpc":"2.0","id":9,"result":[]}
>>> {"jsonrpc":"2.0","id":10,"method":"textDocument/definition","params":{"textDocument":{"uri":"file:///w/Dockerfile"},"position":{"line":4,"character":0}}}
<<< {"jsonrpc":"2.0","id":10,"error":{"code":-32602,"message":"<contains:line 4 is past the end of the document>"}}
>>> {"jsonrpc":"2.0","method":"textDocument/didChange","params":{"textDocument":{"uri":"file:///w/Dockerfile","version":2},"contentChanges":[{"range":{"start":{"line":1,"character":999},"end":{"line":1,"character":999}},"text":" AS x"}]}}
<<< {"jsonrpc":"2.0","method":"window/showMessage","params":{"type":1,"message":"<contains:character 999 is past the end of line 1>"}}
>>> {"jsonrpc":"2.0","id":99,"method":"shutdown"}
<<< {"jsonrpc":"2.0","id":99,"result":null}
>>> {"jsonrpc":"2.0","method":"exit"}
=== exit 0
