// A scripted PluginExec for exact assertions on the runtime library's logic (stdin, env, order): the
// plugin lookup is the real one (files in a temp dir), the exec is answered in memory and recorded.
// Behaviour of real processes (timeouts, stderr, exit codes) is tested with real executables instead.
import { basename } from 'node:path';
import { ProcessExec, decodePluginFailure, type ExecOutput, type ExecRequest, type PluginExec } from '../../src/cni/exec/index.ts';

export interface Reply {
  readonly stdout?: string;
  readonly stderr?: string;
  readonly exit?: number;
  /** Answer with the stdin's prevResult (or `{}` when none), as a chained plugin that changes nothing. */
  readonly passthrough?: boolean;
}

export interface Call {
  readonly type: string;
  readonly command: string;
  readonly env: Readonly<Record<string, string>>;
  readonly stdin: string;
  readonly json: Record<string, unknown>;
}

export class MemoryExec implements PluginExec {
  readonly calls: Call[] = [];
  readonly #replies = new Map<string, Reply>();
  readonly #lookup = new ProcessExec();

  /** Reply of `type` for `command` ('*' = any command). */
  reply(type: string, command: string, r: Reply): this {
    this.#replies.set(`${type} ${command}`, r);
    return this;
  }

  findInPath(type: string, paths: readonly string[]): Promise<string> {
    return this.#lookup.findInPath(type, paths);
  }

  async exec(req: ExecRequest): Promise<ExecOutput> {
    const type = basename(req.pluginPath);
    const command = req.env.CNI_COMMAND ?? '';
    const json = JSON.parse(req.stdin) as Record<string, unknown>;
    this.calls.push({ type, command, env: cniEnv(req.env), stdin: req.stdin, json });
    const r = this.#replies.get(`${type} ${command}`) ?? this.#replies.get(`${type} *`) ?? { passthrough: command === 'ADD' };
    const stdout = r.passthrough ? JSON.stringify(json.prevResult ?? {}) : (r.stdout ?? '');
    const exit = r.exit ?? 0;
    if (exit !== 0) throw decodePluginFailure(stdout, r.stderr ?? '', `exit status ${exit}`);
    return { stdout, stderr: r.stderr ?? '' };
  }

  /** "<COMMAND> <type>" for every call, in order. */
  order(): string[] {
    return this.calls.map((c) => `${c.command} ${c.type}`);
  }
}

function cniEnv(env: Readonly<Record<string, string>>): Record<string, string> {
  return Object.fromEntries(Object.entries(env).filter(([k]) => k.startsWith('CNI_')));
}
