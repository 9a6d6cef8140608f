// A small stand-in for the `vscode` module and for vscode-languageclient,
// enough to activate the compiled extension under plain Node and drive its
// commands: it records what the extension shows (messages, output panels,
// diagnostics, test results) and answers dialogs as a script says.
import * as fs from 'fs';
import * as path from 'path';

type Listener<T> = (event: T) => unknown;

export class Uri {
  private constructor(
    readonly scheme: string,
    readonly fsPath: string,
    private readonly opaque?: string,
  ) {}
  static file(file: string): Uri {
    return new Uri('file', path.resolve(file));
  }
  /** Only `scheme:path` without an authority, as the explanations' addresses are. */
  static parse(text: string): Uri {
    const colon = text.indexOf(':');
    return new Uri(text.slice(0, colon), '', text.slice(colon + 1));
  }
  get path(): string {
    return this.opaque ?? this.fsPath.split(path.sep).join('/');
  }
  toString(): string {
    return this.opaque !== undefined ? `${this.scheme}:${this.opaque}` : `${this.scheme}://${this.path}`;
  }
}

export class EventEmitter<T> {
  private readonly listeners: Listener<T>[] = [];
  readonly event = (listener: Listener<T>) => {
    this.listeners.push(listener);
    return { dispose: () => this.listeners.splice(this.listeners.indexOf(listener), 1) };
  };
  fire(value: T): void {
    for (const listener of [...this.listeners]) listener(value);
  }
  dispose(): void {
    this.listeners.length = 0;
  }
}

export class Position {
  constructor(
    readonly line: number,
    readonly character: number,
  ) {}
  translate(lineDelta = 0, characterDelta = 0): Position {
    return new Position(this.line + lineDelta, this.character + characterDelta);
  }
}

export class Range {
  readonly start: Position;
  readonly end: Position;
  constructor(a: Position | number, b: Position | number, c?: number, d?: number) {
    if (typeof a === 'number') {
      this.start = new Position(a, b as number);
      this.end = new Position(c as number, d as number);
    } else {
      this.start = a;
      this.end = b as Position;
    }
  }
}

export class Location {
  readonly range: Range;
  constructor(
    readonly uri: Uri,
    at: Position | Range,
  ) {
    this.range = at instanceof Range ? at : new Range(at, at);
  }
}

export enum DiagnosticSeverity {
  Error = 0,
  Warning = 1,
  Information = 2,
  Hint = 3,
}

export class Diagnostic {
  source?: string;
  code?: string | number;
  constructor(
    readonly range: Range,
    readonly message: string,
    readonly severity: DiagnosticSeverity = DiagnosticSeverity.Error,
  ) {}
}

export class TestMessage {
  location?: Location;
  expectedOutput?: string;
  actualOutput?: string;
  constructor(readonly message: string) {}
  static diff(message: string, expected: string, actual: string): TestMessage {
    const m = new TestMessage(message);
    m.expectedOutput = expected;
    m.actualOutput = actual;
    return m;
  }
}

export class RelativePattern {
  readonly baseUri: Uri;
  constructor(
    base: Uri | string,
    readonly pattern: string,
  ) {
    this.baseUri = typeof base === 'string' ? Uri.file(base) : base;
  }
}

export class TestRunRequest {
  constructor(
    readonly include?: TestItem[],
    readonly exclude?: TestItem[],
    readonly profile?: unknown,
  ) {}
}

export interface Token {
  isCancellationRequested: boolean;
  onCancellationRequested(listener: () => void): { dispose(): void };
}

function token(): Token {
  return { isCancellationRequested: false, onCancellationRequested: () => ({ dispose() {} }) };
}

export class CancellationTokenSource {
  readonly token = token();
  cancel(): void {
    this.token.isCancellationRequested = true;
  }
  dispose(): void {}
}

export class TestItemCollection {
  private readonly items = new Map<string, TestItem>();
  constructor(private readonly owner?: TestItem) {}
  add(item: TestItem): void {
    item.parent = this.owner;
    this.items.set(item.id, item);
  }
  get(id: string): TestItem | undefined {
    return this.items.get(id);
  }
  delete(id: string): void {
    this.items.delete(id);
  }
  forEach(f: (item: TestItem) => void): void {
    this.items.forEach((item) => f(item));
  }
  get size(): number {
    return this.items.size;
  }
}

