// The dockls extension: starts the dockls language server for Dockerfiles
// and Docker Compose files and keeps it running.  The language ids are
// VS Code's own (`dockerfile`, `dockercompose`), which Microsoft's Docker
// extension uses too, so both can work on the same files; every command
// and setting of this extension is under the `dockls.` prefix.
import * as vscode from 'vscode';
import {
  DidChangeConfigurationNotification, LanguageClient, LanguageClientOptions,
  ServerOptions, State, TransportKind,
} from 'vscode-languageclient/node';
import { MIN_VERSION, atLeast, findBinary, parseVersion, versionOf } from './binary';
import { Status } from './status';

let client: LanguageClient | undefined;
let output: vscode.OutputChannel;
let status: Status;

function settings(): vscode.WorkspaceConfiguration {
  return vscode.workspace.getConfiguration('dockls');
}

// What the server reads from initializationOptions and from the
// settings of workspace/didChangeConfiguration: {"rules": {id: level}}.
function serverSettings(): { rules: Record<string, string> } {
  return { rules: settings().get<Record<string, string>>('rules') ?? {} };
}

async function missing(message: string): Promise<void> {
  status.stopped('not started');
  output.appendLine(`dockls: ${message}`);
  const choice = await vscode.window.showErrorMessage(
    `dockls: ${message}. Install dockls and put it on PATH, or set "dockls.path" to the binary.`,
    'Open Settings');
  if (choice === 'Open Settings') {
    await vscode.commands.executeCommand('workbench.action.openSettings', 'dockls.path');
  }
}

async function start(context: vscode.ExtensionContext): Promise<void> {
  status.starting();
  const workspace = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
  const found = findBinary(settings().get<string>('path') ?? '', workspace, context.extensionPath);
  if ('error' in found) return missing(found.error);

  let reported: string;
  try {
    reported = await versionOf(found.path);
  } catch (err) {
    return missing(`${found.path} did not run (${(err as Error).message})`);
  }
  const version = parseVersion(reported);
  if (!version || !atLeast(version, MIN_VERSION)) {
    return missing(`${found.path} says "${reported}", but this extension needs dockls ${MIN_VERSION} or newer`);
  }
  output.appendLine(`dockls: using ${found.path} (from ${found.from}), ${reported}`);

  // args is empty on purpose: with TransportKind.stdio the client appends
  // "--stdio" itself, so the server is started as `dockls --stdio`.
  const server: ServerOptions = {
    command: found.path,
    args: [],
    transport: TransportKind.stdio,
    options: { env: { ...process.env, DOCKLS_LOG: settings().get<string>('log.level') ?? 'info' } },
  };
  const options: LanguageClientOptions = {
    documentSelector: [
      { scheme: 'file', language: 'dockerfile' },
      { scheme: 'file', language: 'dockercompose' },
    ],
    initializationOptions: serverSettings(),
    // The server's stderr (its log) goes to this channel too.
    outputChannel: output,
  };
  const started = new LanguageClient('dockls', 'dockls', server, options);
  client = started;
  started.onDidChangeState((event) => {
    if (event.newState === State.Running) {
      status.running(started.initializeResult?.serverInfo?.version ?? version.join('.'), found.path);
    } else if (event.newState === State.Stopped && client === started) {
      // The client's default error handler restarts a crashed server a few
      // times and then says it gave up; the item keeps showing it after.
      status.stopped('the server crashed or exited');
    }
  });
  try {
    await started.start();
  } catch (err) {
    status.stopped('the server did not start');
    output.appendLine(`dockls: the server did not start: ${(err as Error).message}`);
  }
}

async function stop(): Promise<void> {
  const running = client;
  client = undefined;
  if (running && running.state !== State.Stopped) await running.stop();
}

async function restart(context: vscode.ExtensionContext): Promise<void> {
  await stop();
  await start(context);
}

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  output = vscode.window.createOutputChannel('dockls');
  status = new Status();
  context.subscriptions.push(output, status,
    vscode.commands.registerCommand('dockls.restartServer', () => restart(context)),
    vscode.commands.registerCommand('dockls.showLog', () => output.show(true)),
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (event.affectsConfiguration('dockls.path') || event.affectsConfiguration('dockls.log.level')) {
        void restart(context);
      } else if (event.affectsConfiguration('dockls.rules') && client?.state === State.Running) {
        void client.sendNotification(DidChangeConfigurationNotification.type,
          { settings: { dockls: serverSettings() } });
      }
    }));
  await start(context);
}

export function deactivate(): Promise<void> {
  return stop();
}
