# Frame headers no client should send: a negative length, a length that
# is garbage, the same length twice (accepted), two lengths that disagree
# (neither is trusted).  Each bad header block gets -32700 naming the
# problem and the server goes on; then the stream is cut in the middle of
# a message, which ends the session without a shutdown: exit code 1, and
# nothing is answered for the half message.
>>> {"jsonrpc":"2.0","id":1,"method":"initialize","params":{"processId":null,"rootUri":"file:///w","capabilities":{}}}
<<< {"jsonrpc":"2.0","id":1,"result":{"capabilities":{"positionEncoding":"utf-16"}}}
>>> {"jsonrpc":"2.0","method":"initialized","params":{}}
>>>raw Content-Length: -5\r\n\r\n
<<< {"jsonrpc":"2.0","id":null,"error":{"code":-32700,"message":"invalid Content-Length `-5`"}}
>>>raw Content-Length: 0x1f\r\n\r\n
<<< {"jsonrpc":"2.0","id":null,"error":{"code":-32700,"message":"invalid Content-Length `0x1f`"}}
>>>raw Content-Length: 18446744073709551617\r\n\r\n
<<< {"jsonrpc":"2.0","id":null,"error":{"code":-32700,"message":"invalid Content-Length `18446744073709551617`"}}
>>>raw Content-Length: 45\r\nContent-Length: 45\r\n\r\n{"jsonrpc":"2.0","id":2,"method":"x/unknown"}
<<< {"jsonrpc":"2.0","id":2,"error":{"code":-32601}}
>>>raw Content-Length: 46\r\nContent-Length: 40\r\n\r\n
<<< {"jsonrpc":"2.0","id":null,"error":{"code":-32700,"message":"conflicting Content-Length headers (46 and 40)"}}
>>>raw Content-Length: 100\r\n\r\n{"jsonrpc":"2.0","id":3,"method":"exit"
=== exit 1
