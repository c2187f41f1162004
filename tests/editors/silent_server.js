#!/usr/bin/env node
// A stand-in for dockls that speaks just enough LSP for an editor to
// connect (initialize, shutdown, exit) and never publishes a diagnostic
// or offers a code action.  The editor tests run against it to show that
// they fail when the server says nothing, so a pass means dockls spoke.
'use strict';

// It claims a dockls version, so a client that checks the version first
// (the VS Code extension) goes on to start it.
if (process.argv.includes('--version')) {
  console.log('dockls 0.1.0 (silent stand-in)');
  process.exit(0);
}

let buffered = Buffer.alloc(0);

function send(message) {
  const body = Buffer.from(JSON.stringify(message), 'utf8');
  process.stdout.write(`Content-Length: ${body.length}\r\n\r\n`);
  process.stdout.write(body);
}

function handle(message) {
  if (message.method === 'initialize') {
    send({ jsonrpc: '2.0', id: message.id, result: { capabilities: { textDocumentSync: 1 } } });
  } else if (message.method === 'exit') {
    process.exit(0);
  } else if (message.id !== undefined && message.method !== undefined) {
    // Every other request gets an empty answer, so clients do not wait.
    send({ jsonrpc: '2.0', id: message.id, result: null });
  }
}

process.stdin.on('data', (chunk) => {
  buffered = Buffer.concat([buffered, chunk]);
  for (;;) {
    const end = buffered.indexOf('\r\n\r\n');
    if (end < 0) return;
    const length = Number(/Content-Length: *(\d+)/i.exec(buffered.slice(0, end).toString())[1]);
    if (buffered.length < end + 4 + length) return;
    handle(JSON.parse(buffered.slice(end + 4, end + 4 + length).toString('utf8')));
    buffered = buffered.slice(end + 4 + length);
  }
});
process.stdin.on('end', () => process.exit(0));
