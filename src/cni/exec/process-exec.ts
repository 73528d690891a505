// Running a plugin binary (cni.md §1.4, §2.6). libcni semantics, except where Go's are a trap: Go kills
// only the direct child on timeout and then waits for the pipes, so a grandchild holding stdout keeps
// the call open for as long as it lives. We put the plugin in its own process group, kill the whole
// group, and never wait on pipes for longer than a short grace after the direct child has exited.
import { spawn, type ChildProcess } from 'node:child_process';
import { access, constants, stat } from 'node:fs/promises';
import { constants as osConstants } from 'node:os';
import { getSystemErrorMessage } from 'node:util';
import type { ErrorId } from '../../errors/catalogue.ts';
import { decodePluginFailure } from './decode-error.ts';
import { pathInRoot } from './chroot-path.ts';
import { findInPath } from './find-in-path.ts';

export interface ExecRequest {
  readonly pluginPath: string;
  readonly stdin: string;
  /** The complete environment of the plugin (the caller merges in the runtime's own env). */
  readonly env: Readonly<Record<string, string>>;
  readonly timeoutMs?: number;
  readonly signal?: AbortSignal;
}

export interface ExecOutput {
  readonly stdout: string;
  readonly stderr: string;
}

/** The one interface for the "run a plugin" effect, so tests and wrappers can swap it. */
export interface PluginExec {
  /** Resolves on exit 0 (whatever stdout holds); otherwise rejects with a CniError decoded per §2.6. */
  exec(req: ExecRequest): Promise<ExecOutput>;
  findInPath(type: string, paths: readonly string[]): Promise<string>;
}

export interface ProcessExecOptions {
  /** Where a successful plugin's stderr goes (informational only); default: our own stderr. */
  readonly stderrSink?: (pluginPath: string, text: string) => void;
  /**
   * Run `[...wrapArgv, pluginPath]` instead of the plugin itself, e.g. `ip netns exec <ns>`. The wrapper
   * must exec the plugin in place (same pid, same process group) for timeouts to keep working.
   */
  readonly wrapArgv?: readonly string[];
  /**
   * Run every plugin chrooted into this directory (thick Multus' `chrootDir`, e.g. the host's root
   * mounted at /hostroot): plugin paths are looked up and executed inside it, through `chroot(8)`,
   * which execs in place. Unset: no chroot.
   */
  readonly chrootDir?: string;
  /** How long to keep reading stdout/stderr after the direct child exited (a grandchild may hold them). */
  readonly pipeGraceMs?: number;
  /** Pause between ETXTBSY retries; libcni's 1 s, smaller only in tests. */
  readonly textBusyRetryMs?: number;
}

const TEXT_BUSY_RETRIES = 5;
// coreutils' chroot(8) execs the command in place (same pid and process group), as wrapArgv needs
const CHROOT_BIN = '/usr/sbin/chroot';
const DEFAULT_PIPE_GRACE_MS = 100;
// After SIGKILL the child is reaped at once unless it is stuck in the kernel; do not let that hold us.
const KILL_REAP_LIMIT_MS = 1000;

// Go's syscall.Errno texts (glibc's strerror, lower-cased) for what execve can fail with, where
// libuv's wording differs ("text file is busy", "not enough memory", …); others fall back to libuv's.
const GO_ERRNO_TEXT: Readonly<Record<string, string>> = {
  EACCES: 'permission denied',
  ENOENT: 'no such file or directory',
  ENOEXEC: 'exec format error',
  ETXTBSY: 'text file busy',
  ENOTDIR: 'not a directory',
  EISDIR: 'is a directory',
  ELOOP: 'too many levels of symbolic links',
  ENAMETOOLONG: 'file name too long',
  E2BIG: 'argument list too long',
  ENOMEM: 'cannot allocate memory',
  EPERM: 'operation not permitted',
  EIO: 'input/output error',
  EAGAIN: 'resource temporarily unavailable',
  EMFILE: 'too many open files',
  ELIBBAD: 'accessing a corrupted shared library',
};

// Go's signal names (ProcessState.String() prints `signal: <name>`).
const GO_SIGNAL_NAMES: Readonly<Record<string, string>> = {
  SIGHUP: 'hangup',
  SIGINT: 'interrupt',
  SIGQUIT: 'quit',
  SIGILL: 'illegal instruction',
  SIGTRAP: 'trace/breakpoint trap',
  SIGABRT: 'aborted',
  SIGBUS: 'bus error',
  SIGFPE: 'floating point exception',
  SIGKILL: 'killed',
  SIGUSR1: 'user defined signal 1',
  SIGSEGV: 'segmentation fault',
  SIGUSR2: 'user defined signal 2',
  SIGPIPE: 'broken pipe',
  SIGALRM: 'alarm clock',
  SIGTERM: 'terminated',
  SIGSTKFLT: 'stack fault',
  SIGCHLD: 'child exited',
  SIGCONT: 'continued',
  SIGSTOP: 'stopped (signal)',
  SIGTSTP: 'stopped',
  SIGTTIN: 'stopped (tty input)',
  SIGTTOU: 'stopped (tty output)',
  SIGURG: 'urgent I/O condition',
  SIGXCPU: 'CPU time limit exceeded',
  SIGXFSZ: 'file size limit exceeded',
  SIGVTALRM: 'virtual timer expired',
  SIGPROF: 'profiling timer expired',
  SIGWINCH: 'window changed',
  SIGIO: 'I/O possible',
  SIGPWR: 'power failure',
  SIGSYS: 'bad system call',
};

