# Rename across a compose file and the Dockerfile it builds, with CRLF line
# breaks in the Dockerfile.  prepareRename gives the name and its range, or
# an error where there is no symbol.  Renaming the stage "deps" rewrites
# its declaration, FROM deps, COPY --from=deps, RUN --mount from=deps and
# the compose build.target (documentChanges with versions, as the client
# supports them); a variable is renamed with its $VAR and ${VAR} uses; a
# service with depends_on (both forms), links, extends and network_mode;
# a network with its uses.  Refused: a name already taken by a stage, a
# service or a variable in scope, and names that are not valid for the kind.
>>> {"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {"initializationOptions": {"rules": {"user-root": "off", "compose-no-limits": "off", "compose-writable-root": "off", "compose-path-missing": "off", "healthcheck-missing": "off"}}, "processId": null, "rootUri": "file:///w", "capabilities": {"textDocument": {"rename": {"prepareSupport": true}}, "workspace": {"workspaceEdit": {"documentChanges": true}}}}}
<<< {"jsonrpc":"2.0","id":1,"result":{"capabilities":{"renameProvider":{"prepareProvider":true}}}}
>>> {"jsonrpc": "2.0", "method": "initialized", "params": {}}
>>> {"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"textDocument": {"uri": "file:///w/compose.yaml", "languageId": "dockercompose", "version": 3, "text": "services:\n  web:\n    build:\n      context: ./web\n      target: deps\n    depends_on: [db]\n    networks: [front]\n  db:\n    image: postgres:16\n    links: [\"web:w\"]\n    network_mode: \"service:web\"\n    networks:\n      front: {}\n  worker:\n    extends: web\n    depends_on:\n      web:\n        condition: service_started\nnetworks:\n  front: {}\n  back: {}\n"}}}
<<< {"method":"textDocument/publishDiagnostics","params":{"uri":"file:///w/compose.yaml","diagnostics":"<any>"}}
>>> {"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"textDocument": {"uri": "file:///w/web/Dockerfile", "languageId": "dockerfile", "version": 7, "text": "ARG BASE=node:20\r\nFROM ${BASE} AS deps\r\nARG MODE=dev\r\nRUN echo $MODE ${MODE}\r\nFROM deps AS build\r\nCOPY --from=deps /a /b\r\nRUN --mount=type=cache,from=deps,target=/c true\r\nFROM alpine AS prod\r\n"}}}
<<< {"method":"textDocument/publishDiagnostics","params":{"uri":"file:///w/web/Dockerfile","diagnostics":"<any>"}}
<<< {"method":"textDocument/publishDiagnostics","params":{"uri":"file:///w/compose.yaml","diagnostics":"<any>"}}
>>> {"jsonrpc": "2.0", "id": 2, "method": "textDocument/prepareRename", "params": {"textDocument": {"uri": "file:///w/web/Dockerfile"}, "position": {"line": 1, "character": 17}}}
<<< {"jsonrpc":"2.0","id":2,"result":{"range":{"start":{"line":1,"character":16},"end":{"line":1,"character":20}},"placeholder":"deps"}}
>>> {"jsonrpc": "2.0", "id": 3, "method": "textDocument/prepareRename", "params": {"textDocument": {"uri": "file:///w/web/Dockerfile"}, "position": {"line": 3, "character": 1}}}
<<< {"jsonrpc":"2.0","id":3,"error":{"code":-32803,"message":"there is no stage, variable, service, network, volume, secret or config to rename here"}}
>>> {"jsonrpc": "2.0", "id": 4, "method": "textDocument/rename", "params": {"textDocument": {"uri": "file:///w/compose.yaml"}, "position": {"line": 4, "character": 15}, "newName": "base"}}
<<< {"jsonrpc":"2.0","id":4,"result":{"documentChanges":[{"textDocument":{"uri":"file:///w/compose.yaml","version":3},"edits":[{"range":{"start":{"line":4,"character":14},"end":{"line":4,"character":18}},"newText":"base"}]},{"textDocument":{"uri":"file:///w/web/Dockerfile","version":7},"edits":[{"range":{"start":{"line":1,"character":16},"end":{"line":1,"character":20}},"newText":"base"},{"range":{"start":{"line":4,"character":5},"end":{"line":4,"character":9}},"newText":"base"},{"range":{"start":{"line":5,"character":12},"end":{"line":5,"character":16}},"newText":"base"},{"range":{"start":{"line":6,"character":28},"end":{"line":6,"character":32}},"newText":"base"}]}]}}
>>> {"jsonrpc": "2.0", "id": 5, "method": "textDocument/rename", "params": {"textDocument": {"uri": "file:///w/web/Dockerfile"}, "position": {"line": 1, "character": 17}, "newName": "Prod"}}
<<< {"jsonrpc":"2.0","id":5,"error":{"code":-32803,"message":"a stage named \"prod\" already exists"}}
>>> {"jsonrpc": "2.0", "id": 6, "method": "textDocument/rename", "params": {"textDocument": {"uri": "file:///w/web/Dockerfile"}, "position": {"line": 1, "character": 17}, "newName": "9lives"}}
<<< {"jsonrpc":"2.0","id":6,"error":{"code":-32803,"message":"\"9lives\" is not a valid stage name (a letter, then letters, digits, '-', '_' or '.')"}}
>>> {"jsonrpc": "2.0", "id": 7, "method": "textDocument/rename", "params": {"textDocument": {"uri": "file:///w/web/Dockerfile"}, "position": {"line": 3, "character": 18}, "newName": "BUILD_MODE"}}
<<< {"jsonrpc":"2.0","id":7,"result":{"documentChanges":[{"textDocument":{"uri":"file:///w/web/Dockerfile","version":7},"edits":[{"range":{"start":{"line":2,"character":4},"end":{"line":2,"character":8}},"newText":"BUILD_MODE"},{"range":{"start":{"line":3,"character":10},"end":{"line":3,"character":14}},"newText":"BUILD_MODE"},{"range":{"start":{"line":3,"character":17},"end":{"line":3,"character":21}},"newText":"BUILD_MODE"}]}]}}
>>> {"jsonrpc": "2.0", "id": 8, "method": "textDocument/rename", "params": {"textDocument": {"uri": "file:///w/web/Dockerfile"}, "position": {"line": 3, "character": 18}, "newName": "build-mode"}}
<<< {"jsonrpc":"2.0","id":8,"error":{"code":-32803,"message":"\"build-mode\" is not a valid variable name (a letter or '_', then letters, digits or '_')"}}
>>> {"jsonrpc": "2.0", "id": 9, "method": "textDocument/rename", "params": {"textDocument": {"uri": "file:///w/compose.yaml"}, "position": {"line": 1, "character": 3}, "newName": "front-end"}}
<<< {"jsonrpc":"2.0","id":9,"result":{"documentChanges":[{"textDocument":{"uri":"file:///w/compose.yaml","version":3},"edits":[{"range":{"start":{"line":1,"character":2},"end":{"line":1,"character":5}},"newText":"front-end"},{"range":{"start":{"line":9,"character":13},"end":{"line":9,"character":16}},"newText":"front-end"},{"range":{"start":{"line":10,"character":27},"end":{"line":10,"character":30}},"newText":"front-end"},{"range":{"start":{"line":14,"character":13},"end":{"line":14,"character":16}},"newText":"front-end"},{"range":{"start":{"line":16,"character":6},"end":{"line":16,"character":9}},"newText":"front-end"}]}]}}
>>> {"jsonrpc": "2.0", "id": 10, "method": "textDocument/rename", "params": {"textDocument": {"uri": "file:///w/compose.yaml"}, "position": {"line": 1, "character": 3}, "newName": "db"}}
<<< {"jsonrpc":"2.0","id":10,"error":{"code":-32803,"message":"a service named \"db\" already exists"}}
>>> {"jsonrpc": "2.0", "id": 11, "method": "textDocument/rename", "params": {"textDocument": {"uri": "file:///w/compose.yaml"}, "position": {"line": 1, "character": 3}, "newName": "a: b"}}
<<< {"jsonrpc":"2.0","id":11,"error":{"code":-32803,"message":"\"a: b\" is not a valid service name (a letter or digit, then letters, digits, '-', '_' or '.')"}}
>>> {"jsonrpc": "2.0", "id": 12, "method": "textDocument/rename", "params": {"textDocument": {"uri": "file:///w/compose.yaml"}, "position": {"line": 6, "character": 17}, "newName": "public"}}
<<< {"jsonrpc":"2.0","id":12,"result":{"documentChanges":[{"textDocument":{"uri":"file:///w/compose.yaml","version":3},"edits":[{"range":{"start":{"line":6,"character":15},"end":{"line":6,"character":20}},"newText":"public"},{"range":{"start":{"line":12,"character":6},"end":{"line":12,"character":11}},"newText":"public"},{"range":{"start":{"line":19,"character":2},"end":{"line":19,"character":7}},"newText":"public"}]}]}}
>>> {"jsonrpc": "2.0", "id": 13, "method": "textDocument/rename", "params": {"textDocument": {"uri": "file:///w/compose.yaml"}, "position": {"line": 6, "character": 17}, "newName": "back"}}
<<< {"jsonrpc":"2.0","id":13,"error":{"code":-32803,"message":"a network named \"back\" already exists"}}
>>> {"jsonrpc": "2.0", "id": 14, "method": "textDocument/rename", "params": {"textDocument": {"uri": "file:///w/compose.yaml"}, "position": {"line": 8, "character": 12}, "newName": "x"}}
<<< {"jsonrpc":"2.0","id":14,"error":{"code":-32803,"message":"there is no stage, variable, service, network, volume, secret or config to rename here"}}
>>> {"jsonrpc": "2.0", "id": 15, "method": "textDocument/rename", "params": {"textDocument": {"uri": "file:///w/compose.yaml"}, "position": {"line": 4, "character": 15}}}
<<< {"jsonrpc":"2.0","id":15,"error":{"code":-32602,"message":"\"newName\" must be a string"}}
>>> {"jsonrpc": "2.0", "id": 16, "method": "textDocument/rename", "params": {"textDocument": {"uri": "file:///w/web/Dockerfile"}, "position": {"line": 3, "character": 11}, "newName": "BASE"}}
<<< {"jsonrpc":"2.0","id":16,"error":{"code":-32803,"message":"a variable named \"BASE\" already exists"}}
>>> {"jsonrpc": "2.0", "id": 99, "method": "shutdown"}
<<< {"jsonrpc":"2.0","id":99,"result":null}
>>> {"jsonrpc": "2.0", "method": "exit"}
=== exit 0
