# A publish carries no fixes; a code action builds them for the rules of the
# diagnostics in its range only, and a later code action elsewhere builds
# those of its own rules: both ask for the same version and each gets its
# diagnostic's fix (apk-no-cache first, then apt-get-no-yes and
# apt-get-lists on the next line).
>>> {"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {"initializationOptions": {"rules": {"os-package-unpinned": "off", "apt-get-no-recommends": "off", "user-root": "off", "image-unpinned": "off"}}, "processId": null, "rootUri": "file:///w", "capabilities": {"textDocument": {"codeAction": {"codeActionLiteralSupport": {"codeActionKind": {"valueSet": ["quickfix"]}}}}}}}
<<< {"jsonrpc":"2.0","id":1,"result":"<any>"}
>>> {"jsonrpc": "2.0", "method": "initialized", "params": {}}
>>> {"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"textDocument": {"uri": "file:///w/Dockerfile", "languageId": "dockerfile", "version": 1, "text": "FROM alpine:3.20\nRUN apk add curl\nRUN apt-get install git\n"}}}
<<< {"method":"textDocument/publishDiagnostics","params":{"uri":"file:///w/Dockerfile","diagnostics":"<any>"}}
>>> {"jsonrpc": "2.0", "id": 2, "method": "textDocument/codeAction", "params": {"textDocument": {"uri": "file:///w/Dockerfile"}, "range": {"start": {"line": 1, "character": 5}, "end": {"line": 1, "character": 5}}, "context": {"diagnostics": []}}}
<<< {"jsonrpc":"2.0","id":2,"result":[{"title":"Add --no-cache","isPreferred":true},{"title":"Ignore apk-no-cache for this instruction"},{"title":"Ignore apk-no-cache for this file"},{"title":"Convert RUN to exec form"}]}
>>> {"jsonrpc": "2.0", "id": 3, "method": "textDocument/codeAction", "params": {"textDocument": {"uri": "file:///w/Dockerfile"}, "range": {"start": {"line": 2, "character": 5}, "end": {"line": 2, "character": 5}}, "context": {"diagnostics": []}}}
<<< {"jsonrpc":"2.0","id":3,"result":[{"title":"Add -y","isPreferred":true},{"title":"Remove the apt lists at the end of this RUN"},{"title":"Ignore apt-get-no-yes for this instruction"},{"title":"Ignore apt-get-no-yes for this file"},{"title":"Ignore apt-get-lists for this instruction"},{"title":"Ignore apt-get-lists for this file"},{"title":"Convert RUN to exec form"}]}
>>> {"jsonrpc": "2.0", "id": 4, "method": "textDocument/codeAction", "params": {"textDocument": {"uri": "file:///w/Dockerfile"}, "range": {"start": {"line": 1, "character": 5}, "end": {"line": 1, "character": 5}}, "context": {"diagnostics": []}}}
<<< {"jsonrpc":"2.0","id":4,"result":[{"title":"Add --no-cache","isPreferred":true},{"title":"Ignore apk-no-cache for this instruction"},{"title":"Ignore apk-no-cache for this file"},{"title":"Convert RUN to exec form"}]}
>>> {"jsonrpc": "2.0", "id": 99, "method": "shutdown"}
<<< {"jsonrpc":"2.0","id":99,"result":null}
>>> {"jsonrpc": "2.0", "method": "exit"}
=== exit 0
