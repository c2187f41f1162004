# Navigation in a compose file and across to the Dockerfile it builds:
# build.target goes to the stage, and the stage's references include the
# target; depends_on, links ("web:w") and network_mode "service:web" are
# references of the service; networks, volumes (a named volume mount) and
# secrets (long syntax) go to their top-level declarations; an image is no
# symbol.
>>> {"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {"initializationOptions": {"rules": {"user-root": "off", "compose-no-limits": "off", "compose-writable-root": "off", "compose-path-missing": "off", "healthcheck-missing": "off"}}, "processId": null, "rootUri": "file:///w", "capabilities": {}}}
<<< {"jsonrpc":"2.0","id":1,"result":{"capabilities":{"definitionProvider":true,"referencesProvider":true,"documentHighlightProvider":true}}}
>>> {"jsonrpc": "2.0", "method": "initialized", "params": {}}
>>> {"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"textDocument": {"uri": "file:///w/compose.yaml", "languageId": "dockercompose", "version": 1, "text": "services:\n  web:\n    build:\n      context: ./web\n      target: deps\n    depends_on:\n      db:\n        condition: service_healthy\n    networks: [front]\n    volumes:\n      - data:/var/lib\n    secrets:\n      - source: token\n  db:\n    image: postgres:16\n    links: [\"web:w\"]\n    network_mode: \"service:web\"\nnetworks:\n  front: {}\nvolumes:\n  data: {}\nsecrets:\n  token:\n    file: ./t.txt\n"}}}
<<< {"method":"textDocument/publishDiagnostics","params":{"uri":"file:///w/compose.yaml","diagnostics":"<any>"}}
<<< {"method":"textDocument/publishDiagnostics","params":{"uri":"file:///w/web/Dockerfile","diagnostics":"<any>"}}
<<< {"method":"textDocument/publishDiagnostics","params":{"uri":"file:///w/compose.yaml","diagnostics":"<any>"}}
>>> {"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"textDocument": {"uri": "file:///w/web/Dockerfile", "languageId": "dockerfile", "version": 1, "text": "FROM node:20 AS deps\nRUN npm ci\nFROM deps AS prod\nCMD [\"node\"]\n"}}}
>>> {"jsonrpc": "2.0", "id": 2, "method": "textDocument/definition", "params": {"textDocument": {"uri": "file:///w/compose.yaml"}, "position": {"line": 4, "character": 15}}}
<<< {"jsonrpc":"2.0","id":2,"result":[{"uri":"file:///w/web/Dockerfile","range":{"start":{"line":0,"character":16},"end":{"line":0,"character":20}}}]}
>>> {"jsonrpc": "2.0", "id": 3, "method": "textDocument/references", "params": {"textDocument": {"uri": "file:///w/web/Dockerfile"}, "position": {"line": 0, "character": 17}, "context": {"includeDeclaration": false}}}
<<< {"jsonrpc":"2.0","id":3,"result":[{"uri":"file:///w/compose.yaml","range":{"start":{"line":4,"character":14},"end":{"line":4,"character":18}}},{"uri":"file:///w/web/Dockerfile","range":{"start":{"line":2,"character":5},"end":{"line":2,"character":9}}}]}
>>> {"jsonrpc": "2.0", "id": 4, "method": "textDocument/definition", "params": {"textDocument": {"uri": "file:///w/compose.yaml"}, "position": {"line": 6, "character": 7}}}
<<< {"jsonrpc":"2.0","id":4,"result":[{"uri":"file:///w/compose.yaml","range":{"start":{"line":13,"character":2},"end":{"line":13,"character":4}}}]}
>>> {"jsonrpc": "2.0", "id": 5, "method": "textDocument/references", "params": {"textDocument": {"uri": "file:///w/compose.yaml"}, "position": {"line": 1, "character": 3}, "context": {"includeDeclaration": true}}}
<<< {"jsonrpc":"2.0","id":5,"result":[{"uri":"file:///w/compose.yaml","range":{"start":{"line":1,"character":2},"end":{"line":1,"character":5}}},{"uri":"file:///w/compose.yaml","range":{"start":{"line":15,"character":13},"end":{"line":15,"character":16}}},{"uri":"file:///w/compose.yaml","range":{"start":{"line":16,"character":27},"end":{"line":16,"character":30}}}]}
>>> {"jsonrpc": "2.0", "id": 6, "method": "textDocument/definition", "params": {"textDocument": {"uri": "file:///w/compose.yaml"}, "position": {"line": 8, "character": 17}}}
<<< {"jsonrpc":"2.0","id":6,"result":[{"uri":"file:///w/compose.yaml","range":{"start":{"line":18,"character":2},"end":{"line":18,"character":7}}}]}
>>> {"jsonrpc": "2.0", "id": 7, "method": "textDocument/definition", "params": {"textDocument": {"uri": "file:///w/compose.yaml"}, "position": {"line": 10, "character": 10}}}
<<< {"jsonrpc":"2.0","id":7,"result":[{"uri":"file:///w/compose.yaml","range":{"start":{"line":20,"character":2},"end":{"line":20,"character":6}}}]}
>>> {"jsonrpc": "2.0", "id": 8, "method": "textDocument/definition", "params": {"textDocument": {"uri": "file:///w/compose.yaml"}, "position": {"line": 12, "character": 18}}}
<<< {"jsonrpc":"2.0","id":8,"result":[{"uri":"file:///w/compose.yaml","range":{"start":{"line":22,"character":2},"end":{"line":22,"character":7}}}]}
>>> {"jsonrpc": "2.0", "id": 9, "method": "textDocument/documentHighlight", "params": {"textDocument": {"uri": "file:///w/compose.yaml"}, "position": {"line": 1, "character": 3}}}
<<< {"jsonrpc":"2.0","id":9,"result":[{"range":{"start":{"line":1,"character":2},"end":{"line":1,"character":5}},"kind":3},{"range":{"start":{"line":15,"character":13},"end":{"line":15,"character":16}},"kind":2},{"range":{"start":{"line":16,"character":27},"end":{"line":16,"character":30}},"kind":2}]}
>>> {"jsonrpc": "2.0", "id": 10, "method": "textDocument/references", "params": {"textDocument": {"uri": "file:///w/compose.yaml"}, "position": {"line": 18, "character": 3}, "context": {"includeDeclaration": true}}}
<<< {"jsonrpc":"2.0","id":10,"result":[{"uri":"file:///w/compose.yaml","range":{"start":{"line":8,"character":15},"end":{"line":8,"character":20}}},{"uri":"file:///w/compose.yaml","range":{"start":{"line":18,"character":2},"end":{"line":18,"character":7}}}]}
>>> {"jsonrpc": "2.0", "id": 11, "method": "textDocument/definition", "params": {"textDocument": {"uri": "file:///w/compose.yaml"}, "position": {"line": 14, "character": 12}}}
<<< {"jsonrpc":"2.0","id":11,"result":[]}
>>> {"jsonrpc": "2.0", "id": 99, "method": "shutdown"}
<<< {"jsonrpc":"2.0","id":99,"result":null}
>>> {"jsonrpc": "2.0", "method": "exit"}
=== exit 0
