# Definition beyond symbols: in a compose file, `${VAR}` goes to the line
# of the .env beside it that sets the variable, a path (env_file,
# build.dockerfile) to the file it names, and a build context to the
# Dockerfile the service builds there; in a Dockerfile, a heredoc's
# closing word goes to its opener, and the closing words of two RUNs that
# both use EOF stay two symbols (highlight finds one pair each).
>>> {"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {"processId": null, "rootUri": "file://@SOURCE@/tests/lsp/paths", "capabilities": {}}}
<<< {"jsonrpc":"2.0","id":1,"result":"<any>"}
>>> {"jsonrpc": "2.0", "method": "initialized", "params": {}}
>>> {"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"textDocument": {"uri": "file://@SOURCE@/tests/lsp/paths/compose.yaml", "languageId": "dockercompose", "version": 1, "text": "services:\n  web:\n    image: nginx:${MODE}\n    build:\n      context: ./web\n      dockerfile: Dockerfile.dev\n    env_file: app.env\n"}}}
<<< {"method":"textDocument/publishDiagnostics","params":{"uri":"file://@SOURCE@/tests/lsp/paths/compose.yaml","diagnostics":"<any>"}}
>>> {"jsonrpc": "2.0", "id": 2, "method": "textDocument/definition", "params": {"textDocument": {"uri": "file://@SOURCE@/tests/lsp/paths/compose.yaml"}, "position": {"line": 2, "character": 21}}}
<<< {"jsonrpc":"2.0","id":2,"result":[{"uri":"file://@SOURCE@/tests/lsp/paths/.env","range":{"start":{"line":0,"character":0},"end":{"line":0,"character":4}}}]}
>>> {"jsonrpc": "2.0", "id": 3, "method": "textDocument/definition", "params": {"textDocument": {"uri": "file://@SOURCE@/tests/lsp/paths/compose.yaml"}, "position": {"line": 6, "character": 15}}}
<<< {"jsonrpc":"2.0","id":3,"result":[{"uri":"file://@SOURCE@/tests/lsp/paths/app.env","range":{"start":{"line":0,"character":0},"end":{"line":0,"character":0}}}]}
>>> {"jsonrpc": "2.0", "id": 4, "method": "textDocument/definition", "params": {"textDocument": {"uri": "file://@SOURCE@/tests/lsp/paths/compose.yaml"}, "position": {"line": 5, "character": 20}}}
<<< {"jsonrpc":"2.0","id":4,"result":[{"uri":"file://@SOURCE@/tests/lsp/paths/web/Dockerfile.dev","range":{"start":{"line":0,"character":0},"end":{"line":0,"character":0}}}]}
>>> {"jsonrpc": "2.0", "id": 7, "method": "textDocument/definition", "params": {"textDocument": {"uri": "file://@SOURCE@/tests/lsp/paths/compose.yaml"}, "position": {"line": 4, "character": 16}}}
<<< {"jsonrpc":"2.0","id":7,"result":[{"uri":"file://@SOURCE@/tests/lsp/paths/web/Dockerfile.dev","range":{"start":{"line":0,"character":0},"end":{"line":0,"character":0}}}]}
>>> {"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"textDocument": {"uri": "file://@SOURCE@/tests/lsp/paths/web/Dockerfile", "languageId": "dockerfile", "version": 1, "text": "FROM alpine:3.20\nRUN <<EOF\necho one\nEOF\nRUN <<-\"EOF\" sh\n\techo two\n\tEOF\n"}}}
<<< {"method":"textDocument/publishDiagnostics","params":{"uri":"file://@SOURCE@/tests/lsp/paths/web/Dockerfile","diagnostics":"<any>"}}
<<< {"method":"textDocument/publishDiagnostics","params":{"uri":"file://@SOURCE@/tests/lsp/paths/compose.yaml","diagnostics":"<any>"}}
>>> {"jsonrpc": "2.0", "id": 5, "method": "textDocument/definition", "params": {"textDocument": {"uri": "file://@SOURCE@/tests/lsp/paths/web/Dockerfile"}, "position": {"line": 3, "character": 1}}}
<<< {"jsonrpc":"2.0","id":5,"result":[{"uri":"file://@SOURCE@/tests/lsp/paths/web/Dockerfile","range":{"start":{"line":1,"character":6},"end":{"line":1,"character":9}}}]}
>>> {"jsonrpc": "2.0", "id": 6, "method": "textDocument/documentHighlight", "params": {"textDocument": {"uri": "file://@SOURCE@/tests/lsp/paths/web/Dockerfile"}, "position": {"line": 6, "character": 2}}}
<<< {"jsonrpc":"2.0","id":6,"result":[{"range":{"start":{"line":4,"character":8},"end":{"line":4,"character":11}},"kind":3},{"range":{"start":{"line":6,"character":1},"end":{"line":6,"character":4}},"kind":2}]}
>>> {"jsonrpc": "2.0", "id": 99, "method": "shutdown"}
<<< {"jsonrpc":"2.0","id":99,"result":null}
>>> {"jsonrpc": "2.0", "method": "exit"}
=== exit 0
