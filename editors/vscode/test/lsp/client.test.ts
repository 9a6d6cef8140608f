// The real `clas-rules lsp`, driven with the protocol libraries that
// vscode-languageclient is built on (vscode-languageserver-protocol over
// vscode-jsonrpc), as VS Code would drive it through the extension.
import { strict as assert } from 'assert';
import { ChildProcess, spawn } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { after, before, describe, it } from 'node:test';
import { pathToFileURL } from 'url';
import {
  createProtocolConnection,
  Diagnostic,
  DiagnosticSeverity,
  DidChangeTextDocumentNotification,
  DidOpenTextDocumentNotification,
  ExitNotification,
  HoverRequest,
  InitializedNotification,
  InitializeRequest,
  ProtocolConnection,
  PublishDiagnosticsNotification,
  PublishDiagnosticsParams,
  ShutdownRequest,
  StreamMessageReader,
  StreamMessageWriter,
} from 'vscode-languageserver-protocol/node';
import { lspArgs } from '../../src/core/args';
import { binaryPath, REPO_ROOT } from '../helpers';

const RULEBOOK = path.join(REPO_ROOT, 'rules', 'national', '2024-2025.clas');
const URI = pathToFileURL(RULEBOOK).toString();
// The Caf du Puy-de-Dôme's rulebook of the same year, written over it.
const CAF_RULEBOOK = path.join(REPO_ROOT, 'rules', 'caf-63', '2024-2025.clas');
const CAF_URI = pathToFileURL(CAF_RULEBOOK).toString();
const TIMEOUT = 15_000;

