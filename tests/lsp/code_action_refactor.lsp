# Refactors as CodeAction literals (kind refactor.rewrite, never
# preferred, no diagnostics): a RUN chain split onto continuation lines
# with the file's CRLF line breaks, and a CMD whose conversion to exec
# form is the very edit of the shell-form-cmd quick-fix, which is then
# listed once, as the quick-fix.  `only: ["quickfix"]` leaves the
# refactors out.
>>> {"jsonrpc":"2.0","id":1,"method":"initialize","params":{"processId":null,"rootUri":"file:///w","initializationOptions":{"rules":{"os-package-unpinned": "off", "apt-get-no-recommends": "off", "user-root":"off","image-unpinned":"off"}},"capabilities":{"textDocument":{"codeAction":{"codeActionLiteralSupport":{"codeActionKind":{"valueSet":["quickfix","refactor","source"]}}}}}}}
<<< {"jsonrpc":"2.0","id":1,"result":"<any>"}
>>> {"jsonrpc":"2.0","method":"initialized","params":{}}
>>> {"jsonrpc":"2.0","method":"textDocument/didOpen","params":{"textDocument":{"uri":"file:///w/Dockerfile","languageId":"dockerfile","version":1,"text":"FROM alpine:3.20\r\nRUN apk add --no-cache curl && mkdir /app && echo ok\r\nCMD node server.js\r\n"}}}
<<< {"method":"textDocument/publishDiagnostics","params":{"uri":"file:///w/Dockerfile","diagnostics":[{"code":"shell-form-cmd","range":{"start":{"line":2,"character":0},"end":{"line":2,"character":18}}}]}}
>>> {"jsonrpc":"2.0","id":2,"method":"textDocument/codeAction","params":{"textDocument":{"uri":"file:///w/Dockerfile"},"range":{"start":{"line":1,"character":10},"end":{"line":1,"character":10}},"context":{"diagnostics":[]}}}
<<< {"jsonrpc":"2.0","id":2,"result":[{"title":"Split the && chain: one command per line","kind":"refactor.rewrite","edit":{"changes":{"file:///w/Dockerfile":[{"range":{"start":{"line":1,"character":27},"end":{"line":1,"character":31}},"newText":" \\\r\n    && "},{"range":{"start":{"line":1,"character":41},"end":{"line":1,"character":45}},"newText":" \\\r\n    && "}]}}}]}
>>> {"jsonrpc":"2.0","id":3,"method":"textDocument/codeAction","params":{"textDocument":{"uri":"file:///w/Dockerfile"},"range":{"start":{"line":2,"character":5},"end":{"line":2,"character":5}},"context":{"diagnostics":[]}}}
<<< {"jsonrpc":"2.0","id":3,"result":[{"title":"Rewrite in exec form (JSON array)","kind":"quickfix","isPreferred":true,"edit":{"changes":{"file:///w/Dockerfile":[{"range":{"start":{"line":2,"character":4},"end":{"line":2,"character":18}},"newText":"[\"node\", \"server.js\"]"}]}}},{"title":"Ignore shell-form-cmd for this instruction"},{"title":"Ignore shell-form-cmd for this file"}]}
>>> {"jsonrpc":"2.0","id":4,"method":"textDocument/codeAction","params":{"textDocument":{"uri":"file:///w/Dockerfile"},"range":{"start":{"line":2,"character":5},"end":{"line":2,"character":5}},"context":{"diagnostics":[],"only":["refactor"]}}}
<<< {"jsonrpc":"2.0","id":4,"result":[{"title":"Convert CMD to exec form","kind":"refactor.rewrite","edit":{"changes":{"file:///w/Dockerfile":[{"range":{"start":{"line":2,"character":4},"end":{"line":2,"character":18}},"newText":"[\"node\", \"server.js\"]"}]}}}]}
>>> {"jsonrpc":"2.0","id":5,"method":"textDocument/codeAction","params":{"textDocument":{"uri":"file:///w/Dockerfile"},"range":{"start":{"line":1,"character":10},"end":{"line":1,"character":10}},"context":{"diagnostics":[],"only":["quickfix"]}}}
<<< {"jsonrpc":"2.0","id":5,"result":[]}
>>> {"jsonrpc":"2.0","id":99,"method":"shutdown"}
<<< {"jsonrpc":"2.0","id":99,"result":null}
>>> {"jsonrpc":"2.0","method":"exit"}
=== exit 0
