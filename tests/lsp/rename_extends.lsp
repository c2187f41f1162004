# Rename across extends.file: base.yaml declares web, compose.yaml extends
# it with extends: {file: base.yaml, service: web}.  prepareRename on that
# service: gives the name; renaming it to front rewrites the declaration
# and the depends_on in base.yaml and the service: line in compose.yaml,
# not compose.yaml's own web.  A name compose.yaml already has (api) is
# refused when renaming from base.yaml.
>>> {"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {"initializationOptions": {"rules": {"compose-no-limits": "off", "compose-writable-root": "off"}}, "processId": null, "rootUri": "file:///w", "capabilities": {"textDocument": {"rename": {"prepareSupport": true}}}}}
<<< {"jsonrpc":"2.0","id":1,"result":{"capabilities":{"renameProvider":{"prepareProvider":true}}}}
>>> {"jsonrpc": "2.0", "method": "initialized", "params": {}}
>>> {"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"textDocument": {"uri": "file:///w/base.yaml", "languageId": "dockercompose", "version": 1, "text": "services:\n  web:\n    image: nginx:1.27\n  db:\n    image: postgres:16\n    depends_on: [web]\n"}}}
<<< {"method":"textDocument/publishDiagnostics","params":{"uri":"file:///w/base.yaml","diagnostics":"<any>"}}
>>> {"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"textDocument": {"uri": "file:///w/compose.yaml", "languageId": "dockercompose", "version": 1, "text": "services:\n  web:\n    extends:\n      file: base.yaml\n      service: web\n  api:\n    extends: web\n"}}}
<<< {"method":"textDocument/publishDiagnostics","params":{"uri":"file:///w/compose.yaml","diagnostics":"<any>"}}
<<< {"method":"textDocument/publishDiagnostics","params":{"uri":"file:///w/base.yaml","diagnostics":"<any>"}}
>>> {"jsonrpc": "2.0", "id": 2, "method": "textDocument/prepareRename", "params": {"textDocument": {"uri": "file:///w/compose.yaml"}, "position": {"line": 4, "character": 16}}}
<<< {"jsonrpc":"2.0","id":2,"result":{"range":{"start":{"line":4,"character":15},"end":{"line":4,"character":18}},"placeholder":"web"}}
>>> {"jsonrpc": "2.0", "id": 3, "method": "textDocument/rename", "params": {"textDocument": {"uri": "file:///w/compose.yaml"}, "position": {"line": 4, "character": 16}, "newName": "front"}}
<<< {"jsonrpc":"2.0","id":3,"result":{"changes":{"file:///w/base.yaml":[{"range":{"start":{"line":1,"character":2},"end":{"line":1,"character":5}},"newText":"front"},{"range":{"start":{"line":5,"character":17},"end":{"line":5,"character":20}},"newText":"front"}],"file:///w/compose.yaml":[{"range":{"start":{"line":4,"character":15},"end":{"line":4,"character":18}},"newText":"front"}]}}}
>>> {"jsonrpc": "2.0", "id": 4, "method": "textDocument/rename", "params": {"textDocument": {"uri": "file:///w/base.yaml"}, "position": {"line": 1, "character": 3}, "newName": "api"}}
<<< {"jsonrpc":"2.0","id":4,"error":{"code":-32803,"message":"a service named \"api\" already exists"}}
>>> {"jsonrpc": "2.0", "id": 99, "method": "shutdown"}
<<< {"jsonrpc":"2.0","id":99,"result":null}
>>> {"jsonrpc": "2.0", "method": "exit"}
=== exit 0
