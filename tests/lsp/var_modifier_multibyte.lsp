# A modifier that is not ASCII is quoted whole in the message: its first
# byte alone is not UTF-8, and a client rejects a message that holds it
# (the differential soak met `${rust` followed by a pasted emoji).  The
# ranges count UTF-16 units: the emoji takes two.
>>> {"jsonrpc":"2.0","id":1,"method":"initialize","params":{"initializationOptions":{"rules":{"user-root":"off"}},"processId":null,"rootUri":"file:///w","capabilities":{}}}
<<< {"jsonrpc":"2.0","id":1,"result":{"capabilities":{"positionEncoding":"utf-16"}}}
>>> {"jsonrpc":"2.0","method":"textDocument/didOpen","params":{"textDocument":{"uri":"file:///w/Dockerfile","languageId":"dockerfile","version":1,"text":"FROM alpine:3.20\nENV A=${rust😀} B=${C:é}\n"}}}
<<< {"method":"textDocument/publishDiagnostics","params":{"version":1,"diagnostics":[{"range":{"start":{"line":1,"character":6},"end":{"line":1,"character":15}},"code":"var-modifier-unsupported","message":"`😀` after `${rust` is not a modifier the builder supports: Docker stops the build (the builder expands this instruction itself and knows only `-` `:-` `+` `:+` `?` `:?` `#` `##` `%` `%%` `/` `//`)"},{"range":{"start":{"line":1,"character":18},"end":{"line":1,"character":24}},"code":"var-modifier-unsupported","message":"`:é` is not a modifier the builder supports: Docker stops the build (the builder expands this instruction itself and knows only `-` `:-` `+` `:+` `?` `:?` `#` `##` `%` `%%` `/` `//`)"}]}}
>>> {"jsonrpc":"2.0","id":99,"method":"shutdown"}
<<< {"jsonrpc":"2.0","id":99,"result":null}
>>> {"jsonrpc":"2.0","method":"exit"}
=== exit 0
