# Definition, references and documentHighlight in a Dockerfile: stage names
# (FROM, COPY --from, RUN --mount=from=; a stage number is not a name),
# variables resolved as the builder scopes them (global ARG seen by FROM and
# by its re-declaration; ENV inherited by a stage built FROM it; not seen by
# an unrelated stage nor by a later key of its own ENV line; $HOME, defined
# nowhere, is no symbol), inside a continuation line, a heredoc, and after
# an emoji (two UTF-16 units).
>>> {"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {"initializationOptions": {"rules": {"user-root": "off", "compose-no-limits": "off", "compose-writable-root": "off", "compose-path-missing": "off", "healthcheck-missing": "off"}}, "processId": null, "rootUri": "file:///w", "capabilities": {}}}
<<< {"jsonrpc":"2.0","id":1,"result":{"capabilities":{"definitionProvider":true,"referencesProvider":true,"documentHighlightProvider":true}}}
>>> {"jsonrpc": "2.0", "method": "initialized", "params": {}}
>>> {"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"textDocument": {"uri": "file:///w/Dockerfile", "languageId": "dockerfile", "version": 1, "text": "ARG BASE=alpine:3.20\nARG VERSION=1\nFROM $BASE AS build\nARG VERSION\nENV APP=/app LABEL=\"😀\" DIR=${APP}\nRUN echo $VERSION ${APP} \\\n    && make $DIR\nFROM build AS test\nRUN --mount=type=cache,from=build,target=/c echo $APP\nRUN <<EOF\necho $APP\nEOF\nFROM alpine:3.20\nCOPY --from=build /app /app\nCOPY --from=0 /x /y\nRUN echo $APP $HOME\n"}}}
<<< {"method":"textDocument/publishDiagnostics","params":{"uri":"file:///w/Dockerfile","diagnostics":"<any>"}}
>>> {"jsonrpc": "2.0", "id": 2, "method": "textDocument/definition", "params": {"textDocument": {"uri": "file:///w/Dockerfile"}, "position": {"line": 2, "character": 6}}}
<<< {"jsonrpc":"2.0","id":2,"result":[{"uri":"file:///w/Dockerfile","range":{"start":{"line":0,"character":4},"end":{"line":0,"character":8}}}]}
>>> {"jsonrpc": "2.0", "id": 3, "method": "textDocument/definition", "params": {"textDocument": {"uri": "file:///w/Dockerfile"}, "position": {"line": 14, "character": 12}}}
<<< {"jsonrpc":"2.0","id":3,"result":[]}
>>> {"jsonrpc": "2.0", "id": 4, "method": "textDocument/references", "params": {"textDocument": {"uri": "file:///w/Dockerfile"}, "position": {"line": 2, "character": 16}, "context": {"includeDeclaration": true}}}
<<< {"jsonrpc":"2.0","id":4,"result":[{"uri":"file:///w/Dockerfile","range":{"start":{"line":2,"character":14},"end":{"line":2,"character":19}}},{"uri":"file:///w/Dockerfile","range":{"start":{"line":7,"character":5},"end":{"line":7,"character":10}}},{"uri":"file:///w/Dockerfile","range":{"start":{"line":8,"character":28},"end":{"line":8,"character":33}}},{"uri":"file:///w/Dockerfile","range":{"start":{"line":13,"character":12},"end":{"line":13,"character":17}}}]}
>>> {"jsonrpc": "2.0", "id": 5, "method": "textDocument/definition", "params": {"textDocument": {"uri": "file:///w/Dockerfile"}, "position": {"line": 5, "character": 11}}}
<<< {"jsonrpc":"2.0","id":5,"result":[{"uri":"file:///w/Dockerfile","range":{"start":{"line":3,"character":4},"end":{"line":3,"character":11}}}]}
>>> {"jsonrpc": "2.0", "id": 6, "method": "textDocument/definition", "params": {"textDocument": {"uri": "file:///w/Dockerfile"}, "position": {"line": 5, "character": 22}}}
<<< {"jsonrpc":"2.0","id":6,"result":[{"uri":"file:///w/Dockerfile","range":{"start":{"line":4,"character":4},"end":{"line":4,"character":7}}}]}
>>> {"jsonrpc": "2.0", "id": 7, "method": "textDocument/definition", "params": {"textDocument": {"uri": "file:///w/Dockerfile"}, "position": {"line": 6, "character": 14}}}
<<< {"jsonrpc":"2.0","id":7,"result":[{"uri":"file:///w/Dockerfile","range":{"start":{"line":4,"character":24},"end":{"line":4,"character":27}}}]}
>>> {"jsonrpc": "2.0", "id": 8, "method": "textDocument/definition", "params": {"textDocument": {"uri": "file:///w/Dockerfile"}, "position": {"line": 4, "character": 30}}}
<<< {"jsonrpc":"2.0","id":8,"result":[]}
>>> {"jsonrpc": "2.0", "id": 9, "method": "textDocument/definition", "params": {"textDocument": {"uri": "file:///w/Dockerfile"}, "position": {"line": 8, "character": 53}}}
<<< {"jsonrpc":"2.0","id":9,"result":[{"uri":"file:///w/Dockerfile","range":{"start":{"line":4,"character":4},"end":{"line":4,"character":7}}}]}
>>> {"jsonrpc": "2.0", "id": 10, "method": "textDocument/definition", "params": {"textDocument": {"uri": "file:///w/Dockerfile"}, "position": {"line": 10, "character": 6}}}
<<< {"jsonrpc":"2.0","id":10,"result":[{"uri":"file:///w/Dockerfile","range":{"start":{"line":4,"character":4},"end":{"line":4,"character":7}}}]}
>>> {"jsonrpc": "2.0", "id": 11, "method": "textDocument/references", "params": {"textDocument": {"uri": "file:///w/Dockerfile"}, "position": {"line": 3, "character": 5}, "context": {"includeDeclaration": true}}}
<<< {"jsonrpc":"2.0","id":11,"result":[{"uri":"file:///w/Dockerfile","range":{"start":{"line":1,"character":4},"end":{"line":1,"character":11}}},{"uri":"file:///w/Dockerfile","range":{"start":{"line":3,"character":4},"end":{"line":3,"character":11}}},{"uri":"file:///w/Dockerfile","range":{"start":{"line":5,"character":10},"end":{"line":5,"character":17}}}]}
>>> {"jsonrpc": "2.0", "id": 12, "method": "textDocument/documentHighlight", "params": {"textDocument": {"uri": "file:///w/Dockerfile"}, "position": {"line": 2, "character": 17}}}
<<< {"jsonrpc":"2.0","id":12,"result":[{"range":{"start":{"line":2,"character":14},"end":{"line":2,"character":19}},"kind":3},{"range":{"start":{"line":7,"character":5},"end":{"line":7,"character":10}},"kind":2},{"range":{"start":{"line":8,"character":28},"end":{"line":8,"character":33}},"kind":2},{"range":{"start":{"line":13,"character":12},"end":{"line":13,"character":17}},"kind":2}]}
>>> {"jsonrpc": "2.0", "id": 13, "method": "textDocument/definition", "params": {"textDocument": {"uri": "file:///w/Dockerfile"}, "position": {"line": 15, "character": 12}}}
<<< {"jsonrpc":"2.0","id":13,"result":[]}
>>> {"jsonrpc": "2.0", "id": 14, "method": "textDocument/references", "params": {"textDocument": {"uri": "file:///w/Dockerfile"}, "position": {"line": 10, "character": 8}, "context": {"includeDeclaration": true}}}
<<< {"jsonrpc":"2.0","id":14,"result":[{"uri":"file:///w/Dockerfile","range":{"start":{"line":4,"character":4},"end":{"line":4,"character":7}}},{"uri":"file:///w/Dockerfile","range":{"start":{"line":5,"character":20},"end":{"line":5,"character":23}}},{"uri":"file:///w/Dockerfile","range":{"start":{"line":8,"character":50},"end":{"line":8,"character":53}}},{"uri":"file:///w/Dockerfile","range":{"start":{"line":10,"character":6},"end":{"line":10,"character":9}}}]}
>>> {"jsonrpc": "2.0", "id": 15, "method": "textDocument/definition", "params": {"textDocument": {"uri": "file:///w/Dockerfile"}, "position": {"line": 15, "character": 16}}}
<<< {"jsonrpc":"2.0","id":15,"result":[]}
>>> {"jsonrpc": "2.0", "id": 16, "method": "textDocument/references", "params": {"textDocument": {"uri": "file:///w/Dockerfile"}, "position": {"line": 0, "character": 6}, "context": {"includeDeclaration": false}}}
<<< {"jsonrpc":"2.0","id":16,"result":[{"uri":"file:///w/Dockerfile","range":{"start":{"line":2,"character":6},"end":{"line":2,"character":10}}}]}
>>> {"jsonrpc": "2.0", "id": 99, "method": "shutdown"}
<<< {"jsonrpc":"2.0","id":99,"result":null}
>>> {"jsonrpc": "2.0", "method": "exit"}
=== exit 0
