# documentLink.  In a compose file, paths that exist (here as open
# buffers, which count as files) become file: links, resolved against the
# compose file's folder, except build.dockerfile, which is relative to the
# build context: include, env_file (a string and a list item), extends.file,
# a secret's file, a bind-mount source.  A path that exists nowhere
# (./missing.env) and one outside the workspace root (../etc.conf) get no
# link.  In a Dockerfile, base images link to their registry page (Docker
# Hub official and user images, ghcr.io, quay.io, mcr.microsoft.com, the
# digest left out); a stage, a variable, scratch and an
# unknown registry (with a port) get none.
>>> {"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {"initializationOptions": {"rules": {"user-root": "off", "compose-no-limits": "off", "compose-writable-root": "off", "healthcheck-missing": "off"}}, "processId": null, "rootUri": "file:///w", "capabilities": {}}}
<<< {"jsonrpc":"2.0","id":1,"result":{"capabilities":{"documentLinkProvider":{"resolveProvider":false}}}}
>>> {"jsonrpc": "2.0", "method": "initialized", "params": {}}
>>> {"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"textDocument": {"uri": "file:///w/app/Dockerfile.dev", "languageId": "dockerfile", "version": 1, "text": "FROM node:20 AS deps\nFROM deps\nFROM ghcr.io/acme/tool:1.2 AS t\nFROM quay.io/prometheus/node-exporter@sha256:0000000000000000000000000000000000000000000000000000000000000000\nFROM mcr.microsoft.com/dotnet/sdk:8.0\nFROM bitnami/redis:7\nFROM library/nginx\nFROM scratch\nFROM registry.example.com:5000/team/app:1\nARG IMG=alpine\nFROM ${IMG}\n"}}}
<<< {"method":"textDocument/publishDiagnostics","params":{"uri":"file:///w/app/Dockerfile.dev","diagnostics":"<any>"}}
>>> {"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"textDocument": {"uri": "file:///w/.env", "languageId": "plaintext", "version": 1, "text": "A=1\n"}}}
>>> {"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"textDocument": {"uri": "file:///w/base.yaml", "languageId": "dockercompose", "version": 1, "text": "services:\n  common:\n    image: alpine:3.20\n"}}}
<<< {"method":"textDocument/publishDiagnostics","params":{"uri":"file:///w/base.yaml","diagnostics":"<any>"}}
>>> {"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"textDocument": {"uri": "file:///w/t.txt", "languageId": "plaintext", "version": 1, "text": "secret\n"}}}
<<< {"method":"textDocument/publishDiagnostics","params":{"uri":"file:///w/base.yaml","diagnostics":"<any>"}}
>>> {"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"textDocument": {"uri": "file:///w/nginx.conf", "languageId": "plaintext", "version": 1, "text": "events {}\n"}}}
<<< {"method":"textDocument/publishDiagnostics","params":{"uri":"file:///w/base.yaml","diagnostics":"<any>"}}
>>> {"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"textDocument": {"uri": "file:///w/compose.yaml", "languageId": "dockercompose", "version": 1, "text": "include:\n  - base.yaml\nservices:\n  web:\n    build:\n      context: ./app\n      dockerfile: Dockerfile.dev\n    env_file: .env\n    extends:\n      file: ./base.yaml\n      service: common\n    volumes:\n      - ./nginx.conf:/etc/nginx/nginx.conf:ro\n      - ../etc.conf:/etc/x.conf\n    secrets: [token]\n  worker:\n    image: alpine:3.20\n    env_file:\n      - ./missing.env\n      - .env\nsecrets:\n  token:\n    file: ./t.txt\n"}}}
<<< {"method":"textDocument/publishDiagnostics","params":{"uri":"file:///w/compose.yaml","diagnostics":"<any>"}}
>>> {"jsonrpc": "2.0", "id": 2, "method": "textDocument/documentLink", "params": {"textDocument": {"uri": "file:///w/compose.yaml"}}}
<<< {"method":"textDocument/publishDiagnostics","params":{"uri":"file:///w/app/Dockerfile.dev","diagnostics":"<any>"}}
<<< {"method":"textDocument/publishDiagnostics","params":{"uri":"file:///w/base.yaml","diagnostics":"<any>"}}
<<< {"jsonrpc":"2.0","id":2,"result":[{"range":{"start":{"line":1,"character":4},"end":{"line":1,"character":13}},"target":"file:///w/base.yaml"},{"range":{"start":{"line":22,"character":10},"end":{"line":22,"character":17}},"target":"file:///w/t.txt"},{"range":{"start":{"line":6,"character":18},"end":{"line":6,"character":32}},"target":"file:///w/app/Dockerfile.dev"},{"range":{"start":{"line":7,"character":14},"end":{"line":7,"character":18}},"target":"file:///w/.env"},{"range":{"start":{"line":9,"character":12},"end":{"line":9,"character":23}},"target":"file:///w/base.yaml"},{"range":{"start":{"line":12,"character":8},"end":{"line":12,"character":20}},"target":"file:///w/nginx.conf"},{"range":{"start":{"line":19,"character":8},"end":{"line":19,"character":12}},"target":"file:///w/.env"}]}
>>> {"jsonrpc": "2.0", "id": 3, "method": "textDocument/documentLink", "params": {"textDocument": {"uri": "file:///w/app/Dockerfile.dev"}}}
<<< {"jsonrpc":"2.0","id":3,"result":[{"range":{"start":{"line":0,"character":5},"end":{"line":0,"character":12}},"target":"https://hub.docker.com/_/node"},{"range":{"start":{"line":2,"character":5},"end":{"line":2,"character":26}},"target":"https://ghcr.io/acme/tool"},{"range":{"start":{"line":3,"character":5},"end":{"line":3,"character":109}},"target":"https://quay.io/repository/prometheus/node-exporter"},{"range":{"start":{"line":4,"character":5},"end":{"line":4,"character":37}},"target":"https://mcr.microsoft.com/artifact/mar/dotnet/sdk"},{"range":{"start":{"line":5,"character":5},"end":{"line":5,"character":20}},"target":"https://hub.docker.com/r/bitnami/redis"},{"range":{"start":{"line":6,"character":5},"end":{"line":6,"character":18}},"target":"https://hub.docker.com/_/nginx"}]}
>>> {"jsonrpc": "2.0", "id": 4, "method": "textDocument/documentLink", "params": {"textDocument": {"uri": "file:///w/nowhere.yaml"}}}
<<< {"jsonrpc":"2.0","id":4,"error":{"code":-32602,"message":"unknown document file:///w/nowhere.yaml (not open)"}}
>>> {"jsonrpc": "2.0", "id": 99, "method": "shutdown"}
<<< {"jsonrpc":"2.0","id":99,"result":null}
>>> {"jsonrpc": "2.0", "method": "exit"}
=== exit 0