/** What Go prints for a finished process: `exit status 2`, `signal: killed`. */
export function goProcessStatus(code: number | null, signal: NodeJS.Signals | null): string {
  if (signal) return `signal: ${GO_SIGNAL_NAMES[signal] ?? signal}`;
  return `exit status ${code ?? 0}`;
}

function errnoText(err: NodeJS.ErrnoException): string {
  const code = err.code ?? '';
  if (GO_ERRNO_TEXT[code]) return GO_ERRNO_TEXT[code];
  if (typeof err.errno === 'number') return getSystemErrorMessage(err.errno);
  return err.message;
}

/** Go's exec failure text: `fork/exec /path: permission denied`. */
export function goExecError(pluginPath: string, err: NodeJS.ErrnoException): string {
  return `fork/exec ${pluginPath}: ${errnoText(err)}`;
}

type RunResult =
  | { readonly kind: 'spawn-error'; readonly err: NodeJS.ErrnoException }
  | {
      readonly kind: 'exited';
      readonly code: number | null;
      readonly signal: NodeJS.Signals | null;
      readonly stdout: string;
      readonly stderr: string;
      readonly killed: 'timeout' | 'abort' | undefined;
    };

function isTimeoutReason(reason: unknown): boolean {
  return reason instanceof Error && reason.name === 'TimeoutError';
}

function killGroup(child: ChildProcess): void {
  if (child.pid === undefined) return;
  try {
    // Negative pid: the whole process group the detached child leads.
    process.kill(-child.pid, 'SIGKILL');
  } catch {
    // ESRCH: everyone is gone already
  }
}

export class ProcessExec implements PluginExec {
  readonly #stderrSink: (pluginPath: string, text: string) => void;
  readonly #wrapArgv: readonly string[];
  readonly #root: string;
  readonly #pipeGraceMs: number;
  readonly #textBusyRetryMs: number;

  constructor(opts: ProcessExecOptions = {}) {
    this.#stderrSink = opts.stderrSink ?? ((_p, text) => void process.stderr.write(text));
    this.#root = opts.chrootDir ?? '';
    this.#wrapArgv = [...(this.#root ? [CHROOT_BIN, this.#root] : []), ...(opts.wrapArgv ?? [])];
    this.#pipeGraceMs = opts.pipeGraceMs ?? DEFAULT_PIPE_GRACE_MS;
    this.#textBusyRetryMs = opts.textBusyRetryMs ?? 1000;
  }

  findInPath(type: string, paths: readonly string[]): Promise<string> {
    return findInPath(type, paths, this.#root);
  }

  async exec(req: ExecRequest): Promise<ExecOutput> {
    const deadline = req.timeoutMs === undefined ? undefined : Date.now() + req.timeoutMs;
    // exec.CommandContext refuses to start once the context is done.
    if (req.signal?.aborted) throw this.#contextError(req.signal.reason);
    if (this.#wrapArgv.length > 0) await this.#preflight(pathInRoot(this.#root, req.pluginPath), req.pluginPath);

    for (let attempt = 0; ; attempt++) {
      const r = await this.#runOnce(req, deadline);
      if (r.kind === 'spawn-error') {
        // The binary may still be being written by whoever installs it.
        if (r.err.code === 'ETXTBSY' && attempt < TEXT_BUSY_RETRIES) {
          await this.#pause(req, deadline);
          continue;
        }
        throw decodePluginFailure('', '', goExecError(req.pluginPath, r.err), 'PLUGIN_EXEC');
      }
      if (r.killed !== undefined) {
        const id: ErrorId = r.killed === 'timeout' ? 'PLUGIN_TIMEOUT' : 'PLUGIN_FAILED';
        // Go reports what the killed plugin had printed so far, status `signal: killed`.
        throw decodePluginFailure(r.stdout, r.stderr, 'signal: killed', id);
      }
      if (r.code !== 0 || r.signal !== null) {
        throw decodePluginFailure(r.stdout, r.stderr, goProcessStatus(r.code, r.signal));
      }
      if (r.stderr.length > 0) this.#stderrSink(req.pluginPath, r.stderr);
      return { stdout: r.stdout, stderr: r.stderr };
    }
  }

  #contextError(reason: unknown): Error {
    const timeout = reason === 'timeout' || isTimeoutReason(reason);
    const id: ErrorId = timeout ? 'PLUGIN_TIMEOUT' : 'PLUGIN_FAILED';
    return decodePluginFailure('', '', timeout ? 'context deadline exceeded' : 'context canceled', id);
  }

  // A wrapper (ip netns exec) reports exec failures in its own words and exit code; check the two
  // failures a real exec would report so the message stays libcni's.
  // `onDisk` is where we can stat it (inside the chroot dir, when there is one).
  async #preflight(onDisk: string, pluginPath: string): Promise<void> {
    try {
      const st = await stat(onDisk);
      // execve of a directory (or any non-regular file) fails with EACCES.
      if (!st.isFile()) throw Object.assign(new Error('not a regular file'), { code: 'EACCES', errno: -osConstants.errno.EACCES });
      await access(onDisk, constants.X_OK);
    } catch (e) {
      const err = e as NodeJS.ErrnoException;
      throw decodePluginFailure('', '', goExecError(pluginPath, err), 'PLUGIN_EXEC');
    }
  }

