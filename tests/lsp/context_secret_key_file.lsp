# A COPY of a `.key` file is a secret when the file in the build context
# holds a private key: secret-in-image reads that file, so the Dockerfile's
# result for the COPY must follow the file's buffer, although the
# Dockerfile itself does not change (its result is never kept from one
# publish to the next).  The key becomes a certificate, then a key again.
>>> {"jsonrpc":"2.0","id":1,"method":"initialize","params":{"processId":null,"rootUri":"file:///w","initializationOptions":{"rules":{"user-root":"off","image-unpinned":"off","shell-form-cmd":"off","healthcheck-missing":"off","user-non-numeric":"off"}},"capabilities":{}}}
<<< {"jsonrpc":"2.0","id":1,"result":{"capabilities":{}}}
>>> {"jsonrpc":"2.0","method":"initialized","params":{}}
>>> {"jsonrpc":"2.0","method":"textDocument/didOpen","params":{"textDocument":{"uri":"file:///w/tls.key","languageId":"plaintext","version":1,"text":"-----BEGIN PRIVATE KEY-----\nMIIE\n-----END PRIVATE KEY-----\n"}}}
>>> {"jsonrpc":"2.0","method":"textDocument/didOpen","params":{"textDocument":{"uri":"file:///w/Dockerfile","languageId":"dockerfile","version":1,"text":"FROM alpine:3.19\nCOPY tls.key /etc/ssl/private/\nUSER 1000\n"}}}
<<< {"method":"textDocument/publishDiagnostics","params":{"uri":"file:///w/Dockerfile","diagnostics":[{"code":"secret-in-image","range":{"start":{"line":1,"character":5},"end":{"line":1,"character":12}}}]}}
>>> {"jsonrpc":"2.0","method":"textDocument/didChange","params":{"textDocument":{"uri":"file:///w/tls.key","version":2},"contentChanges":[{"text":"-----BEGIN CERTIFICATE-----\nMIIE\n-----END CERTIFICATE-----\n"}]}}
<<< {"method":"textDocument/publishDiagnostics","params":{"uri":"file:///w/Dockerfile","diagnostics":[]}}
>>> {"jsonrpc":"2.0","method":"textDocument/didChange","params":{"textDocument":{"uri":"file:///w/tls.key","version":3},"contentChanges":[{"text":"-----BEGIN PRIVATE KEY-----\nMIIE\n-----END PRIVATE KEY-----\n"}]}}
<<< {"method":"textDocument/publishDiagnostics","params":{"uri":"file:///w/Dockerfile","diagnostics":[{"code":"secret-in-image"}]}}
>>> {"jsonrpc":"2.0","id":99,"method":"shutdown"}
<<< {"jsonrpc":"2.0","id":99,"result":null}
>>> {"jsonrpc":"2.0","method":"exit"}
=== exit 0