export class TestItem {
  parent?: TestItem;
  readonly children: TestItemCollection = new TestItemCollection(this);
  constructor(
    readonly id: string,
    readonly label: string,
    readonly uri?: Uri,
  ) {}
}

export interface RecordedRun {
  name?: string;
  started: string[];
  passed: string[];
  failed: { id: string; messages: TestMessage[] }[];
  skipped: string[];
  errored: string[];
  output: string;
  ended: boolean;
}

export interface Shown {
  kind: 'information' | 'warning' | 'error';
  message: string;
  items: string[];
}

export interface TextDocumentStub {
  uri: Uri;
  languageId: string;
  isUntitled: boolean;
  isDirty: boolean;
  saved: number;
  getText(): string;
  save(): Promise<boolean>;
}

export function document(file: string, languageId = file.endsWith('.clas') ? 'clas' : 'json'): TextDocumentStub {
  return {
    uri: Uri.file(file),
    languageId,
    isUntitled: false,
    isDirty: false,
    saved: 0,
    getText: () => fs.readFileSync(file, 'utf8'),
    async save() {
      this.saved += 1;
      this.isDirty = false;
      return true;
    },
  };
}

/** What the extension did, and how the "user" answers. */
export class Script {
  /** User settings (`inspect` shows them as globalValue). */
  settings: Record<string, unknown> = {};
  /** Whether the workspace is trusted; `grantTrust()` fires onDidGrantWorkspaceTrust. */
  trusted = true;
  /** VS Code's display language (`vscode.env.language`). */
  displayLanguage = 'fr';
  workspaceFolders: string[] = [];
  activeDocument: TextDocumentStub | undefined;
  /** Answers to showOpenDialog, in order. */
  openDialogAnswers: (string[] | undefined)[] = [];
  /** Answers to showQuickPick: the id of the item to pick. */
  quickPickAnswers: (string | undefined)[] = [];
  /** Which button to press for a message (undefined: dismiss). */
  pressButton: (shown: Shown) => string | undefined = () => undefined;

  readonly shown: Shown[] = [];
  readonly channels = new Map<string, string>();
  readonly diagnostics = new Map<string, Map<string, Diagnostic[]>>();
  readonly commands = new Map<string, (...args: unknown[]) => unknown>();
  readonly executed: { command: string; args: unknown[] }[] = [];
  readonly runs: RecordedRun[] = [];
  readonly opened: string[] = [];
  readonly dialogs: unknown[] = [];
  readonly configurationListeners: Listener<{ affectsConfiguration(section: string): boolean }>[] = [];
  readonly trustListeners: Listener<void>[] = [];
  readonly contentProviders = new Map<string, { provideTextDocumentContent(uri: Uri): Promise<string> | string }>();
  readonly languageChanges: { uri: string; languageId: string }[] = [];
  readonly openListeners: Listener<{ uri: Uri; languageId: string }>[] = [];
  controller: { items: TestItemCollection } | undefined;

  /** Grants trust to the workspace, as the user would from the restricted-mode banner. */
  grantTrust(): void {
    this.trusted = true;
    for (const listener of this.trustListeners) listener(undefined);
  }

  /** Changes a setting and tells the extension, as the settings editor does. */
  changeSetting(key: string, value: unknown): void {
    this.settings[key] = value;
    for (const listener of this.configurationListeners) listener({ affectsConfiguration: (section) => key === section || key.startsWith(`${section}.`) });
  }

  /** Opens a document of a content provider, as VS Code does when a link to it is followed. */
  async openVirtual(text: string): Promise<{ uri: Uri; languageId: string; text: string }> {
    const uri = Uri.parse(text);
    const provider = this.contentProviders.get(uri.scheme);
    if (!provider) throw new Error(`no content provider for ${uri.scheme}`);
    const document = { uri, languageId: 'plaintext', text: await provider.provideTextDocumentContent(uri) };
    for (const listener of this.openListeners) listener(document);
    await new Promise((r) => setImmediate(r));
    const changed = this.languageChanges.filter((c) => c.uri === uri.toString()).pop();
    return { ...document, languageId: changed?.languageId ?? document.languageId };
  }