  #pause(req: ExecRequest, deadline: number | undefined): Promise<void> {
    return new Promise((resolve, reject) => {
      let wait = this.#textBusyRetryMs;
      const overdue = deadline !== undefined && Date.now() + wait >= deadline;
      if (deadline !== undefined) wait = Math.min(wait, Math.max(0, deadline - Date.now()));
      const onAbort = (): void => {
        clearTimeout(timer);
        reject(this.#contextError(req.signal?.reason));
      };
      const timer = setTimeout(() => {
        req.signal?.removeEventListener('abort', onAbort);
        if (overdue) reject(this.#contextError('timeout'));
        else resolve();
      }, wait);
      req.signal?.addEventListener('abort', onAbort, { once: true });
    });
  }

  #runOnce(req: ExecRequest, deadline: number | undefined): Promise<RunResult> {
    const [file, ...args] = [...this.#wrapArgv, req.pluginPath];
    return new Promise<RunResult>((resolve) => {
      let child: ChildProcess;
      try {
        child = spawn(file, args, {
          env: { ...req.env },
          stdio: ['pipe', 'pipe', 'pipe'],
          // Own process group (setsid), so a timeout can kill the plugin and everything it started.
          detached: true,
          windowsHide: true,
        });
      } catch (e) {
        // ETXTBSY surfaces synchronously from spawn, other exec errors via 'error'.
        resolve({ kind: 'spawn-error', err: e as NodeJS.ErrnoException });
        return;
      }

      const out: Buffer[] = [];
      const err: Buffer[] = [];
      let outEnded = false;
      let errEnded = false;
      let killed: 'timeout' | 'abort' | undefined;
      let exited: { code: number | null; signal: NodeJS.Signals | null } | undefined;
      let done = false;
      let graceTimer: NodeJS.Timeout | undefined;
      let reapTimer: NodeJS.Timeout | undefined;
      let deadlineTimer: NodeJS.Timeout | undefined;

      const finish = (r: RunResult): void => {
        if (done) return;
        done = true;
        clearTimeout(graceTimer);
        clearTimeout(reapTimer);
        clearTimeout(deadlineTimer);
        req.signal?.removeEventListener('abort', onAbort);
        // Stop waiting on pipes a grandchild may still hold open.
        child.stdout?.destroy();
        child.stderr?.destroy();
        child.stdin?.destroy();
        resolve(r);
      };
      const finishExited = (): void => {
        const st = exited ?? { code: null, signal: 'SIGKILL' as const };
        finish({
          kind: 'exited',
          code: st.code,
          signal: st.signal,
          stdout: Buffer.concat(out).toString('utf8'),
          stderr: Buffer.concat(err).toString('utf8'),
          killed,
        });
      };
      const maybeFinish = (): void => {
        if (exited && outEnded && errEnded) finishExited();
      };
      const kill = (why: 'timeout' | 'abort'): void => {
        if (done || exited) return;
        killed = why;
        killGroup(child);
        reapTimer = setTimeout(finishExited, KILL_REAP_LIMIT_MS);
      };
      const onAbort = (): void => kill(isTimeoutReason(req.signal?.reason) ? 'timeout' : 'abort');

      child.on('error', (e: NodeJS.ErrnoException) => {
        if (child.pid === undefined) finish({ kind: 'spawn-error', err: e });
      });
      child.on('exit', (code, signal) => {
        exited = { code, signal };
        clearTimeout(reapTimer);
        maybeFinish();
        if (!done) graceTimer = setTimeout(finishExited, this.#pipeGraceMs);
      });
      child.stdout?.on('data', (b: Buffer) => out.push(b));
      child.stderr?.on('data', (b: Buffer) => err.push(b));
      child.stdout?.on('end', () => {
        outEnded = true;
        maybeFinish();
      });
      child.stderr?.on('end', () => {
        errEnded = true;
        maybeFinish();
      });
      child.stdout?.on('error', () => {});
      child.stderr?.on('error', () => {});
      // A plugin may exit without reading its stdin: EPIPE is not a failure.
      child.stdin?.on('error', () => {});
      child.stdin?.end(req.stdin);

      if (deadline !== undefined) deadlineTimer = setTimeout(() => kill('timeout'), Math.max(0, deadline - Date.now()));
      if (req.signal) {
        if (req.signal.aborted) onAbort();
        else req.signal.addEventListener('abort', onAbort, { once: true });
      }
    });
  }
}
