# runtime-dir-missing reads the copied supervisord.conf from the open
# buffer; editing the buffer re-publishes the Dockerfile.  The quick-fix
# inserts the mkdir line before CMD.
>>> {"jsonrpc":"2.0","id":1,"method":"initialize","params":{"processId":null,"rootUri":"file:///w","initializationOptions":{"rules":{"os-package-unpinned": "off", "apt-get-no-recommends": "off", "user-root":"off","image-unpinned":"off","shell-form-cmd":"off","healthcheck-missing":"off"}},"capabilities":{"textDocument":{"codeAction":{"codeActionLiteralSupport":{"codeActionKind":{"valueSet":["quickfix","refactor","source"]}}}}}}}
<<< {"jsonrpc":"2.0","id":1,"result":{"capabilities":{}}}
>>> {"jsonrpc":"2.0","method":"initialized","params":{}}
>>> {"jsonrpc":"2.0","method":"textDocument/didOpen","params":{"textDocument":{"uri":"file:///w/supervisord.conf","languageId":"ini","version":1,"text":"[supervisord]\nlogfile=/var/log/supervisor/supervisord.log\n"}}}
>>> {"jsonrpc":"2.0","method":"textDocument/didOpen","params":{"textDocument":{"uri":"file:///w/Dockerfile","languageId":"dockerfile","version":1,"text":"FROM python:3.12-alpine\nRUN apk add --no-cache supervisor\nCOPY supervisord.conf /etc/supervisord.conf\nUSER root\nCMD [\"supervisord\", \"-n\", \"-c\", \"/etc/supervisord.conf\"]\n"}}}
<<< {"method":"textDocument/publishDiagnostics","params":{"uri":"file:///w/Dockerfile","diagnostics":[{"code":"runtime-dir-missing","severity":1,"range":{"start":{"line":4,"character":5},"end":{"line":4,"character":18}},"relatedInformation":[{"location":{"uri":"file:///w/supervisord.conf","range":{"start":{"line":1,"character":8},"end":{"line":1,"character":43}}}}]}]}}
>>> {"jsonrpc":"2.0","id":2,"method":"textDocument/codeAction","params":{"textDocument":{"uri":"file:///w/Dockerfile"},"range":{"start":{"line":4,"character":5},"end":{"line":4,"character":18}},"context":{"diagnostics":[]}}}
<<< {"jsonrpc":"2.0","id":2,"result":[{"title":"Create /var/log/supervisor with RUN mkdir -p","isPreferred":true,"edit":{"changes":{"file:///w/Dockerfile":[{"range":{"start":{"line":4,"character":0},"end":{"line":4,"character":0}},"newText":"RUN mkdir -p /var/log/supervisor\n"}]}}},{"title":"Ignore runtime-dir-missing for this instruction","kind":"quickfix","isPreferred":false},{"title":"Ignore runtime-dir-missing for this file","kind":"quickfix","isPreferred":false},{"title":"Convert CMD to shell form","kind":"refactor.rewrite","edit":{"changes":{"file:///w/Dockerfile":[{"range":{"start":{"line":4,"character":4},"end":{"line":4,"character":56}},"newText":"supervisord -n -c /etc/supervisord.conf"}]}}}]}
>>> {"jsonrpc":"2.0","method":"textDocument/didChange","params":{"textDocument":{"uri":"file:///w/supervisord.conf","version":2},"contentChanges":[{"text":"[supervisord]\nlogfile=/dev/stdout\nlogfile_maxbytes=0\n"}]}}
<<< {"method":"textDocument/publishDiagnostics","params":{"uri":"file:///w/Dockerfile","diagnostics":[]}}
>>> {"jsonrpc":"2.0","id":99,"method":"shutdown"}
<<< {"jsonrpc":"2.0","id":99,"result":null}
>>> {"jsonrpc":"2.0","method":"exit"}
=== exit 0
