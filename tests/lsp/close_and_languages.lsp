# didClose clears the published diagnostics; Dockerfiles are recognised
# and get a publish; other files (package.json) are held but not linted;
# a YAML file whose name is not a compose name is not linted either; a
# watched-file change that no open document read re-publishes nothing.
>>> {"jsonrpc":"2.0","id":1,"method":"initialize","params":{"initializationOptions":{"rules":{"compose-no-limits":"off","compose-writable-root":"off","user-root":"off"}},"processId":null,"rootUri":"file:///w","capabilities":{"textDocument":{"publishDiagnostics":{"versionSupport":true}}}}}
<<< {"jsonrpc":"2.0","id":1,"result":{"capabilities":{"positionEncoding":"utf-16"}}}
>>> {"jsonrpc":"2.0","method":"initialized","params":{}}
>>> {"jsonrpc":"2.0","method":"textDocument/didOpen","params":{"textDocument":{"uri":"file:///w/docker-compose.prod.yml","languageId":"yaml","version":1,"text":"version: '3'\n"}}}
<<< {"method":"textDocument/publishDiagnostics","params":{"uri":"file:///w/docker-compose.prod.yml","version":1,"diagnostics":[{"code":"compose-version-obsolete"}]}}
>>> {"jsonrpc":"2.0","method":"textDocument/didClose","params":{"textDocument":{"uri":"file:///w/docker-compose.prod.yml"}}}
<<< {"method":"textDocument/publishDiagnostics","params":{"uri":"file:///w/docker-compose.prod.yml","diagnostics":[]}}
>>> {"jsonrpc":"2.0","method":"textDocument/didOpen","params":{"textDocument":{"uri":"file:///w/Dockerfile","languageId":"dockerfile","version":3,"text":"FROM alpine:3.20\nRUN echo hi\n"}}}
<<< {"method":"textDocument/publishDiagnostics","params":{"uri":"file:///w/Dockerfile","version":3,"diagnostics":[]}}
>>> {"jsonrpc":"2.0","method":"textDocument/didOpen","params":{"textDocument":{"uri":"file:///w/package.json","languageId":"json","version":1,"text":"{}"}}}
>>> {"jsonrpc":"2.0","method":"textDocument/didOpen","params":{"textDocument":{"uri":"file:///w/config.yaml","languageId":"yaml","version":1,"text":"version: '3'\n"}}}
>>> {"jsonrpc":"2.0","method":"textDocument/didSave","params":{"textDocument":{"uri":"file:///w/Dockerfile"}}}
>>> {"jsonrpc":"2.0","method":"workspace/didChangeWatchedFiles","params":{"changes":[{"uri":"file:///w/package.json","type":2}]}}
>>> {"jsonrpc":"2.0","id":99,"method":"shutdown"}
<<< {"jsonrpc":"2.0","id":99,"result":null}
>>> {"jsonrpc":"2.0","method":"exit"}
=== exit 0
