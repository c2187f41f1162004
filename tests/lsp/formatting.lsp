# Formatting a Dockerfile: the whole document, a range, on-type after a
# continuation and a newline; a CRLF file with a surrogate pair; compose
# files get no edits.  Read-only requests clamp a character past the end
# of a line to the line's end (hover, selectionRange).
>>> {"jsonrpc":"2.0","id":1,"method":"initialize","params":{"capabilities":{"textDocument":{"diagnostic":{}}}}}
<<< {"jsonrpc":"2.0","id":1,"result":{"capabilities":{"documentFormattingProvider":true,"documentRangeFormattingProvider":true,"documentOnTypeFormattingProvider":{"firstTriggerCharacter":"\n"}}}}
>>> {"jsonrpc":"2.0","method":"initialized","params":{}}
>>> {"jsonrpc":"2.0","method":"textDocument/didOpen","params":{"textDocument":{"uri":"file:///w/Dockerfile","languageId":"dockerfile","version":1,"text":"from alpine:3.20\nrun  apk add curl \\\n  && echo \"a \\\n  b\"\nCMD [\"a\",\"b\"]\nRUN <<EOF\n  keep  me\nEOF\n"}}}
>>> {"jsonrpc":"2.0","method":"textDocument/didOpen","params":{"textDocument":{"uri":"file:///w/compose.yaml","languageId":"dockercompose","version":1,"text":"services:\n    a:   {}\n"}}}
>>> {"jsonrpc":"2.0","method":"textDocument/didOpen","params":{"textDocument":{"uri":"file:///w/crlf/Dockerfile","languageId":"dockerfile","version":1,"text":"run  echo \"😀\" \\\r\n  b\r\n"}}}
>>> {"jsonrpc":"2.0","id":2,"method":"textDocument/formatting","params":{"textDocument":{"uri":"file:///w/Dockerfile"},"options":{"tabSize":2,"insertSpaces":true}}}
<<< {"jsonrpc":"2.0","id":2,"result":[{"range":{"start":{"line":0,"character":0},"end":{"line":0,"character":4}},"newText":"FROM"},{"range":{"start":{"line":1,"character":0},"end":{"line":1,"character":3}},"newText":"RUN"},{"range":{"start":{"line":1,"character":3},"end":{"line":1,"character":5}},"newText":" "},{"range":{"start":{"line":2,"character":0},"end":{"line":2,"character":2}},"newText":"    "},{"range":{"start":{"line":4,"character":4},"end":{"line":4,"character":13}},"newText":"[\"a\", \"b\"]"}]}
>>> {"jsonrpc":"2.0","id":3,"method":"textDocument/rangeFormatting","params":{"textDocument":{"uri":"file:///w/Dockerfile"},"range":{"start":{"line":4,"character":0},"end":{"line":4,"character":3}},"options":{"tabSize":2,"insertSpaces":true}}}
<<< {"jsonrpc":"2.0","id":3,"result":[{"range":{"start":{"line":4,"character":4},"end":{"line":4,"character":13}},"newText":"[\"a\", \"b\"]"}]}
>>> {"jsonrpc":"2.0","id":4,"method":"textDocument/formatting","params":{"textDocument":{"uri":"file:///w/compose.yaml"},"options":{"tabSize":2,"insertSpaces":true}}}
<<< {"jsonrpc":"2.0","id":4,"result":[]}
>>> {"jsonrpc":"2.0","id":5,"method":"textDocument/formatting","params":{"textDocument":{"uri":"file:///w/crlf/Dockerfile"},"options":{"tabSize":2,"insertSpaces":true}}}
<<< {"jsonrpc":"2.0","id":5,"result":[{"range":{"start":{"line":0,"character":0},"end":{"line":0,"character":3}},"newText":"RUN"},{"range":{"start":{"line":0,"character":3},"end":{"line":0,"character":5}},"newText":" "},{"range":{"start":{"line":1,"character":0},"end":{"line":1,"character":2}},"newText":"    "}]}
>>> {"jsonrpc":"2.0","method":"textDocument/didChange","params":{"textDocument":{"uri":"file:///w/Dockerfile","version":2},"contentChanges":[{"range":{"start":{"line":4,"character":13},"end":{"line":4,"character":13}},"text":" \\\n"}]}}
>>> {"jsonrpc":"2.0","id":6,"method":"textDocument/onTypeFormatting","params":{"textDocument":{"uri":"file:///w/Dockerfile"},"position":{"line":5,"character":0},"ch":"\n","options":{"tabSize":2,"insertSpaces":true}}}
<<< {"jsonrpc":"2.0","id":6,"result":[{"range":{"start":{"line":5,"character":0},"end":{"line":5,"character":0}},"newText":"    "}]}
>>> {"jsonrpc":"2.0","id":7,"method":"textDocument/hover","params":{"textDocument":{"uri":"file:///w/Dockerfile"},"position":{"line":0,"character":99}}}
<<< {"jsonrpc":"2.0","id":7,"result":{"contents":{"value":"<contains:# user-root>"},"range":{"start":{"line":0,"character":5},"end":{"line":0,"character":16}}}}
>>> {"jsonrpc":"2.0","id":8,"method":"textDocument/selectionRange","params":{"textDocument":{"uri":"file:///w/crlf/Dockerfile"},"positions":[{"line":0,"character":99}]}}
<<< {"jsonrpc":"2.0","id":8,"result":[{"range":{"start":{"line":0,"character":15},"end":{"line":0,"character":16}},"parent":{"range":{"start":{"line":0,"character":5},"end":{"line":1,"character":3}},"parent":{"range":{"start":{"line":0,"character":0},"end":{"line":1,"character":3}},"parent":{"range":{"start":{"line":0,"character":0},"end":{"line":2,"character":0}}}}}}]}
>>> {"jsonrpc":"2.0","id":9,"method":"textDocument/rangeFormatting","params":{"textDocument":{"uri":"file:///w/Dockerfile"},"range":{"start":{"line":2,"character":0},"end":{"line":1,"character":0}},"options":{"tabSize":2,"insertSpaces":true}}}
<<< {"jsonrpc":"2.0","id":9,"error":{"code":-32602,"message":"range start is after range end"}}
>>> {"jsonrpc":"2.0","id":10,"method":"textDocument/onTypeFormatting","params":{"textDocument":{"uri":"file:///w/Dockerfile"},"position":{"line":5,"character":0},"options":{"tabSize":2,"insertSpaces":true}}}
<<< {"jsonrpc":"2.0","id":10,"error":{"code":-32602,"message":"\"ch\" must be a string"}}
>>> {"jsonrpc":"2.0","id":99,"method":"shutdown"}
<<< {"jsonrpc":"2.0","id":99,"result":null}
>>> {"jsonrpc":"2.0","method":"exit"}
=== exit 0

