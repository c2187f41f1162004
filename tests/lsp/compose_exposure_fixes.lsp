# The not-preferred fixes of compose-build-and-image and
# compose-port-all-interfaces, which rule cases cannot show (fix-all
# applies preferred fixes only): `pull_policy: build` inserted with the
# service's indentation, `127.0.0.1:` inside the quotes of a short port,
# and `host_ip: 127.0.0.1` after the keys of a long-syntax port.
>>> {"jsonrpc":"2.0","id":1,"method":"initialize","params":{"initializationOptions":{"rules":{"compose-no-limits":"off","compose-writable-root":"off","compose-path-missing":"off"}},"processId":null,"rootUri":"file:///w","capabilities":{"textDocument":{"publishDiagnostics":{"versionSupport":true},"codeAction":{"codeActionLiteralSupport":{"codeActionKind":{"valueSet":["quickfix"]}}}}}}}
<<< {"jsonrpc":"2.0","id":1,"result":{"capabilities":{"positionEncoding":"utf-16"}}}
>>> {"jsonrpc":"2.0","method":"initialized","params":{}}
>>> {"jsonrpc":"2.0","method":"textDocument/didOpen","params":{"textDocument":{"uri":"file:///w/compose.yaml","languageId":"dockercompose","version":1,"text":"services:\n  web:\n    build: .\n    image: example/web:1.4\n  db:\n    image: postgres:16\n    ports:\n      - \"5432:5432\"\n      - published: 6379\n        target: 6379\n"}}}
<<< {"method":"textDocument/publishDiagnostics","params":{"version":1,"diagnostics":[{"code":"compose-build-and-image"},{"code":"compose-port-all-interfaces"},{"code":"compose-port-all-interfaces"}]}}
>>> {"jsonrpc":"2.0","id":2,"method":"textDocument/codeAction","params":{"textDocument":{"uri":"file:///w/compose.yaml"},"range":{"start":{"line":3,"character":4},"end":{"line":3,"character":4}},"context":{"diagnostics":[]}}}
<<< {"jsonrpc":"2.0","id":2,"result":[{"title":"Add `pull_policy: build`","isPreferred":false,"edit":{"changes":{"file:///w/compose.yaml":[{"range":{"start":{"line":4,"character":0},"end":{"line":4,"character":0}},"newText":"    pull_policy: build\n"}]}}},{"title":"Ignore compose-build-and-image for this key"},{"title":"Ignore compose-build-and-image for this file"}]}
>>> {"jsonrpc":"2.0","id":3,"method":"textDocument/codeAction","params":{"textDocument":{"uri":"file:///w/compose.yaml"},"range":{"start":{"line":7,"character":9},"end":{"line":7,"character":9}},"context":{"diagnostics":[]}}}
<<< {"jsonrpc":"2.0","id":3,"result":[{"title":"Bind to 127.0.0.1 only","isPreferred":false,"edit":{"changes":{"file:///w/compose.yaml":[{"range":{"start":{"line":7,"character":9},"end":{"line":7,"character":9}},"newText":"127.0.0.1:"}]}}},{"title":"Ignore compose-port-all-interfaces for this key"},{"title":"Ignore compose-port-all-interfaces for this file"}]}
>>> {"jsonrpc":"2.0","id":4,"method":"textDocument/codeAction","params":{"textDocument":{"uri":"file:///w/compose.yaml"},"range":{"start":{"line":8,"character":9},"end":{"line":8,"character":9}},"context":{"diagnostics":[]}}}
<<< {"jsonrpc":"2.0","id":4,"result":[{"title":"Bind to 127.0.0.1 only (`host_ip`)","isPreferred":false,"edit":{"changes":{"file:///w/compose.yaml":[{"range":{"start":{"line":10,"character":0},"end":{"line":10,"character":0}},"newText":"        host_ip: 127.0.0.1\n"}]}}},{"title":"Ignore compose-port-all-interfaces for this key"},{"title":"Ignore compose-port-all-interfaces for this file"}]}
>>> {"jsonrpc":"2.0","id":99,"method":"shutdown"}
<<< {"jsonrpc":"2.0","id":99,"result":null}
>>> {"jsonrpc":"2.0","method":"exit"}
=== exit 0
