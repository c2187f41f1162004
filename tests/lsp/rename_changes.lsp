# A client that declares neither prepareSupport nor documentChanges: the
# capability is a plain `renameProvider: true` and a rename of a secret
# (short and long syntax, and build.secrets) answers with the `changes`
# map, keyed by URI.
>>> {"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {"processId": null, "rootUri": "file:///w", "capabilities": {}}}
<<< {"jsonrpc":"2.0","id":1,"result":{"capabilities":{"renameProvider":true}}}
>>> {"jsonrpc": "2.0", "method": "initialized", "params": {}}
>>> {"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"textDocument": {"uri": "file:///w/compose.yaml", "languageId": "dockercompose", "version": 1, "text": "services:\n  app:\n    image: alpine:3.20\n    secrets:\n      - token\n      - source: token\n        target: t\n    build:\n      context: .\n      secrets: [token]\n    volumes:\n      - data:/d\nsecrets:\n  token:\n    file: ./t.txt\nvolumes:\n  data: {}\n"}}}
<<< {"method":"textDocument/publishDiagnostics","params":{"uri":"file:///w/compose.yaml","diagnostics":"<any>"}}
>>> {"jsonrpc": "2.0", "id": 2, "method": "textDocument/rename", "params": {"textDocument": {"uri": "file:///w/compose.yaml"}, "position": {"line": 13, "character": 4}, "newName": "api_token"}}
<<< {"jsonrpc":"2.0","id":2,"result":{"changes":{"file:///w/compose.yaml":[{"range":{"start":{"line":4,"character":8},"end":{"line":4,"character":13}},"newText":"api_token"},{"range":{"start":{"line":5,"character":16},"end":{"line":5,"character":21}},"newText":"api_token"},{"range":{"start":{"line":9,"character":16},"end":{"line":9,"character":21}},"newText":"api_token"},{"range":{"start":{"line":13,"character":2},"end":{"line":13,"character":7}},"newText":"api_token"}]}}}
>>> {"jsonrpc": "2.0", "id": 3, "method": "textDocument/rename", "params": {"textDocument": {"uri": "file:///w/compose.yaml"}, "position": {"line": 11, "character": 9}, "newName": "cache"}}
<<< {"jsonrpc":"2.0","id":3,"result":{"changes":{"file:///w/compose.yaml":[{"range":{"start":{"line":11,"character":8},"end":{"line":11,"character":12}},"newText":"cache"},{"range":{"start":{"line":16,"character":2},"end":{"line":16,"character":6}},"newText":"cache"}]}}}
>>> {"jsonrpc": "2.0", "id": 99, "method": "shutdown"}
<<< {"jsonrpc":"2.0","id":99,"result":null}
>>> {"jsonrpc": "2.0", "method": "exit"}
=== exit 0
