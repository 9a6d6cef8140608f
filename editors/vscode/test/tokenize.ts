// Tokenizing with the TextMate engine VS Code uses (vscode-textmate over
// vscode-oniguruma), for tests that go beyond inline scope assertions.
import * as fs from 'fs';
import * as path from 'path';
import * as oniguruma from 'vscode-oniguruma';
import * as textmate from 'vscode-textmate';
import { EXTENSION_ROOT } from './helpers';

export interface Token {
  line: number;
  start: number;
  end: number;
  text: string;
  scopes: string[];
}

let grammar: Promise<textmate.IGrammar> | undefined;

export function loadGrammar(): Promise<textmate.IGrammar> {
  grammar ??= (async () => {
    const wasm = fs.readFileSync(require.resolve('vscode-oniguruma/release/onig.wasm'));
    await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength) as ArrayBuffer);
    const registry = new textmate.Registry({
      onigLib: Promise.resolve({
        createOnigScanner: (sources: string[]) => new oniguruma.OnigScanner(sources),
        createOnigString: (text: string) => new oniguruma.OnigString(text),
      }),
      loadGrammar: async (scopeName: string) => {
        if (scopeName !== 'source.clas') return null;
        const file = path.join(EXTENSION_ROOT, 'syntaxes', 'clas.tmLanguage.json');
        return textmate.parseRawGrammar(fs.readFileSync(file, 'utf8'), file);
      },
    });
    const loaded = await registry.loadGrammar('source.clas');
    if (!loaded) throw new Error('grammar source.clas not loaded');
    return loaded;
  })();
  return grammar;
}

export async function tokenize(text: string): Promise<Token[][]> {
  const g = await loadGrammar();
  let state = textmate.INITIAL;
  const lines: Token[][] = [];
  text.split(/\r?\n/).forEach((line, index) => {
    const result = g.tokenizeLine(line, state);
    state = result.ruleStack;
    lines.push(
      result.tokens.map((t) => ({
        line: index,
        start: t.startIndex,
        end: Math.min(t.endIndex, line.length),
        text: line.slice(t.startIndex, t.endIndex),
        scopes: t.scopes,
      })),
    );
  });
  return lines;
}
