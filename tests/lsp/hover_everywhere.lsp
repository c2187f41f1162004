# Hover everywhere: a base image with the facts of the image table, a
# stage name (definition and COPY --from), a variable and its definitions
# (a stage ENV, a global ARG), an instruction keyword, a flag, a compose
# service (its build, ports and the health check it inherits from the
# Dockerfile it builds, or its own), compose keys with their meaning and type from
# the key table; every diagnostic at a position first, then what is there.
>>> {"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {"initializationOptions": {"rules": {"compose-no-limits": "off", "compose-writable-root": "off", "compose-path-missing": "off"}}, "processId": null, "rootUri": "file:///w", "capabilities": {}}}
<<< {"jsonrpc":"2.0","id":1,"result":{"capabilities":{"definitionProvider":true}}}
>>> {"jsonrpc": "2.0", "method": "initialized", "params": {}}
>>> {"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"textDocument": {"uri": "file:///w/web/Dockerfile", "languageId": "dockerfile", "version": 1, "text": "ARG V=3.20\nFROM alpine:$V AS base\nENV APP=/app\nFROM base\nCOPY --from=base /a /a\nHEALTHCHECK --interval=5s CMD wget -q -O- http://127.0.0.1/ || exit 1\nRUN echo $APP\n"}}}
<<< {"method":"textDocument/publishDiagnostics","params":{"uri":"file:///w/web/Dockerfile","diagnostics":"<any>"}}
<<< {"method":"textDocument/publishDiagnostics","params":{"uri":"file:///w/compose.yaml","diagnostics":"<any>"}}
<<< {"method":"textDocument/publishDiagnostics","params":{"uri":"file:///w/web/Dockerfile","diagnostics":"<any>"}}
>>> {"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"textDocument": {"uri": "file:///w/compose.yaml", "languageId": "dockercompose", "version": 1, "text": "services:\n  web:\n    build: ./web\n    ports: [\"8080:80\"]\n  db:\n    image: postgres:16\n    restart: always\n    healthcheck:\n      test: pg_isready\n"}}}
>>> {"jsonrpc": "2.0", "id": 2, "method": "textDocument/hover", "params": {"textDocument": {"uri": "file:///w/web/Dockerfile"}, "position": {"line": 1, "character": 8}}}
<<< {"jsonrpc":"2.0","id":2,"result":{"contents":{"kind":"markdown","value":"<contains:- default user: root>"},"range":{"start":{"line":1,"character":5},"end":{"line":1,"character":14}}}}
>>> {"jsonrpc": "2.0", "id": 3, "method": "textDocument/hover", "params": {"textDocument": {"uri": "file:///w/web/Dockerfile"}, "position": {"line": 1, "character": 20}}}
<<< {"jsonrpc":"2.0","id":3,"result":{"contents":{"kind":"markdown","value":"<contains:Built from `alpine:$V`>"},"range":{"start":{"line":1,"character":18},"end":{"line":1,"character":22}}}}
>>> {"jsonrpc": "2.0", "id": 4, "method": "textDocument/hover", "params": {"textDocument": {"uri": "file:///w/web/Dockerfile"}, "position": {"line": 6, "character": 11}}}
<<< {"jsonrpc":"2.0","id":4,"result":{"contents":{"kind":"markdown","value":"<contains:- `ENV APP=/app` (line 3)>"},"range":{"start":{"line":6,"character":10},"end":{"line":6,"character":13}}}}
>>> {"jsonrpc": "2.0", "id": 5, "method": "textDocument/hover", "params": {"textDocument": {"uri": "file:///w/web/Dockerfile"}, "position": {"line": 4, "character": 3}}}
<<< {"jsonrpc":"2.0","id":5,"result":{"contents":{"kind":"markdown","value":"<contains:Copies files from the build context (or another stage) into the image. Keep secrets out of the context or use `.dockerignore`.>"},"range":{"start":{"line":4,"character":0},"end":{"line":4,"character":4}}}}
>>> {"jsonrpc": "2.0", "id": 6, "method": "textDocument/hover", "params": {"textDocument": {"uri": "file:///w/web/Dockerfile"}, "position": {"line": 4, "character": 14}}}
<<< {"jsonrpc":"2.0","id":6,"result":{"contents":{"kind":"markdown","value":"<contains:Built from `alpine:$V`>"},"range":{"start":{"line":4,"character":12},"end":{"line":4,"character":16}}}}
>>> {"jsonrpc": "2.0", "id": 7, "method": "textDocument/hover", "params": {"textDocument": {"uri": "file:///w/web/Dockerfile"}, "position": {"line": 5, "character": 15}}}
<<< {"jsonrpc":"2.0","id":7,"result":{"contents":{"kind":"markdown","value":"<contains:Time between checks (default 30s).>"},"range":{"start":{"line":5,"character":12},"end":{"line":5,"character":22}}}}
>>> {"jsonrpc": "2.0", "id": 8, "method": "textDocument/hover", "params": {"textDocument": {"uri": "file:///w/compose.yaml"}, "position": {"line": 1, "character": 3}}}
<<< {"jsonrpc":"2.0","id":8,"result":{"contents":{"kind":"markdown","value":"<contains:- health check: inherited from the Dockerfile (line 6): `HEALTHCHECK --interval=5s CMD wget -q -O- http://127.0.0.1/ || exit 1`>"},"range":{"start":{"line":1,"character":2},"end":{"line":1,"character":5}}}}
>>> {"jsonrpc": "2.0", "id": 9, "method": "textDocument/hover", "params": {"textDocument": {"uri": "file:///w/compose.yaml"}, "position": {"line": 4, "character": 3}}}
<<< {"jsonrpc":"2.0","id":9,"result":{"contents":{"kind":"markdown","value":"<contains:- health check: its own `healthcheck:` `pg_isready` (it replaces any HEALTHCHECK of the image)>"},"range":{"start":{"line":4,"character":2},"end":{"line":4,"character":4}}}}
>>> {"jsonrpc": "2.0", "id": 10, "method": "textDocument/hover", "params": {"textDocument": {"uri": "file:///w/compose.yaml"}, "position": {"line": 6, "character": 6}}}
<<< {"jsonrpc":"2.0","id":10,"result":{"contents":{"kind":"markdown","value":"<contains:(a key of the service)\n\nWhen the engine restarts the container: `no`, `always`, `on-failure[:max]` or `unless-stopped`.\n\nValue: a string>"},"range":{"start":{"line":6,"character":4},"end":{"line":6,"character":11}}}}
>>> {"jsonrpc": "2.0", "id": 11, "method": "textDocument/hover", "params": {"textDocument": {"uri": "file:///w/compose.yaml"}, "position": {"line": 3, "character": 5}}}
<<< {"jsonrpc":"2.0","id":11,"result":{"contents":{"kind":"markdown","value":"<contains:Keys of the port: `target`, `published`, `host_ip`, `protocol`, `app_protocol`, `mode`, `name`>"},"range":{"start":{"line":3,"character":4},"end":{"line":3,"character":9}}}}
>>> {"jsonrpc": "2.0", "id": 12, "method": "textDocument/hover", "params": {"textDocument": {"uri": "file:///w/web/Dockerfile"}, "position": {"line": 0, "character": 5}}}
<<< {"jsonrpc":"2.0","id":12,"result":{"contents":{"kind":"markdown","value":"<contains:- `ARG V=3.20` (line 1)>"},"range":{"start":{"line":0,"character":4},"end":{"line":0,"character":5}}}}
>>> {"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"textDocument": {"uri": "file:///w/d2/Dockerfile", "languageId": "dockerfile", "version": 1, "text": "FROM debian:12\nRUN apt-get update && apt-get install curl\n"}}}
<<< {"method":"textDocument/publishDiagnostics","params":{"uri":"file:///w/d2/Dockerfile","diagnostics":"<any>"}}
<<< {"method":"textDocument/publishDiagnostics","params":{"uri":"file:///w/compose.yaml","diagnostics":"<any>"}}
>>> {"jsonrpc": "2.0", "id": 13, "method": "textDocument/hover", "params": {"textDocument": {"uri": "file:///w/d2/Dockerfile"}, "position": {"line": 1, "character": 25}}}
<<< {"jsonrpc":"2.0","id":13,"result":{"contents":{"kind":"markdown","value":"<contains:---\n\n# apt-get-lists>"}}}
>>> {"jsonrpc": "2.0", "id": 14, "method": "textDocument/hover", "params": {"textDocument": {"uri": "file:///w/d2/Dockerfile"}, "position": {"line": 0, "character": 8}}}
<<< {"jsonrpc":"2.0","id":14,"result":{"contents":{"kind":"markdown","value":"<contains:---\n\n**debian:12**>"}}}
>>> {"jsonrpc": "2.0", "id": 99, "method": "shutdown"}
<<< {"jsonrpc":"2.0","id":99,"result":null}
>>> {"jsonrpc": "2.0", "method": "exit"}
=== exit 0
