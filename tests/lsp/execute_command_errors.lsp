# workspace/executeCommand refuses what it cannot apply, with a precise
# error and no workspace/applyEdit (the exact message count shows none was
# sent), and the document keeps its text: an unknown command, arguments
# that are not the one object the code action answer gave (not an array,
# a missing field, an index that is not a whole number of a safe size), an
# unknown document, an action no longer at that
# place or under that title, a range outside the document.  A
# well-formed command still works after them.
>>> {"jsonrpc":"2.0","id":1,"method":"initialize","params":{"processId":null,"rootUri":"file:///w","capabilities":{"workspace":{"applyEdit":true}}}}
<<< {"jsonrpc":"2.0","id":1,"result":{"capabilities":{"executeCommandProvider":{"commands":["dockls.applyCodeAction"]}}}}
>>> {"jsonrpc":"2.0","method":"initialized","params":{}}
>>> {"jsonrpc":"2.0","method":"textDocument/didOpen","params":{"textDocument":{"uri":"file:///w/Dockerfile","languageId":"dockerfile","version":1,"text":"FROM alpine:3.20\nCMD nginx -g 'daemon off;'\n"}}}
<<< {"method":"textDocument/publishDiagnostics","params":{"uri":"file:///w/Dockerfile"}}
>>> {"jsonrpc":"2.0","id":2,"method":"workspace/executeCommand","params":{"command":"dockls.formatDisk","arguments":[{"textDocument":{"uri":"file:///w/Dockerfile","version":1},"range":{"start":{"line":1,"character":5},"end":{"line":1,"character":5}},"context":{"only":["refactor"]},"index":0,"title":"Convert CMD to exec form"}]}}
<<< {"jsonrpc":"2.0","id":2,"error":{"code":-32602,"message":"unknown command \"dockls.formatDisk\": dockls runs only dockls.applyCodeAction"}}
>>> {"jsonrpc":"2.0","id":3,"method":"workspace/executeCommand","params":{"command":"dockls.applyCodeAction","arguments":{"index":0}}}
<<< {"jsonrpc":"2.0","id":3,"error":{"code":-32602,"message":"\"arguments\" of dockls.applyCodeAction must be one object, as the code action answer gave it"}}
>>> {"jsonrpc":"2.0","id":4,"method":"workspace/executeCommand","params":{"command":"dockls.applyCodeAction","arguments":[{"textDocument":{"uri":"file:///w/Dockerfile","version":1},"range":{"start":{"line":1,"character":5},"end":{"line":1,"character":5}},"context":{"only":["refactor"]},"title":"Convert CMD to exec form"}]}}
<<< {"jsonrpc":"2.0","id":4,"error":{"code":-32602,"message":"\"index\" must be an integer"}}
>>> {"jsonrpc":"2.0","id":5,"method":"workspace/executeCommand","params":{"command":"dockls.applyCodeAction","arguments":[{"textDocument":{"uri":"file:///w/Dockerfile"},"range":{"start":{"line":1,"character":5},"end":{"line":1,"character":5}},"index":0,"title":"Convert CMD to exec form"}]}}
<<< {"jsonrpc":"2.0","id":5,"error":{"code":-32602,"message":"\"version\" must be an integer"}}
>>> {"jsonrpc":"2.0","id":51,"method":"workspace/executeCommand","params":{"command":"dockls.applyCodeAction","arguments":[{"textDocument":{"uri":"file:///w/Dockerfile","version":1},"range":{"start":{"line":1,"character":5},"end":{"line":1,"character":5}},"context":{"only":["refactor"]},"index":0.5,"title":"Convert CMD to exec form"}]}}
<<< {"jsonrpc":"2.0","id":51,"error":{"code":-32602,"message":"\"index\" must be an integer"}}
>>> {"jsonrpc":"2.0","id":52,"method":"workspace/executeCommand","params":{"command":"dockls.applyCodeAction","arguments":[{"textDocument":{"uri":"file:///w/Dockerfile","version":1},"range":{"start":{"line":1,"character":5},"end":{"line":1,"character":5}},"context":{"only":["refactor"]},"index":1e300,"title":"Convert CMD to exec form"}]}}
<<< {"jsonrpc":"2.0","id":52,"error":{"code":-32602,"message":"\"index\" must be an integer"}}
>>> {"jsonrpc":"2.0","id":53,"method":"workspace/executeCommand","params":{"command":"dockls.applyCodeAction","arguments":[{"textDocument":{"uri":"file:///w/Dockerfile","version":1},"range":{"start":{"line":1,"character":5},"end":{"line":1,"character":5}},"context":{"only":["refactor"]},"index":-1e300,"title":"Convert CMD to exec form"}]}}
<<< {"jsonrpc":"2.0","id":53,"error":{"code":-32602,"message":"\"index\" must be an integer"}}
>>> {"jsonrpc":"2.0","id":54,"method":"workspace/executeCommand","params":{"command":"dockls.applyCodeAction","arguments":[{"textDocument":{"uri":"file:///w/Dockerfile","version":1},"range":{"start":{"line":1,"character":5},"end":{"line":1,"character":5}},"context":{"only":["refactor"]},"index":9007199254740993,"title":"Convert CMD to exec form"}]}}
<<< {"jsonrpc":"2.0","id":54,"error":{"code":-32602,"message":"\"index\" must be an integer"}}
>>> {"jsonrpc":"2.0","id":6,"method":"workspace/executeCommand","params":{"command":"dockls.applyCodeAction","arguments":[{"textDocument":{"uri":"file:///w/Other","version":1},"range":{"start":{"line":1,"character":5},"end":{"line":1,"character":5}},"index":0,"title":"Convert CMD to exec form"}]}}
<<< {"jsonrpc":"2.0","id":6,"error":{"code":-32602,"message":"unknown document file:///w/Other (not open)"}}
>>> {"jsonrpc":"2.0","id":7,"method":"workspace/executeCommand","params":{"command":"dockls.applyCodeAction","arguments":[{"textDocument":{"uri":"file:///w/Dockerfile","version":1},"range":{"start":{"line":1,"character":5},"end":{"line":1,"character":5}},"context":{"only":["refactor"]},"index":3,"title":"Convert CMD to exec form"}]}}
<<< {"jsonrpc":"2.0","id":7,"error":{"code":-32803,"message":"\"Convert CMD to exec form\" is no longer offered there (the answer now has 1 actions): ask for code actions again"}}
>>> {"jsonrpc":"2.0","id":8,"method":"workspace/executeCommand","params":{"command":"dockls.applyCodeAction","arguments":[{"textDocument":{"uri":"file:///w/Dockerfile","version":1},"range":{"start":{"line":1,"character":5},"end":{"line":1,"character":5}},"context":{"only":["refactor"]},"index":0,"title":"Convert CMD to shell form"}]}}
<<< {"jsonrpc":"2.0","id":8,"error":{"code":-32803,"message":"\"Convert CMD to shell form\" is no longer offered there (action 0 is now \"Convert CMD to exec form\"): ask for code actions again"}}
>>> {"jsonrpc":"2.0","id":9,"method":"workspace/executeCommand","params":{"command":"dockls.applyCodeAction","arguments":[{"textDocument":{"uri":"file:///w/Dockerfile","version":1},"range":{"start":{"line":7,"character":0},"end":{"line":7,"character":0}},"index":0,"title":"Convert CMD to exec form"}]}}
<<< {"jsonrpc":"2.0","id":9,"error":{"code":-32602,"message":"range.start: line 7 is past the end of the document, which has 3 lines"}}
>>> {"jsonrpc":"2.0","id":10,"method":"workspace/executeCommand","params":{"command":"dockls.applyCodeAction","arguments":[{"textDocument":{"uri":"file:///w/Dockerfile","version":1},"range":{"start":{"line":1,"character":5},"end":{"line":1,"character":5}},"context":{"only":["refactor"]},"index":0,"title":"Convert CMD to exec form"}]}}
<<< {"jsonrpc":"2.0","id":1,"method":"workspace/applyEdit","params":{"label":"Convert CMD to exec form"}}
>>> {"jsonrpc":"2.0","id":1,"result":{"applied":true}}
<<< {"jsonrpc":"2.0","id":10,"result":null}
>>> {"jsonrpc":"2.0","id":99,"method":"shutdown"}
<<< {"jsonrpc":"2.0","id":99,"result":null}
>>> {"jsonrpc":"2.0","method":"exit"}
=== exit 0
