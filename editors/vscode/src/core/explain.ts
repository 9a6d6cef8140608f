// The explanations of diagnostic codes: the server gives each diagnostic a
// link `clas-rules-explain:E0203`, and the extension shows what
// `clas-rules explain E0203` prints. Pure: the program is run by the caller.
import { M, startFailureReason } from './messages';
import { RunResult } from './process';

/** The scheme of the explanations' addresses, as the language server writes them. */
export const EXPLAIN_SCHEME = 'clas-rules-explain';

/**
 * The diagnostic code of an explanation's address (`clas-rules-explain:E0203`
 * has the path `E0203`), or undefined when it is not a code: only letters,
 * digits, `-` and `_`, starting with a letter, so it can never pass for an option.
 */
export function explainCode(uriPath: string): string | undefined {
  const code = uriPath.replace(/^\/+/, '').replace(/\.md$/i, '').trim();
  return /^[A-Za-z][A-Za-z0-9_-]{0,31}$/.test(code) ? code.toUpperCase() : undefined;
}

/** A page that says, in French, why there is no explanation. */
export function explanationUnavailable(code: string, why: string, details?: string): string {
  const lines = [M.explainTitle(code), '', why];
  if (details?.trim()) {
    lines.push('', M.explainDetails, '', '```text', details.trim(), '```');
  }
  return lines.join('\n') + '\n';
}

/** What the explanation's tab shows for a run of `clas-rules explain CODE`. */
export function explanationPage(code: string, result: RunResult): string {
  if (result.error) {
    return explanationUnavailable(code, M.explainFailed(code, startFailureReason(result.error.code)));
  }
  if (result.timedOut) return explanationUnavailable(code, M.timedOut);
  if (result.code === 0 && result.stdout.trim()) return result.stdout;
  const reason = result.code === 0 ? M.explainEmptyReason : M.explainExitReason(result.code);
  return explanationUnavailable(code, `${M.explainFailed(code, reason)} ${M.explainHint}`, result.stderr);
}
