# A YAML mistake typed inside one service (a line indented one space
# short, which makes tree-sitter-yaml drop the rest of the file) hides
# only that service: the next publish still holds the other services'
# diagnostics, before and after the mistake, beside libyaml's error; and
# typing on in another service while the mistake stays is seen there.
>>> {"jsonrpc":"2.0","id":1,"method":"initialize","params":{"initializationOptions":{"rules":{"compose-no-limits":"off","compose-writable-root":"off"}},"processId":null,"rootUri":"file:///w","capabilities":{"textDocument":{"publishDiagnostics":{"versionSupport":true}}}}}
<<< {"jsonrpc":"2.0","id":1,"result":{"capabilities":{"positionEncoding":"utf-16"}}}
>>> {"jsonrpc":"2.0","method":"initialized","params":{}}
>>> {"jsonrpc":"2.0","method":"textDocument/didOpen","params":{"textDocument":{"uri":"file:///w/compose.yaml","languageId":"dockercompose","version":1,"text":"services:\n  web:\n    image: nginx:latest\n  db:\n    image: postgres:16\n  cache:\n    image: redis\n"}}}
<<< {"jsonrpc":"2.0","method":"textDocument/publishDiagnostics","params":{"uri":"file:///w/compose.yaml","version":1,"diagnostics":[{"range":{"start":{"line":2,"character":11},"end":{"line":2,"character":23}},"code":"image-unpinned"},{"range":{"start":{"line":6,"character":11},"end":{"line":6,"character":16}},"code":"image-unpinned"}]}}
>>> {"jsonrpc":"2.0","method":"textDocument/didChange","params":{"textDocument":{"uri":"file:///w/compose.yaml","version":2},"contentChanges":[{"range":{"start":{"line":5,"character":0},"end":{"line":5,"character":0}},"text":"   restart: always\n"}]}}
<<< {"jsonrpc":"2.0","method":"textDocument/publishDiagnostics","params":{"uri":"file:///w/compose.yaml","version":2,"diagnostics":[{"range":{"start":{"line":2,"character":11},"end":{"line":2,"character":23}},"code":"image-unpinned"},{"range":{"start":{"line":5,"character":3},"end":{"line":5,"character":18}},"code":"syntax-error","message":"<contains:did not find expected key>"},{"range":{"start":{"line":7,"character":11},"end":{"line":7,"character":16}},"code":"image-unpinned"}]}}
>>> {"jsonrpc":"2.0","method":"textDocument/didChange","params":{"textDocument":{"uri":"file:///w/compose.yaml","version":3},"contentChanges":[{"range":{"start":{"line":7,"character":16},"end":{"line":7,"character":16}},"text":":latest"}]}}
<<< {"jsonrpc":"2.0","method":"textDocument/publishDiagnostics","params":{"uri":"file:///w/compose.yaml","version":3,"diagnostics":[{"range":{"start":{"line":2,"character":11},"end":{"line":2,"character":23}},"code":"image-unpinned"},{"range":{"start":{"line":5,"character":3},"end":{"line":5,"character":18}},"code":"syntax-error"},{"range":{"start":{"line":7,"character":11},"end":{"line":7,"character":23}},"code":"image-unpinned","message":"<contains:redis:latest>"}]}}
>>> {"jsonrpc":"2.0","id":99,"method":"shutdown"}
<<< {"jsonrpc":"2.0","id":99,"result":null}
>>> {"jsonrpc":"2.0","method":"exit"}
=== exit 0
