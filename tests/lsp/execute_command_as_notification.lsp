# workspace/executeCommand sent as a notification (no id): dockls still
# applies the action (it sends workspace/applyEdit), and since nothing waits
# for the answer, the client's reply is only logged.  The title kept for the
# answer is freed (it leaked: found by fuzz_lsp_stream, caught by the
# sanitizer build, which runs every transcript).
>>> {"jsonrpc":"2.0","id":1,"method":"initialize","params":{"processId":null,"rootUri":"file:///w","capabilities":{"workspace":{"applyEdit":true},"textDocument":{"codeAction":{}}}}}
<<< {"jsonrpc":"2.0","id":1,"result":{"capabilities":{"executeCommandProvider":{"commands":["dockls.applyCodeAction"]}}}}
>>> {"jsonrpc":"2.0","method":"initialized","params":{}}
>>> {"jsonrpc":"2.0","method":"textDocument/didOpen","params":{"textDocument":{"uri":"file:///w/Dockerfile","languageId":"dockerfile","version":1,"text":"FROM alpine:3.20\nCMD nginx -g 'daemon off;'\n"}}}
<<< {"method":"textDocument/publishDiagnostics","params":{"uri":"file:///w/Dockerfile","version":1}}
>>> {"jsonrpc":"2.0","method":"workspace/executeCommand","params":{"command":"dockls.applyCodeAction","arguments":[{"textDocument":{"uri":"file:///w/Dockerfile","version":1},"range":{"start":{"line":1,"character":5},"end":{"line":1,"character":5}},"context":{"only":["refactor"]},"index":0,"title":"Convert CMD to exec form"}]}}
<<< {"jsonrpc":"2.0","id":1,"method":"workspace/applyEdit","params":{"label":"Convert CMD to exec form"}}
>>> {"jsonrpc":"2.0","id":1,"result":{"applied":true}}
>>> {"jsonrpc":"2.0","id":99,"method":"shutdown"}
<<< {"jsonrpc":"2.0","id":99,"result":null}
>>> {"jsonrpc":"2.0","method":"exit"}
=== exit 0
