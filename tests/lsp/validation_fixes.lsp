# Validation rules (issue 12, section F, part 3) through the server:
# copy-ignored-file reads .dockerignore from the open buffer, and editing
# that buffer re-publishes the Dockerfile; the fixes that fix-all never
# applies (not preferred) are still offered as code actions with their
# edits: splitting an ENV, the two escape characters, declaring a stage's
# ARG above the first FROM.
>>> {"jsonrpc":"2.0","id":1,"method":"initialize","params":{"processId":null,"rootUri":"file:///w","initializationOptions":{"rules":{"user-root":"off","image-unpinned":"off","shell-form-cmd":"off","healthcheck-missing":"off"}},"capabilities":{"textDocument":{"codeAction":{"codeActionLiteralSupport":{"codeActionKind":{"valueSet":["quickfix"]}}}}}}}
<<< {"jsonrpc":"2.0","id":1,"result":{"capabilities":{}}}
>>> {"jsonrpc":"2.0","method":"initialized","params":{}}
>>> {"jsonrpc":"2.0","method":"textDocument/didOpen","params":{"textDocument":{"uri":"file:///w/.dockerignore","languageId":"ignore","version":1,"text":"local.conf\n"}}}
>>> {"jsonrpc":"2.0","method":"textDocument/didOpen","params":{"textDocument":{"uri":"file:///w/Dockerfile","languageId":"dockerfile","version":1,"text":"FROM alpine:3.20\nCOPY local.conf /etc/app.conf\n"}}}
<<< {"method":"textDocument/publishDiagnostics","params":{"uri":"file:///w/Dockerfile","diagnostics":[{"code":"copy-ignored-file","severity":1,"range":{"start":{"line":1,"character":5},"end":{"line":1,"character":15}}}]}}
>>> {"jsonrpc":"2.0","method":"textDocument/didChange","params":{"textDocument":{"uri":"file:///w/.dockerignore","version":2},"contentChanges":[{"text":"node_modules\n"}]}}
<<< {"method":"textDocument/publishDiagnostics","params":{"uri":"file:///w/Dockerfile","diagnostics":[]}}
>>> {"jsonrpc":"2.0","method":"textDocument/didOpen","params":{"textDocument":{"uri":"file:///w/env/Dockerfile","languageId":"dockerfile","version":1,"text":"FROM alpine:3.20\nENV A=1 B=$A\n"}}}
<<< {"method":"textDocument/publishDiagnostics","params":{"uri":"file:///w/env/Dockerfile","diagnostics":[{"code":"env-same-statement-ref","severity":2,"range":{"start":{"line":1,"character":10},"end":{"line":1,"character":12}}}]}}
>>> {"jsonrpc":"2.0","id":2,"method":"textDocument/codeAction","params":{"textDocument":{"uri":"file:///w/env/Dockerfile"},"range":{"start":{"line":1,"character":10},"end":{"line":1,"character":10}},"context":{"diagnostics":[]}}}
<<< {"jsonrpc":"2.0","id":2,"result":[{"title":"Split the ENV so this value sees the new one","isPreferred":false,"edit":{"changes":{"file:///w/env/Dockerfile":[{"range":{"start":{"line":1,"character":7},"end":{"line":1,"character":8}},"newText":"\nENV "}]}}},{"title":"Ignore env-same-statement-ref for this instruction","kind":"quickfix","isPreferred":false},{"title":"Ignore env-same-statement-ref for this file","kind":"quickfix","isPreferred":false}]}
>>> {"jsonrpc":"2.0","method":"textDocument/didOpen","params":{"textDocument":{"uri":"file:///w/esc/Dockerfile","languageId":"dockerfile","version":1,"text":"# escape=x\nFROM alpine:3.20\n"}}}
<<< {"method":"textDocument/publishDiagnostics","params":{"uri":"file:///w/esc/Dockerfile","diagnostics":[{"code":"escape-directive-invalid","severity":1,"range":{"start":{"line":0,"character":9},"end":{"line":0,"character":10}}}]}}
>>> {"jsonrpc":"2.0","id":3,"method":"textDocument/codeAction","params":{"textDocument":{"uri":"file:///w/esc/Dockerfile"},"range":{"start":{"line":0,"character":9},"end":{"line":0,"character":9}},"context":{"diagnostics":[]}}}
<<< {"jsonrpc":"2.0","id":3,"result":[{"title":"Set the escape character to `\\`","isPreferred":false,"edit":{"changes":{"file:///w/esc/Dockerfile":[{"range":{"start":{"line":0,"character":9},"end":{"line":0,"character":10}},"newText":"\\"}]}}},{"title":"Set the escape character to `` ` ``","isPreferred":false,"edit":{"changes":{"file:///w/esc/Dockerfile":[{"range":{"start":{"line":0,"character":9},"end":{"line":0,"character":10}},"newText":"`"}]}}},{"title":"Ignore escape-directive-invalid for this file","kind":"quickfix","isPreferred":false}]}
>>> {"jsonrpc":"2.0","method":"textDocument/didOpen","params":{"textDocument":{"uri":"file:///w/arg/Dockerfile","languageId":"dockerfile","version":1,"text":"FROM alpine:3.20 AS base\nARG GO_VERSION=1.22\nFROM golang:${GO_VERSION}\n"}}}
<<< {"method":"textDocument/publishDiagnostics","params":{"uri":"file:///w/arg/Dockerfile","diagnostics":[{"code":"from-arg-undeclared","severity":2,"range":{"start":{"line":2,"character":14},"end":{"line":2,"character":24}}}]}}
>>> {"jsonrpc":"2.0","id":4,"method":"textDocument/codeAction","params":{"textDocument":{"uri":"file:///w/arg/Dockerfile"},"range":{"start":{"line":2,"character":14},"end":{"line":2,"character":14}},"context":{"diagnostics":[]}}}
<<< {"jsonrpc":"2.0","id":4,"result":[{"title":"Declare the ARG before the first FROM","isPreferred":false,"edit":{"changes":{"file:///w/arg/Dockerfile":[{"range":{"start":{"line":0,"character":0},"end":{"line":0,"character":0}},"newText":"ARG GO_VERSION\n"}]}}},{"title":"Ignore from-arg-undeclared for this instruction","kind":"quickfix","isPreferred":false},{"title":"Ignore from-arg-undeclared for this file","kind":"quickfix","isPreferred":false}]}
>>> {"jsonrpc":"2.0","id":99,"method":"shutdown"}
<<< {"jsonrpc":"2.0","id":99,"result":null}
>>> {"jsonrpc":"2.0","method":"exit"}
=== exit 0
