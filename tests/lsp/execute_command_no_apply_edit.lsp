# A client that does not declare workspace.applyEdit cannot be sent the
# edit of a command: executeCommand fails at once with -32803 saying so,
# and no request is sent to the client.
>>> {"jsonrpc":"2.0","id":1,"method":"initialize","params":{"processId":null,"rootUri":"file:///w","capabilities":{}}}
<<< {"jsonrpc":"2.0","id":1,"result":"<any>"}
>>> {"jsonrpc":"2.0","method":"initialized","params":{}}
>>> {"jsonrpc":"2.0","method":"textDocument/didOpen","params":{"textDocument":{"uri":"file:///w/Dockerfile","languageId":"dockerfile","version":1,"text":"FROM alpine:3.20\nCMD nginx -g 'daemon off;'\n"}}}
<<< {"method":"textDocument/publishDiagnostics","params":{"uri":"file:///w/Dockerfile"}}
>>> {"jsonrpc":"2.0","id":2,"method":"workspace/executeCommand","params":{"command":"dockls.applyCodeAction","arguments":[{"textDocument":{"uri":"file:///w/Dockerfile","version":1},"range":{"start":{"line":1,"character":5},"end":{"line":1,"character":5}},"context":{"only":["refactor"]},"index":0,"title":"Convert CMD to exec form"}]}}
<<< {"jsonrpc":"2.0","id":2,"error":{"code":-32803,"message":"the client does not declare workspace.applyEdit, so dockls cannot apply \"Convert CMD to exec form\""}}
>>> {"jsonrpc":"2.0","id":99,"method":"shutdown"}
<<< {"jsonrpc":"2.0","id":99,"result":null}
>>> {"jsonrpc":"2.0","method":"exit"}
=== exit 0
