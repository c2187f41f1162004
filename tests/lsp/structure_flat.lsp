# A client without hierarchicalDocumentSymbolSupport gets flat
# SymbolInformation (the stage or section as containerName), and one
# without lineFoldingOnly gets folding characters too.
>>> {"jsonrpc":"2.0","id":1,"method":"initialize","params":{"capabilities":{"textDocument":{"diagnostic":{}}}}}
<<< {"jsonrpc":"2.0","id":1,"result":{"capabilities":{"positionEncoding":"utf-16","documentSymbolProvider":true}}}
>>> {"jsonrpc":"2.0","method":"initialized","params":{}}
>>> {"jsonrpc":"2.0","method":"textDocument/didOpen","params":{"textDocument":{"uri":"file:///w/Dockerfile","languageId":"dockerfile","version":1,"text":"FROM alpine:3.20\nRUN echo a \\\n  b\n"}}}
>>> {"jsonrpc":"2.0","method":"textDocument/didOpen","params":{"textDocument":{"uri":"file:///w/compose.yaml","languageId":"dockercompose","version":1,"text":"services:\n  a:\n    image: x\n"}}}
>>> {"jsonrpc":"2.0","id":2,"method":"textDocument/documentSymbol","params":{"textDocument":{"uri":"file:///w/Dockerfile"}}}
<<< {"jsonrpc":"2.0","id":2,"result":[{"name":"stage 0","kind":2,"location":{"uri":"file:///w/Dockerfile","range":{"start":{"line":0,"character":0},"end":{"line":2,"character":3}}}},{"name":"FROM alpine:3.20","kind":24,"location":{"uri":"file:///w/Dockerfile","range":{"start":{"line":0,"character":0},"end":{"line":0,"character":16}}},"containerName":"stage 0"},{"name":"RUN echo a","kind":24,"location":{"uri":"file:///w/Dockerfile","range":{"start":{"line":1,"character":0},"end":{"line":2,"character":3}}},"containerName":"stage 0"}]}
>>> {"jsonrpc":"2.0","id":3,"method":"textDocument/documentSymbol","params":{"textDocument":{"uri":"file:///w/compose.yaml"}}}
<<< {"jsonrpc":"2.0","id":3,"result":[{"name":"services","kind":3,"location":{"uri":"file:///w/compose.yaml","range":{"start":{"line":0,"character":0},"end":{"line":2,"character":12}}}},{"name":"a","kind":5,"location":{"uri":"file:///w/compose.yaml","range":{"start":{"line":1,"character":2},"end":{"line":2,"character":12}}},"containerName":"services"},{"name":"image","kind":7,"location":{"uri":"file:///w/compose.yaml","range":{"start":{"line":2,"character":4},"end":{"line":2,"character":12}}},"containerName":"a"}]}
>>> {"jsonrpc":"2.0","id":4,"method":"textDocument/foldingRange","params":{"textDocument":{"uri":"file:///w/Dockerfile"}}}
<<< {"jsonrpc":"2.0","id":4,"result":[{"startLine":0,"endLine":2,"startCharacter":0,"endCharacter":3,"kind":"region"},{"startLine":1,"endLine":2,"startCharacter":0,"endCharacter":3,"kind":"region"}]}
>>> {"jsonrpc":"2.0","id":99,"method":"shutdown"}
<<< {"jsonrpc":"2.0","id":99,"result":null}
>>> {"jsonrpc":"2.0","method":"exit"}
=== exit 0

