# Hover on an instruction keyword shows that instruction's reference; on
# a diagnostic it shows the rule's page, after the keyword's help where
# both apply; on the image, what the image table knows.  The lower-case
# `healthcheck` among upper-case keywords is also instruction-casing's.
>>> {"jsonrpc":"2.0","id":1,"method":"initialize","params":{"initializationOptions":{"rules":{"os-package-unpinned": "off", "apt-get-no-recommends": "off", "user-root":"off"}},"capabilities":{}}}
<<< {"jsonrpc":"2.0","id":1,"result":{"capabilities":{"positionEncoding":"utf-16"}}}
>>> {"jsonrpc":"2.0","method":"initialized","params":{}}
>>> {"jsonrpc":"2.0","method":"textDocument/didOpen","params":{"textDocument":{"uri":"file:///w/Dockerfile","languageId":"dockerfile","version":1,"text":"FROM alpine:3.20\nhealthcheck CMD wget -q --spider http://127.0.0.1/ || exit 1\nRUN apk add curl\n"}}}
<<< {"method":"textDocument/publishDiagnostics","params":{"version":1,"diagnostics":[{"code":"instruction-casing"},{"code":"apk-no-cache"}]}}
>>> {"jsonrpc":"2.0","id":2,"method":"textDocument/hover","params":{"textDocument":{"uri":"file:///w/Dockerfile"},"position":{"line":1,"character":4}}}
<<< {"jsonrpc":"2.0","id":2,"result":{"contents":{"kind":"markdown","value":"<contains:**HEALTHCHECK**>"},"range":{"start":{"line":1,"character":0},"end":{"line":1,"character":11}}}}
>>> {"jsonrpc":"2.0","id":3,"method":"textDocument/hover","params":{"textDocument":{"uri":"file:///w/Dockerfile"},"position":{"line":0,"character":2}}}
<<< {"jsonrpc":"2.0","id":3,"result":{"contents":{"value":"<contains:Starts a build stage>"}}}
>>> {"jsonrpc":"2.0","id":4,"method":"textDocument/hover","params":{"textDocument":{"uri":"file:///w/Dockerfile"},"position":{"line":2,"character":5}}}
<<< {"jsonrpc":"2.0","id":4,"result":{"contents":{"value":"<contains:# apk-no-cache>"}}}
>>> {"jsonrpc":"2.0","id":5,"method":"textDocument/hover","params":{"textDocument":{"uri":"file:///w/Dockerfile"},"position":{"line":0,"character":10}}}
<<< {"jsonrpc":"2.0","id":5,"result":{"contents":{"value":"<contains:package manager: apk>"}}}
>>> {"jsonrpc":"2.0","id":99,"method":"shutdown"}
<<< {"jsonrpc":"2.0","id":99,"result":null}
>>> {"jsonrpc":"2.0","method":"exit"}
=== exit 0
