# Cross-file re-publish in both directions.  The compose file builds
# web/Dockerfile and defines a healthcheck.  While the Dockerfile has no
# HEALTHCHECK, nothing is reported; opening it with one re-publishes the
# compose file with healthcheck-defined-twice (related information points
# at the Dockerfile); removing the Dockerfile's HEALTHCHECK re-publishes
# the compose file clean again.  Then the compose file itself changes (its
# healthcheck goes away) and is re-published, and so is the Dockerfile:
# the compose file names its build context, which the Dockerfile's
# build-context rules read.
>>> {"jsonrpc":"2.0","id":1,"method":"initialize","params":{"initializationOptions":{"rules":{"compose-no-limits":"off","compose-writable-root":"off","compose-path-missing":"off"}},"processId":null,"rootUri":"file:///w","capabilities":{"textDocument":{"publishDiagnostics":{"versionSupport":true}}}}}
<<< {"jsonrpc":"2.0","id":1,"result":{"capabilities":{}}}
>>> {"jsonrpc":"2.0","method":"initialized","params":{}}
>>> {"jsonrpc":"2.0","method":"textDocument/didOpen","params":{"textDocument":{"uri":"file:///w/compose.yaml","languageId":"dockercompose","version":1,"text":"services:\n  web:\n    build: ./web\n    healthcheck:\n      test: [\"CMD\", \"true\"]\n"}}}
<<< {"jsonrpc":"2.0","method":"textDocument/publishDiagnostics","params":{"uri":"file:///w/compose.yaml","version":1,"diagnostics":[]}}
>>> {"jsonrpc":"2.0","method":"textDocument/didOpen","params":{"textDocument":{"uri":"file:///w/web/Dockerfile","languageId":"dockerfile","version":1,"text":"FROM nginx:1.27\nHEALTHCHECK CMD true\n"}}}
<<< {"jsonrpc":"2.0","method":"textDocument/publishDiagnostics","params":{"uri":"file:///w/web/Dockerfile","version":1,"diagnostics":"<any>"}}
<<< {"jsonrpc":"2.0","method":"textDocument/publishDiagnostics","params":{"uri":"file:///w/compose.yaml","version":1,"diagnostics":[{"range":{"start":{"line":3,"character":4},"end":{"line":3,"character":15}},"severity":2,"code":"healthcheck-defined-twice","relatedInformation":[{"location":{"uri":"file:///w/web/Dockerfile"}}]}]}}
>>> {"jsonrpc":"2.0","method":"textDocument/didChange","params":{"textDocument":{"uri":"file:///w/web/Dockerfile","version":2},"contentChanges":[{"range":{"start":{"line":1,"character":0},"end":{"line":2,"character":0}},"text":""}]}}
<<< {"jsonrpc":"2.0","method":"textDocument/publishDiagnostics","params":{"uri":"file:///w/web/Dockerfile","version":2,"diagnostics":"<any>"}}
<<< {"jsonrpc":"2.0","method":"textDocument/publishDiagnostics","params":{"uri":"file:///w/compose.yaml","version":1,"diagnostics":[]}}
>>> {"jsonrpc":"2.0","method":"textDocument/didChange","params":{"textDocument":{"uri":"file:///w/compose.yaml","version":2},"contentChanges":[{"range":{"start":{"line":3,"character":0},"end":{"line":5,"character":0}},"text":""}]}}
<<< {"jsonrpc":"2.0","method":"textDocument/publishDiagnostics","params":{"uri":"file:///w/compose.yaml","version":2,"diagnostics":[]}}
<<< {"jsonrpc":"2.0","method":"textDocument/publishDiagnostics","params":{"uri":"file:///w/web/Dockerfile","version":2,"diagnostics":"<any>"}}
>>> {"jsonrpc":"2.0","id":99,"method":"shutdown"}
<<< {"jsonrpc":"2.0","id":99,"result":null}
>>> {"jsonrpc":"2.0","method":"exit"}
=== exit 0
