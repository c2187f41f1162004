# Path completion in a compose file from the real disk (the folder
# tests/lsp/paths): folders only for a build context (no app.env), build.dockerfile
# relative to the context, a hidden file once a dot is typed, a bind-mount
# source before its colon.  Files come as File items (17), folders as
# Folder items (19) ending in a slash; the range is the segment being typed.
>>> {"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {"processId": null, "rootUri": "file://@SOURCE@/tests/lsp/paths", "capabilities": {}}}
<<< {"jsonrpc":"2.0","id":1,"result":{"capabilities":{"completionProvider":{"triggerCharacters":["-","=","$","{",":"," ",",","#","/"]}}}}
>>> {"jsonrpc": "2.0", "method": "initialized", "params": {}}
>>> {"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"textDocument": {"uri": "file://@SOURCE@/tests/lsp/paths/compose.yaml", "languageId": "dockercompose", "version": 1, "text": "services:\n  web:\n    build:\n      context: ./web\n      dockerfile: Dock\n    env_file: .\n    volumes:\n      - ./d:/data\n  api:\n    build: ./\n"}}}
<<< {"method":"textDocument/publishDiagnostics","params":{"uri":"file://@SOURCE@/tests/lsp/paths/compose.yaml","diagnostics":"<any>"}}
>>> {"jsonrpc": "2.0", "id": 2, "method": "textDocument/completion", "params": {"textDocument": {"uri": "file://@SOURCE@/tests/lsp/paths/compose.yaml"}, "position": {"line": 9, "character": 13}}}
<<< {"jsonrpc":"2.0","id":2,"result":{"isIncomplete":false,"items":[{"label":"data/","kind":19,"detail":"folder","insertTextFormat":1,"textEdit":{"range":{"start":{"line":9,"character":13},"end":{"line":9,"character":13}},"newText":"data/"}},{"label":"web/","kind":19,"detail":"folder","insertTextFormat":1,"textEdit":{"range":{"start":{"line":9,"character":13},"end":{"line":9,"character":13}},"newText":"web/"}}]}}
>>> {"jsonrpc": "2.0", "id": 3, "method": "textDocument/completion", "params": {"textDocument": {"uri": "file://@SOURCE@/tests/lsp/paths/compose.yaml"}, "position": {"line": 4, "character": 22}}}
<<< {"jsonrpc":"2.0","id":3,"result":{"isIncomplete":false,"items":[{"label":"Dockerfile","kind":17,"detail":"file","insertTextFormat":1,"textEdit":{"range":{"start":{"line":4,"character":18},"end":{"line":4,"character":22}},"newText":"Dockerfile"}},{"label":"Dockerfile.dev","kind":17,"detail":"file","insertTextFormat":1,"textEdit":{"range":{"start":{"line":4,"character":18},"end":{"line":4,"character":22}},"newText":"Dockerfile.dev"}}]}}
>>> {"jsonrpc": "2.0", "id": 4, "method": "textDocument/completion", "params": {"textDocument": {"uri": "file://@SOURCE@/tests/lsp/paths/compose.yaml"}, "position": {"line": 5, "character": 15}}}
<<< {"jsonrpc":"2.0","id":4,"result":{"isIncomplete":false,"items":[{"label":".env","kind":17,"detail":"file","insertTextFormat":1,"textEdit":{"range":{"start":{"line":5,"character":14},"end":{"line":5,"character":15}},"newText":".env"}}]}}
>>> {"jsonrpc": "2.0", "id": 5, "method": "textDocument/completion", "params": {"textDocument": {"uri": "file://@SOURCE@/tests/lsp/paths/compose.yaml"}, "position": {"line": 7, "character": 11}}}
<<< {"jsonrpc":"2.0","id":5,"result":{"isIncomplete":false,"items":[{"label":"data/","kind":19,"detail":"folder","insertTextFormat":1,"textEdit":{"range":{"start":{"line":7,"character":10},"end":{"line":7,"character":11}},"newText":"data/"}}]}}
>>> {"jsonrpc": "2.0", "id": 99, "method": "shutdown"}
<<< {"jsonrpc":"2.0","id":99,"result":null}
>>> {"jsonrpc": "2.0", "method": "exit"}
=== exit 0
