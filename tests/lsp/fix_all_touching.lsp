# source.fixAll offers fixes that can be applied together: both build
# groups want their `apk del` at the very end of the RUN (one offset), so
# only the first goes into the action, with the independent --no-cache of
# the next RUN; the other is offered again once the text has moved.
>>> {"jsonrpc":"2.0","id":1,"method":"initialize","params":{"capabilities":{}}}
<<< {"jsonrpc":"2.0","id":1,"result":{"capabilities":{}}}
>>> {"jsonrpc":"2.0","method":"textDocument/didOpen","params":{"textDocument":{"uri":"file:///w/Dockerfile","languageId":"dockerfile","version":1,"text":"FROM php:8.3-fpm-alpine\nRUN apk add --no-cache --virtual .build-deps gcc && apk add --no-cache --virtual .fetch-deps curl\nRUN apk add git\nUSER www-data\n"}}}
<<< {"method":"textDocument/publishDiagnostics","params":{"diagnostics":[{"code":"build-deps-not-removed"},{"code":"build-deps-not-removed"},{"code":"apk-no-cache"}]}}
>>> {"jsonrpc":"2.0","id":2,"method":"textDocument/codeAction","params":{"textDocument":{"uri":"file:///w/Dockerfile"},"range":{"start":{"line":0,"character":0},"end":{"line":0,"character":0}},"context":{"diagnostics":[],"only":["source.fixAll"]}}}
<<< {"jsonrpc":"2.0","id":2,"result":[{"kind":"source.fixAll.dockls","edit":{"changes":{"file:///w/Dockerfile":[{"range":{"start":{"line":1,"character":97},"end":{"line":1,"character":97}},"newText":" && apk del .build-deps"},{"range":{"start":{"line":2,"character":11},"end":{"line":2,"character":11}},"newText":" --no-cache"}]}}}]}
>>> {"jsonrpc":"2.0","id":99,"method":"shutdown"}
<<< {"jsonrpc":"2.0","id":99,"result":null}
>>> {"jsonrpc":"2.0","method":"exit"}
=== exit 0
