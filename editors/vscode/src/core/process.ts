// Running `clas-rules` and collecting what it prints. Node only (no `vscode`).
import { spawn } from 'child_process';

export interface RunOptions {
  cwd?: string;
  env?: { [name: string]: string | undefined };
  /** Killed after this many milliseconds (default: two minutes). */
  timeoutMs?: number;
  /** Called when the run should stop (the user cancelled). */
  onCancel?: (cancel: () => void) => void;
}

export interface RunResult {
  /** The exit code; null when the program could not start or was killed. */
  code: number | null;
  stdout: string;
  stderr: string;
  /** Why the program could not start (`ENOENT`: not found, `EACCES`: not executable). */
  error?: NodeJS.ErrnoException;
  timedOut: boolean;
  cancelled: boolean;
}

/** Runs a program to completion; never rejects. */
export function runProgram(binary: string, args: string[], options: RunOptions = {}): Promise<RunResult> {
  return new Promise((resolve) => {
    let stdout = '';
    let stderr = '';
    let settled = false;
    let timedOut = false;
    let cancelled = false;
    const env = { ...(options.env ?? process.env), NO_COLOR: '1' };
    let child: ReturnType<typeof spawn>;
    const finish = (code: number | null, error?: NodeJS.ErrnoException) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve({
        code,
        stdout,
        stderr,
        error,
        timedOut,
        cancelled,
      });
    };
    try {
      child = spawn(binary, args, { cwd: options.cwd, env, stdio: ['ignore', 'pipe', 'pipe'], windowsHide: true });
    } catch (error) {
      resolve({ code: null, stdout: '', stderr: '', error: error as NodeJS.ErrnoException, timedOut, cancelled });
      return;
    }
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill();
    }, options.timeoutMs ?? 120_000);
    options.onCancel?.(() => {
      cancelled = true;
      child.kill();
    });
    // setEncoding decodes UTF-8 across chunk boundaries.
    child.stdout?.setEncoding('utf8');
    child.stderr?.setEncoding('utf8');
    child.stdout?.on('data', (chunk: string) => (stdout += chunk));
    child.stderr?.on('data', (chunk: string) => (stderr += chunk));
    child.on('error', (error: NodeJS.ErrnoException) => finish(null, error));
    child.on('close', (code) => finish(code));
  });
}
