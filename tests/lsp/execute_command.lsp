# A client without codeActionLiteralSupport gets each code action as a
# Command (dockls.applyCodeAction, naming the request, version, place and
# title of the action).  Executing it sends workspace/applyEdit with the
# action's edit, and the executeCommand answer waits for the client's
# answer to that request: the hover asked in between is answered first.
# Then the client's own edit makes the command stale (-32803 naming both
# versions); a refused applyEdit (an error) and one not applied
# (applied: false) each fail the command with the client's reason, and a
# second answer to the same request is ignored.
>>> {"jsonrpc":"2.0","id":1,"method":"initialize","params":{"processId":null,"rootUri":"file:///w","capabilities":{"workspace":{"applyEdit":true},"textDocument":{"codeAction":{}}}}}
<<< {"jsonrpc":"2.0","id":1,"result":{"capabilities":{"codeActionProvider":{"codeActionKinds":["quickfix","refactor.rewrite","source.fixAll.dockls"]},"executeCommandProvider":{"commands":["dockls.applyCodeAction"]}}}}
>>> {"jsonrpc":"2.0","method":"initialized","params":{}}
>>> {"jsonrpc":"2.0","method":"textDocument/didOpen","params":{"textDocument":{"uri":"file:///w/Dockerfile","languageId":"dockerfile","version":1,"text":"FROM alpine:3.20\nCMD nginx -g 'daemon off;'\n"}}}
<<< {"method":"textDocument/publishDiagnostics","params":{"uri":"file:///w/Dockerfile","version":1}}
>>> {"jsonrpc":"2.0","id":2,"method":"textDocument/codeAction","params":{"textDocument":{"uri":"file:///w/Dockerfile"},"range":{"start":{"line":1,"character":5},"end":{"line":1,"character":5}},"context":{"diagnostics":[],"only":["refactor"]}}}
<<< {"jsonrpc":"2.0","id":2,"result":[{"title":"Convert CMD to exec form","command":"dockls.applyCodeAction","arguments":[{"textDocument":{"uri":"file:///w/Dockerfile","version":1},"range":{"start":{"line":1,"character":5},"end":{"line":1,"character":5}},"context":{"only":["refactor"]},"index":0,"title":"Convert CMD to exec form"}]}]}
>>> {"jsonrpc":"2.0","id":3,"method":"workspace/executeCommand","params":{"command":"dockls.applyCodeAction","arguments":[{"textDocument":{"uri":"file:///w/Dockerfile","version":1},"range":{"start":{"line":1,"character":5},"end":{"line":1,"character":5}},"context":{"only":["refactor"]},"index":0,"title":"Convert CMD to exec form"}]}}
<<< {"jsonrpc":"2.0","id":1,"method":"workspace/applyEdit","params":{"label":"Convert CMD to exec form","edit":{"changes":{"file:///w/Dockerfile":[{"range":{"start":{"line":1,"character":4},"end":{"line":1,"character":26}},"newText":"[\"nginx\", \"-g\", \"daemon off;\"]"}]}}}}
>>> {"jsonrpc":"2.0","id":4,"method":"textDocument/hover","params":{"textDocument":{"uri":"file:///w/Dockerfile"},"position":{"line":0,"character":1}}}
<<< {"jsonrpc":"2.0","id":4,"result":"<any>"}
>>> {"jsonrpc":"2.0","id":1,"result":{"applied":true}}
<<< {"jsonrpc":"2.0","id":3,"result":null}
>>> {"jsonrpc":"2.0","method":"textDocument/didChange","params":{"textDocument":{"uri":"file:///w/Dockerfile","version":2},"contentChanges":[{"range":{"start":{"line":1,"character":4},"end":{"line":1,"character":26}},"text":"[\"nginx\", \"-g\", \"daemon off;\"]"}]}}
<<< {"method":"textDocument/publishDiagnostics","params":{"uri":"file:///w/Dockerfile","version":2}}
>>> {"jsonrpc":"2.0","id":5,"method":"workspace/executeCommand","params":{"command":"dockls.applyCodeAction","arguments":[{"textDocument":{"uri":"file:///w/Dockerfile","version":1},"range":{"start":{"line":1,"character":5},"end":{"line":1,"character":5}},"context":{"only":["refactor"]},"index":0,"title":"Convert CMD to exec form"}]}}
<<< {"jsonrpc":"2.0","id":5,"error":{"code":-32803,"message":"\"Convert CMD to exec form\" was computed for version 1 of file:///w/Dockerfile, which is now at version 2: ask for code actions again"}}
>>> {"jsonrpc":"2.0","id":6,"method":"textDocument/codeAction","params":{"textDocument":{"uri":"file:///w/Dockerfile"},"range":{"start":{"line":1,"character":5},"end":{"line":1,"character":5}},"context":{"diagnostics":[],"only":["refactor.rewrite"]}}}
<<< {"jsonrpc":"2.0","id":6,"result":[{"title":"Convert CMD to shell form","command":"dockls.applyCodeAction","arguments":[{"textDocument":{"version":2},"index":0}]}]}
>>> {"jsonrpc":"2.0","id":7,"method":"workspace/executeCommand","params":{"command":"dockls.applyCodeAction","arguments":[{"textDocument":{"uri":"file:///w/Dockerfile","version":2},"range":{"start":{"line":1,"character":5},"end":{"line":1,"character":5}},"context":{"only":["refactor.rewrite"]},"index":0,"title":"Convert CMD to shell form"}]}}
<<< {"jsonrpc":"2.0","id":2,"method":"workspace/applyEdit","params":{"label":"Convert CMD to shell form","edit":{"changes":{"file:///w/Dockerfile":[{"range":{"start":{"line":1,"character":4},"end":{"line":1,"character":34}},"newText":"nginx -g 'daemon off;'"}]}}}}
>>> {"jsonrpc":"2.0","id":2,"error":{"code":-32000,"message":"the user cancelled"}}
<<< {"jsonrpc":"2.0","id":7,"error":{"code":-32803,"message":"the client refused to apply \"Convert CMD to shell form\": the user cancelled (-32000)"}}
>>> {"jsonrpc":"2.0","id":8,"method":"workspace/executeCommand","params":{"command":"dockls.applyCodeAction","arguments":[{"textDocument":{"uri":"file:///w/Dockerfile","version":2},"range":{"start":{"line":1,"character":5},"end":{"line":1,"character":5}},"context":{"only":["refactor.rewrite"]},"index":0,"title":"Convert CMD to shell form"}]}}
<<< {"jsonrpc":"2.0","id":3,"method":"workspace/applyEdit","params":{"label":"Convert CMD to shell form"}}
>>> {"jsonrpc":"2.0","id":3,"result":{"applied":false,"failureReason":"the file is read-only"}}
<<< {"jsonrpc":"2.0","id":8,"error":{"code":-32803,"message":"the client did not apply \"Convert CMD to shell form\": the file is read-only"}}
>>> {"jsonrpc":"2.0","id":3,"result":{"applied":true}}
>>> {"jsonrpc":"2.0","id":99,"method":"shutdown"}
<<< {"jsonrpc":"2.0","id":99,"result":null}
>>> {"jsonrpc":"2.0","method":"exit"}
=== exit 0
