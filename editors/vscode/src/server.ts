// The language server: `clas-rules lsp`, started through vscode-languageclient.
import * as vscode from 'vscode';
import {
  CloseAction,
  ErrorAction,
  LanguageClient,
  LanguageClientOptions,
  ServerOptions,
  State,
} from 'vscode-languageclient/node';
import { lspArgs } from './core/args';
import { serverInitializationOptions } from './core/language';
import { CHANNELS, M, startFailureReason } from './core/messages';
import {
  binarySetting,
  childEnvironment,
  findBinary,
  isTrusted,
  languageOfSetting,
  reportMissingBinary,
  workspaceFolderPaths,
} from './environment';

const MAX_RESTARTS = 3;

export class LanguageServer implements vscode.Disposable {
  private client: LanguageClient | undefined;
  private readonly channel: vscode.OutputChannel;
  private restarts = 0;

  constructor() {
    this.channel = vscode.window.createOutputChannel(CHANNELS.server);
  }

  get running(): boolean {
    return this.client?.state === State.Running;
  }

  /**
   * Starts the server; tells the user (in French) when it cannot. Never
   * throws. In an untrusted workspace it starts nothing (and says so in its
   * panel): the extension calls it again when trust is granted.
   */
  async start(): Promise<boolean> {
    if (this.client) return true;
    if (!isTrusted()) {
      this.channel.appendLine(M.untrustedServer);
      return false;
    }
    const binary = findBinary();
    if (!binary) {
      this.channel.appendLine(M.binaryNotFound(binarySetting()));
      void reportMissingBinary();
      return false;
    }
    const serverOptions: ServerOptions = {
      command: binary,
      args: lspArgs(),
      options: { env: childEnvironment(), cwd: workspaceFolderPaths()[0] },
    };
    const clientOptions: LanguageClientOptions = {
      documentSelector: [
        { scheme: 'file', language: 'clas' },
        { scheme: 'untitled', language: 'clas' },
      ],
      outputChannel: this.channel,
      // The server speaks this language when it is `fr` or `en`, else the client's locale.
      initializationOptions: serverInitializationOptions(languageOfSetting()),
      errorHandler: {
        error: () => ({ action: ErrorAction.Continue }),
        closed: () => {
          this.restarts += 1;
          if (this.restarts <= MAX_RESTARTS) return { action: CloseAction.Restart, handled: true };
          return { action: CloseAction.DoNotRestart, message: M.serverStopped };
        },
      },
    };
    const client = new LanguageClient('clasRules', CHANNELS.server, serverOptions, clientOptions);
    this.client = client;
    try {
      await client.start();
      this.channel.appendLine(M.serverStarted(binary, languageOfSetting(), vscode.env.language));
      return true;
    } catch (error) {
      const code = (error as NodeJS.ErrnoException)?.code;
      const reason = code ? startFailureReason(code) : String((error as Error)?.message ?? error);
      this.client = undefined;
      try {
        await client.dispose();
      } catch {
        // the client never started: nothing to stop
      }
      void reportMissingBinary(M.binaryFailed(binary, reason));
      return false;
    }
  }

  async stop(): Promise<void> {
    const client = this.client;
    this.client = undefined;
    if (!client) return;
    try {
      if (client.state !== State.Stopped) await client.stop(5000);
    } catch {
      // already gone
    }
    try {
      await client.dispose();
    } catch {
      // already disposed
    }
  }

  /** Stops the server and starts it again, reading the settings afresh. */
  async restart(): Promise<boolean> {
    await this.stop();
    this.restarts = 0;
    const started = await this.start();
    if (started) void vscode.window.showInformationMessage(M.serverRestarted);
    return started;
  }

  dispose(): void {
    void this.stop().finally(() => this.channel.dispose());
  }
}
