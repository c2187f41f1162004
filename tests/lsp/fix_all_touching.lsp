# source.fixAll brings the document to the text `dockls check --fix`
# leaves, which one pass of compatible fixes does not: apt-get-no-yes's
# ` -y` and apt-get-lists's ` && rm -rf …` are both insertions at the very
# end of the RUN (one offset), so a single pass could take only the first
# (with the independent --no-cache of the next RUN) and left the second
# diagnostic behind.  The rounds run on a scratch copy, and the action is
# one edit from the first changed byte to the last, with both insertions.  The document itself is not changed: a
# second request answers the same.
>>> {"jsonrpc":"2.0","id":1,"method":"initialize","params":{"initializationOptions":{"rules":{"os-package-unpinned":"off","apt-get-no-recommends":"off"}},"capabilities":{"textDocument":{"codeAction":{"codeActionLiteralSupport":{"codeActionKind":{"valueSet":["quickfix","refactor","source"]}}}}}}}
<<< {"jsonrpc":"2.0","id":1,"result":{"capabilities":{}}}
>>> {"jsonrpc":"2.0","method":"textDocument/didOpen","params":{"textDocument":{"uri":"file:///w/Dockerfile","languageId":"dockerfile","version":1,"text":"FROM debian:12\nRUN apt-get update && apt-get install\nRUN apk add git\nUSER 65534\n"}}}
<<< {"method":"textDocument/publishDiagnostics","params":{"diagnostics":[{"code":"apt-get-no-yes"},{"code":"apt-get-lists"},{"code":"apk-no-cache"}]}}
>>> {"jsonrpc":"2.0","id":2,"method":"textDocument/codeAction","params":{"textDocument":{"uri":"file:///w/Dockerfile"},"range":{"start":{"line":0,"character":0},"end":{"line":0,"character":0}},"context":{"diagnostics":[],"only":["source.fixAll"]}}}
<<< {"jsonrpc":"2.0","id":2,"result":[{"kind":"source.fixAll.dockls","edit":{"changes":{"file:///w/Dockerfile":[{"range":{"start":{"line":1,"character":37},"end":{"line":2,"character":11}},"newText":" -y && rm -rf /var/lib/apt/lists/*\nRUN apk add --no-cache"}]}}}]}
>>> {"jsonrpc":"2.0","id":3,"method":"textDocument/codeAction","params":{"textDocument":{"uri":"file:///w/Dockerfile"},"range":{"start":{"line":0,"character":0},"end":{"line":0,"character":0}},"context":{"diagnostics":[],"only":["source.fixAll"]}}}
<<< {"jsonrpc":"2.0","id":3,"result":[{"kind":"source.fixAll.dockls","edit":{"changes":{"file:///w/Dockerfile":[{"range":{"start":{"line":1,"character":37},"end":{"line":2,"character":11}},"newText":" -y && rm -rf /var/lib/apt/lists/*\nRUN apk add --no-cache"}]}}}]}
>>> {"jsonrpc":"2.0","id":99,"method":"shutdown"}
<<< {"jsonrpc":"2.0","id":99,"result":null}
>>> {"jsonrpc":"2.0","method":"exit"}
=== exit 0
