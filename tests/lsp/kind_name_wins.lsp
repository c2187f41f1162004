# A file whose name plainly says what it is keeps that kind whatever the
# languageId says (an editor that associated "Dockerfile" with the compose
# language, or compose.yml with the Dockerfile one): the Dockerfile is
# linted as a Dockerfile, the compose file as a compose file.  The log
# line that says so is checked through the real binary (process.sh).
>>> {"jsonrpc":"2.0","id":1,"method":"initialize","params":{"initializationOptions":{"rules":{"compose-no-limits":"off","compose-writable-root":"off","compose-path-missing":"off"}},"processId":null,"rootUri":"file:///w","capabilities":{}}}
<<< {"jsonrpc":"2.0","id":1,"result":{"capabilities":{}}}
>>> {"jsonrpc":"2.0","method":"textDocument/didOpen","params":{"textDocument":{"uri":"file:///w/Dockerfile","languageId":"dockercompose","version":1,"text":"FROM ubuntu\n"}}}
<<< {"jsonrpc":"2.0","method":"textDocument/publishDiagnostics","params":{"uri":"file:///w/Dockerfile","diagnostics":[{"code":"image-unpinned"},{"code":"user-root"}]}}
>>> {"jsonrpc":"2.0","method":"textDocument/didOpen","params":{"textDocument":{"uri":"file:///w/compose.yml","languageId":"dockerfile","version":1,"text":"version: '3'\nservices: {}\n"}}}
<<< {"jsonrpc":"2.0","method":"textDocument/publishDiagnostics","params":{"uri":"file:///w/compose.yml","diagnostics":[{"code":"compose-version-obsolete"}]}}
<<< {"jsonrpc":"2.0","method":"textDocument/publishDiagnostics","params":{"uri":"file:///w/Dockerfile"}}
>>> {"jsonrpc":"2.0","id":99,"method":"shutdown"}
<<< {"jsonrpc":"2.0","id":99,"result":null}
>>> {"jsonrpc":"2.0","method":"exit"}
=== exit 0