describe('clas-rules lsp, through vscode-languageserver-protocol', () => {
  let server: ChildProcess;
  let connection: ProtocolConnection;
  const published: PublishDiagnosticsParams[] = [];
  const waiters: (() => void)[] = [];
  let stderr = '';

  /** The next diagnostics published for the rulebook that satisfy `accept`. */
  function diagnosticsFor(accept: (p: PublishDiagnosticsParams) => boolean, uri = URI): Promise<PublishDiagnosticsParams> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`no matching publishDiagnostics within ${TIMEOUT} ms; got ${JSON.stringify(published)}; stderr: ${stderr}`)),
        TIMEOUT,
      );
      timer.unref();
      const check = () => {
        const found = published.find((p) => p.uri === uri && accept(p));
        if (!found) return false;
        clearTimeout(timer);
        resolve(found);
        return true;
      };
      if (!check()) waiters.push(() => void check());
    });
  }

  before(async () => {
    server = spawn(binaryPath(), lspArgs(), { cwd: REPO_ROOT, stdio: ['pipe', 'pipe', 'pipe'] });
    server.stderr!.on('data', (chunk) => (stderr += chunk));
    connection = createProtocolConnection(new StreamMessageReader(server.stdout!), new StreamMessageWriter(server.stdin!));
    connection.onNotification(PublishDiagnosticsNotification.type, (params) => {
      published.push(params);
      for (const waiter of waiters.splice(0)) waiter();
    });
    connection.listen();
  });

  after(() => {
    connection?.dispose();
    if (server && server.exitCode === null) server.kill();
  });

  it('initializes and announces the features the extension relies on', async () => {
    const result = await connection.sendRequest(InitializeRequest.type, {
      processId: process.pid,
      rootUri: pathToFileURL(REPO_ROOT).toString(),
      capabilities: {
        textDocument: {
          hover: { contentFormat: ['markdown', 'plaintext'] },
          publishDiagnostics: { relatedInformation: true, versionSupport: true },
        },
      },
      workspaceFolders: [{ uri: pathToFileURL(REPO_ROOT).toString(), name: 'clas-rules' }],
    });
    assert.equal(result.serverInfo?.name, 'clas-rules');
    const c = result.capabilities;
    assert.ok(c.hoverProvider, 'hover');
    assert.ok(c.definitionProvider, 'definition');
    assert.ok(c.referencesProvider, 'references');
    assert.ok(c.renameProvider, 'rename');
    assert.ok(c.completionProvider, 'completion');
    assert.ok(c.documentSymbolProvider, 'symbols');
    assert.ok(c.foldingRangeProvider, 'folding');
    assert.ok(c.documentFormattingProvider, 'formatting');
    assert.ok(c.semanticTokensProvider, 'semantic tokens');
    assert.ok(c.inlayHintProvider, 'inlay hints');
    assert.ok(c.codeActionProvider, 'code actions');
    await connection.sendNotification(InitializedNotification.type, {});
  });

  it('publishes no error for rules/national/2024-2025.clas', async () => {
    await connection.sendNotification(DidOpenTextDocumentNotification.type, {
      textDocument: { uri: URI, languageId: 'clas', version: 1, text: fs.readFileSync(RULEBOOK, 'utf8') },
    });
    const params = await diagnosticsFor((p) => p.version === 1 || p.version === undefined);
    const errors = params.diagnostics.filter((d) => d.severity === DiagnosticSeverity.Error);
    assert.deepEqual(errors, [], 'no error in the real rulebook');
    assert.deepEqual(params.diagnostics, [], 'no diagnostic at all in the real rulebook');
  });

  it('publishes an error, with a suggestion, for a misspelt name', async () => {
    const text = fs.readFileSync(RULEBOOK, 'utf8');
    const lines = text.split('\n');
    const line = lines.findIndex((l) => /^\s+refuse unless c\.adultes_encadrants >= encadrants_minimum\s*$/.test(l));
    assert.ok(line >= 0, 'the rule encadrement_du_collectif is in the rulebook');
    const character = lines[line].lastIndexOf('encadrants_minimum');
    // Incremental change, as VS Code sends it: minimum → minimun.
    const start = { line, character: character + 'encadrants_minimu'.length };
    await connection.sendNotification(DidChangeTextDocumentNotification.type, {
      textDocument: { uri: URI, version: 2 },
      contentChanges: [{ range: { start, end: { line, character: start.character + 1 } }, text: 'n' }],
    });
    const params = await diagnosticsFor((p) => p.version === 2);
    const errors: Diagnostic[] = params.diagnostics.filter((d) => d.severity === DiagnosticSeverity.Error);
    assert.equal(errors.length, 1, JSON.stringify(params.diagnostics));
    assert.equal(errors[0].range.start.line, line);
    assert.equal(errors[0].range.start.character, character);
    assert.match(errors[0].message, /encadrants_minimun/);
    const everything = JSON.stringify(errors[0]);
    assert.match(everything, /encadrants_minimum/, 'the diagnostic suggests the declared name');

    // Back to the original text: the error goes away.
    await connection.sendNotification(DidChangeTextDocumentNotification.type, {
      textDocument: { uri: URI, version: 3 },
      contentChanges: [{ text }],
    });
    const fixed = await diagnosticsFor((p) => p.version === 3);
    assert.deepEqual(fixed.diagnostics.filter((d) => d.severity === DiagnosticSeverity.Error), []);
  });

  it('answers hover on taux_ps with its type and value', async () => {
    const text = fs.readFileSync(RULEBOOK, 'utf8');
    const lines = text.split('\n');
    const line = lines.findIndex((l) => l.startsWith('override param taux_ps'));
    const character = lines[line].indexOf('taux_ps') + 2;
    const hover = await connection.sendRequest(HoverRequest.type, {
      textDocument: { uri: URI },
      position: { line, character },
    });
    assert.ok(hover, 'a hover');
    const contents = JSON.stringify(hover.contents);
    assert.match(contents, /taux_ps/);
    assert.match(contents, /rate/);
    assert.match(contents, /33/);
  });

  it('analyses a Caf file over the national one: no error, and hover says which layer set each value', async () => {
    const text = fs.readFileSync(CAF_RULEBOOK, 'utf8');
    await connection.sendNotification(DidOpenTextDocumentNotification.type, {
      textDocument: { uri: CAF_URI, languageId: 'clas', version: 1, text },
    });
    const params = await diagnosticsFor((p) => p.version === 1, CAF_URI);
    assert.deepEqual(params.diagnostics, [], 'no diagnostic in the real Caf rulebook');
    const lines = text.split('\n');
    const line = lines.findIndex((l) => l.startsWith('override param periode_depot'));
    const hover = await connection.sendRequest(HoverRequest.type, {
      textDocument: { uri: CAF_URI },
      position: { line, character: lines[line].indexOf('periode_depot') + 2 },
    });
    const contents = JSON.stringify(hover?.contents);
    assert.match(contents, /2023-2024 : .*\(Caf 63, \[caf-63\/2023-2024\.clas\]/);
    assert.match(contents, /2024-2025 : .*\(Caf 63, \[caf-63\/2024-2025\.clas\]/);
  });

  it('shuts down and exits cleanly', async () => {
    await connection.sendRequest(ShutdownRequest.type);
    const exited = new Promise<number | null>((resolve) => server.on('exit', (code) => resolve(code)));
    await connection.sendNotification(ExitNotification.type);
    const code = await Promise.race([exited, new Promise<string>((r) => setTimeout(() => r('timeout'), TIMEOUT).unref())]);
    assert.equal(code, 0);
  });
});
