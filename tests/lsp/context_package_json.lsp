# A Dockerfile depends on the package.json it installs: npm-script-dependency
# reads the open buffer, its quick-fix is a WorkspaceEdit on package.json,
# and a didChange of the package.json buffer re-publishes the Dockerfile;
# closing the buffer re-publishes it again against the disk (where no
# package.json exists, so the rule has nothing to say).
>>> {"jsonrpc":"2.0","id":1,"method":"initialize","params":{"processId":null,"rootUri":"file:///w","initializationOptions":{"rules":{"user-root":"off","image-unpinned":"off","shell-form-cmd":"off","healthcheck-missing":"off","user-non-numeric":"off"}},"capabilities":{"textDocument":{"codeAction":{"codeActionLiteralSupport":{"codeActionKind":{"valueSet":["quickfix","refactor","source"]}}}}}}}
<<< {"jsonrpc":"2.0","id":1,"result":{"capabilities":{}}}
>>> {"jsonrpc":"2.0","method":"initialized","params":{}}
>>> {"jsonrpc":"2.0","method":"textDocument/didOpen","params":{"textDocument":{"uri":"file:///w/package.json","languageId":"json","version":1,"text":"{\n  \"scripts\": {\n    \"postinstall\": \"patch-package\"\n  },\n  \"devDependencies\": {\n    \"eslint\": \"^9.0.0\"\n  }\n}\n"}}}
>>> {"jsonrpc":"2.0","method":"textDocument/didOpen","params":{"textDocument":{"uri":"file:///w/package-lock.json","languageId":"json","version":1,"text":"{\"lockfileVersion\": 3, \"packages\": {\"\": {}}}"}}}
>>> {"jsonrpc":"2.0","method":"textDocument/didOpen","params":{"textDocument":{"uri":"file:///w/Dockerfile","languageId":"dockerfile","version":1,"text":"FROM node:20-alpine\nWORKDIR /app\nCOPY package*.json ./\nRUN npm ci\nUSER node\nCMD [\"node\", \"index.js\"]\n"}}}
<<< {"method":"textDocument/publishDiagnostics","params":{"uri":"file:///w/Dockerfile","diagnostics":[{"code":"npm-script-dependency","severity":1,"range":{"start":{"line":3,"character":4},"end":{"line":3,"character":10}},"message":"<contains:runs `patch-package`, which no dependency provides>","relatedInformation":[{"location":{"uri":"file:///w/package.json","range":{"start":{"line":2,"character":19},"end":{"line":2,"character":34}}}}]}]}}
>>> {"jsonrpc":"2.0","id":2,"method":"textDocument/codeAction","params":{"textDocument":{"uri":"file:///w/Dockerfile"},"range":{"start":{"line":3,"character":4},"end":{"line":3,"character":10}},"context":{"diagnostics":[]}}}
<<< {"jsonrpc":"2.0","id":2,"result":[{"title":"<contains:Add patch-package to devDependencies>","kind":"quickfix","isPreferred":true,"edit":{"changes":{"file:///w/package.json":[{"range":{"start":{"line":5,"character":22},"end":{"line":5,"character":22}},"newText":",\n    \"patch-package\": \"*\""}]}}},{"title":"Ignore npm-script-dependency for this instruction","kind":"quickfix","isPreferred":false},{"title":"Ignore npm-script-dependency for this file","kind":"quickfix","isPreferred":false},{"title":"Convert RUN to exec form","kind":"refactor.rewrite","edit":{"changes":{"file:///w/Dockerfile":[{"range":{"start":{"line":3,"character":4},"end":{"line":3,"character":10}},"newText":"[\"npm\", \"ci\"]"}]}}}]}
>>> {"jsonrpc":"2.0","method":"textDocument/didChange","params":{"textDocument":{"uri":"file:///w/package.json","version":2},"contentChanges":[{"text":"{\n  \"scripts\": {\n    \"postinstall\": \"patch-package\"\n  },\n  \"devDependencies\": {\n    \"eslint\": \"^9.0.0\",\n    \"patch-package\": \"^8.0.0\"\n  }\n}\n"}]}}
<<< {"method":"textDocument/publishDiagnostics","params":{"uri":"file:///w/Dockerfile","diagnostics":[]}}
>>> {"jsonrpc":"2.0","method":"textDocument/didChange","params":{"textDocument":{"uri":"file:///w/package.json","version":3},"contentChanges":[{"text":"{\n  \"scripts\": {\n    \"postinstall\": \"patch-package\"\n  },\n  \"devDependencies\": {\n    \"eslint\": \"^9.0.0\"\n  }\n}\n"}]}}
<<< {"method":"textDocument/publishDiagnostics","params":{"uri":"file:///w/Dockerfile","diagnostics":[{"code":"npm-script-dependency"}]}}
>>> {"jsonrpc":"2.0","method":"textDocument/didClose","params":{"textDocument":{"uri":"file:///w/package.json"}}}
<<< {"method":"textDocument/publishDiagnostics","params":{"uri":"file:///w/Dockerfile","diagnostics":[]}}
>>> {"jsonrpc":"2.0","id":99,"method":"shutdown"}
<<< {"jsonrpc":"2.0","id":99,"result":null}
>>> {"jsonrpc":"2.0","method":"exit"}
=== exit 0
