// The status bar item: whether the server runs, and which version.
import * as vscode from 'vscode';

export class Status {
  private readonly item: vscode.StatusBarItem;

  constructor() {
    this.item = vscode.window.createStatusBarItem('dockls.status', vscode.StatusBarAlignment.Right, 100);
    this.item.name = 'dockls';
    // A click shows the log, which is where the reason for any trouble is.
    this.item.command = 'dockls.showLog';
  }

  starting(): void {
    this.show('$(sync~spin) dockls', 'dockls: starting', undefined);
  }

  running(version: string, binary: string): void {
    this.show(`$(check) dockls ${version}`, `dockls ${version} is running\n${binary}`, undefined);
  }

  stopped(why: string): void {
    this.show('$(error) dockls', `dockls: ${why}. Click for the log; run "dockls: Restart Server" to try again.`,
      new vscode.ThemeColor('statusBarItem.errorBackground'));
  }

  dispose(): void {
    this.item.dispose();
  }

  private show(text: string, tooltip: string, background: vscode.ThemeColor | undefined): void {
    this.item.text = text;
    this.item.tooltip = tooltip;
    this.item.backgroundColor = background;
    this.item.show();
  }
}