  channel(name: string): string {
    return this.channels.get(name) ?? '';
  }

  messages(kind?: Shown['kind']): string[] {
    return this.shown.filter((s) => !kind || s.kind === kind).map((s) => s.message);
  }
}

/** The `vscode` module, backed by a script. */
export function vscodeModule(script: Script): Record<string, unknown> {
  const show = (kind: Shown['kind']) => async (message: string, ...items: unknown[]) => {
    const shown: Shown = { kind, message, items: items.filter((i): i is string => typeof i === 'string') };
    script.shown.push(shown);
    return script.pressButton(shown);
  };
  const outputChannel = (name: string) => ({
    name,
    append: (text: string) => script.channels.set(name, script.channel(name) + text),
    appendLine: (text: string) => script.channels.set(name, script.channel(name) + text + '\n'),
    clear: () => script.channels.set(name, ''),
    show: () => undefined,
    hide: () => undefined,
    dispose: () => undefined,
  });
  const collection = (name: string) => {
    const entries = new Map<string, Diagnostic[]>();
    script.diagnostics.set(name, entries);
    return {
      name,
      set: (uri: Uri, diagnostics: Diagnostic[]) => entries.set(uri.fsPath, diagnostics),
      delete: (uri: Uri) => entries.delete(uri.fsPath),
      get: (uri: Uri) => entries.get(uri.fsPath),
      clear: () => entries.clear(),
      dispose: () => entries.clear(),
    };
  };
  const walk = (dir: string): string[] =>
    fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
      e.isDirectory() ? walk(path.join(dir, e.name)) : [path.join(dir, e.name)],
    );
  return {
    Uri,
    EventEmitter,
    Position,
    Range,
    Location,
    Diagnostic,
    DiagnosticSeverity,
    TestMessage,
    RelativePattern,
    TestRunRequest,
    CancellationTokenSource,
    ProgressLocation: { SourceControl: 1, Window: 10, Notification: 15 },
    TestRunProfileKind: { Run: 1, Debug: 2, Coverage: 3 },
    window: {
      get activeTextEditor() {
        return script.activeDocument ? { document: script.activeDocument } : undefined;
      },
      showInformationMessage: show('information'),
      showWarningMessage: show('warning'),
      showErrorMessage: show('error'),
      createOutputChannel: outputChannel,
      async showOpenDialog(options: unknown) {
        script.dialogs.push(options);
        const answer = script.openDialogAnswers.shift();
        return answer?.map((f) => Uri.file(f));
      },
      async showQuickPick(items: { id?: string }[]) {
        const id = script.quickPickAnswers.shift();
        return items.find((i) => i.id === id);
      },
      async showTextDocument(uri: Uri) {
        script.opened.push(uri.fsPath);
      },
      withProgress: (_options: unknown, task: (progress: unknown, t: Token) => unknown) =>
        task({ report: () => undefined }, token()),
    },
    env: {
      get language() {
        return script.displayLanguage;
      },
    },
    workspace: {
      get isTrusted() {
        return script.trusted;
      },
      onDidGrantWorkspaceTrust(listener: Listener<void>) {
        script.trustListeners.push(listener);
        return { dispose() {} };
      },
      registerTextDocumentContentProvider(
        scheme: string,
        provider: { provideTextDocumentContent(uri: Uri): Promise<string> | string },
      ) {
        script.contentProviders.set(scheme, provider);
        return { dispose: () => script.contentProviders.delete(scheme) };
      },
      onDidOpenTextDocument(listener: Listener<{ uri: Uri; languageId: string }>) {
        script.openListeners.push(listener);
        return { dispose() {} };
      },
      textDocuments: [],
      get workspaceFolders() {
        return script.workspaceFolders.map((f, index) => ({ uri: Uri.file(f), name: path.basename(f), index }));
      },
      getWorkspaceFolder(uri: Uri) {
        const folder = script.workspaceFolders.find((f) => !path.relative(f, uri.fsPath).startsWith('..'));
        return folder ? { uri: Uri.file(folder), name: path.basename(folder), index: 0 } : undefined;
      },
      getConfiguration(section: string) {
        return {
          get: <T>(key: string, fallback?: T) => (script.settings[`${section}.${key}`] as T | undefined) ?? fallback,
          inspect: <T>(key: string) => ({ key: `${section}.${key}`, globalValue: script.settings[`${section}.${key}`] as T | undefined }),
        };
      },
      onDidChangeConfiguration(listener: Listener<{ affectsConfiguration(section: string): boolean }>) {
        script.configurationListeners.push(listener);
        return { dispose() {} };
      },
      async openTextDocument(uri: Uri) {
        return document(uri.fsPath);
      },
      async findFiles(pattern: RelativePattern) {
        if (!pattern.pattern.endsWith('*.json')) throw new Error(`unexpected pattern ${pattern.pattern}`);
        return walk(pattern.baseUri.fsPath)
          .filter((f) => f.endsWith('.json'))
          .map((f) => Uri.file(f));
      },
    },
    commands: {
      registerCommand(id: string, f: (...args: unknown[]) => unknown) {
        script.commands.set(id, f);
        return { dispose: () => script.commands.delete(id) };
      },
      async executeCommand(command: string, ...args: unknown[]) {
        script.executed.push({ command, args });
        return script.commands.get(command)?.(...args);
      },
    },
    languages: {
      createDiagnosticCollection: collection,
      async setTextDocumentLanguage(document: { uri: Uri }, languageId: string) {
        script.languageChanges.push({ uri: document.uri.toString(), languageId });
        return { ...document, languageId };
      },
    },
    tests: {
      createTestController(id: string, label: string) {
        const controller = {
          id,
          label,
          items: new TestItemCollection(),
          resolveHandler: undefined as unknown,
          refreshHandler: undefined as unknown,
          createTestItem: (itemId: string, itemLabel: string, uri?: Uri) => new TestItem(itemId, itemLabel, uri),
          createRunProfile: (profileLabel: string, kind: number, handler: unknown, isDefault: boolean) => ({
            label: profileLabel,
            kind,
            handler,
            isDefault,
            dispose() {},
          }),
          createTestRun(_request: TestRunRequest, name?: string) {
            const run: RecordedRun = { name, started: [], passed: [], failed: [], skipped: [], errored: [], output: '', ended: false };
            script.runs.push(run);
            return {
              started: (item: TestItem) => run.started.push(item.id),
              passed: (item: TestItem) => run.passed.push(item.id),
              failed: (item: TestItem, messages: TestMessage | TestMessage[]) =>
                run.failed.push({ id: item.id, messages: ([] as TestMessage[]).concat(messages) }),
              skipped: (item: TestItem) => run.skipped.push(item.id),
              errored: (item: TestItem) => run.errored.push(item.id),
              appendOutput: (text: string) => (run.output += text),
              end: () => (run.ended = true),
            };
          },
          dispose() {},
        };
        script.controller = controller;
        return controller;
      },
    },
  };
}

/** vscode-languageclient/node: records each client, "starts" when the program exists. */
export class FakeLanguageClient {
  static instances: FakeLanguageClient[] = [];
  state = 1; // Stopped
  stopped = false;
  constructor(
    readonly id: string,
    readonly name: string,
    readonly serverOptions: { command: string; args: string[]; options?: { env?: Record<string, string | undefined> } },
    readonly clientOptions: { documentSelector: { language: string; scheme: string }[]; initializationOptions?: unknown },
  ) {
    FakeLanguageClient.instances.push(this);
  }
  async start(): Promise<void> {
    if (!fs.existsSync(this.serverOptions.command)) {
      throw Object.assign(new Error(`spawn ${this.serverOptions.command} ENOENT`), { code: 'ENOENT' });
    }
    this.state = 2; // Running
  }
  async stop(): Promise<void> {
    this.state = 1;
    this.stopped = true;
  }
  async dispose(): Promise<void> {
    await this.stop();
  }
}

export const languageClientModule = {
  LanguageClient: FakeLanguageClient,
  State: { Stopped: 1, Running: 2, Starting: 3 },
  CloseAction: { DoNotRestart: 1, Restart: 2 },
  ErrorAction: { Continue: 1, Shutdown: 2 },
};
