# Navigation in a CRLF Dockerfile: the same answers as with LF lines (a
# variable on a continuation line, one in a heredoc, a stage's highlights).
>>> {"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {"initializationOptions": {"rules": {"user-root": "off", "compose-no-limits": "off", "compose-writable-root": "off", "compose-path-missing": "off", "healthcheck-missing": "off"}}, "processId": null, "rootUri": "file:///w", "capabilities": {}}}
<<< {"jsonrpc":"2.0","id":1,"result":{"capabilities":{"definitionProvider":true,"referencesProvider":true,"documentHighlightProvider":true}}}
>>> {"jsonrpc": "2.0", "method": "initialized", "params": {}}
>>> {"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"textDocument": {"uri": "file:///w/Dockerfile", "languageId": "dockerfile", "version": 1, "text": "ARG BASE=alpine:3.20\r\nARG VERSION=1\r\nFROM $BASE AS build\r\nARG VERSION\r\nENV APP=/app LABEL=\"😀\" DIR=${APP}\r\nRUN echo $VERSION ${APP} \\\r\n    && make $DIR\r\nFROM build AS test\r\nRUN --mount=type=cache,from=build,target=/c echo $APP\r\nRUN <<EOF\r\necho $APP\r\nEOF\r\nFROM alpine:3.20\r\nCOPY --from=build /app /app\r\nCOPY --from=0 /x /y\r\nRUN echo $APP $HOME\r\n"}}}
<<< {"method":"textDocument/publishDiagnostics","params":{"uri":"file:///w/Dockerfile","diagnostics":"<any>"}}
>>> {"jsonrpc": "2.0", "id": 2, "method": "textDocument/definition", "params": {"textDocument": {"uri": "file:///w/Dockerfile"}, "position": {"line": 6, "character": 14}}}
<<< {"jsonrpc":"2.0","id":2,"result":[{"uri":"file:///w/Dockerfile","range":{"start":{"line":4,"character":24},"end":{"line":4,"character":27}}}]}
>>> {"jsonrpc": "2.0", "id": 3, "method": "textDocument/definition", "params": {"textDocument": {"uri": "file:///w/Dockerfile"}, "position": {"line": 10, "character": 6}}}
<<< {"jsonrpc":"2.0","id":3,"result":[{"uri":"file:///w/Dockerfile","range":{"start":{"line":4,"character":4},"end":{"line":4,"character":7}}}]}
>>> {"jsonrpc": "2.0", "id": 4, "method": "textDocument/documentHighlight", "params": {"textDocument": {"uri": "file:///w/Dockerfile"}, "position": {"line": 2, "character": 17}}}
<<< {"jsonrpc":"2.0","id":4,"result":[{"range":{"start":{"line":2,"character":14},"end":{"line":2,"character":19}},"kind":3},{"range":{"start":{"line":7,"character":5},"end":{"line":7,"character":10}},"kind":2},{"range":{"start":{"line":8,"character":28},"end":{"line":8,"character":33}},"kind":2},{"range":{"start":{"line":13,"character":12},"end":{"line":13,"character":17}},"kind":2}]}
>>> {"jsonrpc": "2.0", "id": 99, "method": "shutdown"}
<<< {"jsonrpc":"2.0","id":99,"result":null}
>>> {"jsonrpc": "2.0", "method": "exit"}
=== exit 0
