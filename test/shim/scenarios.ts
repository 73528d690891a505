// A tour of the shim's code paths (success, every error class, odd input) for the memory checkers:
// valgrind.test.ts and sanitizers.test.ts run each scenario under their tool and require it clean.
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { tempDir, type AfterHost } from '../support/tmp.ts';
import { cniEnv, CONFIG, fakeDaemon, OUR_TYPE, rawDaemon, type RunOptions } from './helper.ts';

export interface Scenario {
  name: string;
  opts: RunOptions;
  code: number;
}

export async function scenarios(t: AfterHost, extraEnv: Record<string, string> = {}): Promise<Scenario[]> {
  const answers: [number, string, string][] = [
    [200, OUR_TYPE, '{"cniVersion":"1.0.0"}'],
    [200, 'application/json', `{"Result":{"dns":{"search":["a\\"}{"]},"ips":[]}}`],
    [200, '', ''],
    [400, 'application/json', '{"code":7,"msg":"bad config","details":"x"}'],
    [400, 'text/plain', `${'é'.repeat(3000)} ERRORED: boom\n`],
  ];
  let i = 0;
  const d = await fakeDaemon(t, (_q, res) => {
    const [status, type, body] = answers[i++ % answers.length];
    res.writeHead(status, type ? { 'Content-Type': type } : {});
    if (status === 200 && type === 'application/json') {
      res.write(body.slice(0, 5)); // chunked
      res.end(body.slice(5));
    } else res.end(body);
  });
  const silent = await rawDaemon(t, () => {});
  const cut = await rawDaemon(t, (s) => s.end('HTTP/1.1 200 OK\r\nContent-Length: 50\r\n\r\n{"cni'));
  const slam = await rawDaemon(t, (s) => s.destroy(), true);
  const garbage = await rawDaemon(t, (s) => s.end('HELLO\r\n\r\nworld'));
  const absent = path.join(tempDir(t, 'mts-shim-'), 'multus.sock');
  const env = (socket: string | undefined, more: Record<string, string> = {}) => ({ ...cniEnv(socket, more), ...extraEnv });
  // Valid escapes (pairs, lone surrogates, NUL) before the key, broken ones after it.
  const odd = `{"cniVersion":"1.0.0","k\\u00e9y":"\\ud83d\\ude80\\ud800x\\u0000\\/","daemonSocketDir":${JSON.stringify(`${d.dir}/`)},"n":[{"[":"]"}],"x":"\\u12zz","bad": tru`;
  return [
    { name: 'ADD, our output', opts: { env: env(d.socket), stdin: CONFIG }, code: 0 },
    { name: 'ADD, Go Result, chunked', opts: { env: env(d.socket), stdin: CONFIG }, code: 0 },
    { name: 'DEL, empty body', opts: { env: env(d.socket, { CNI_COMMAND: 'DEL' }), stdin: CONFIG }, code: 0 },
    { name: '400 CNI error', opts: { env: env(d.socket), stdin: CONFIG }, code: 1 },
    { name: '400 long text, cut on UTF-8', opts: { env: env(d.socket), stdin: CONFIG }, code: 1 },
    { name: 'odd config, escapes, socket dir from stdin', opts: { env: env(undefined), stdin: odd }, code: 0 },
    { name: '1 MiB random stdin', opts: { env: env(d.socket), stdin: randomBytes(1 << 20) }, code: 0 },
    { name: 'daemon absent', opts: { env: env(absent, { MULTUS_SHIM_CONNECT_TIMEOUT_MS: '150' }), stdin: CONFIG }, code: 1 },
    { name: 'timeout', opts: { env: env(silent.socket, { MULTUS_SHIM_TIMEOUT_MS: '300' }), stdin: CONFIG }, code: 1 },
    { name: 'cut-off answer', opts: { env: env(cut.socket), stdin: CONFIG }, code: 1 },
    { name: 'closed at accept, 2 MiB stdin', opts: { env: env(slam.socket), stdin: Buffer.alloc(2 << 20, 'x') }, code: 1 },
    { name: 'not HTTP', opts: { env: env(garbage.socket), stdin: CONFIG }, code: 1 },
    { name: 'oversize stdin', opts: { env: env(d.socket), stdin: Buffer.alloc((16 << 20) + 1, 'y') }, code: 1 },
    { name: 'VERSION', opts: { env: env(d.socket, { CNI_COMMAND: 'VERSION' }) }, code: 0 },
    { name: '-version', opts: { env: env(d.socket), args: ['-version'] }, code: 0 },
    { name: 'about', opts: { env: { ...extraEnv } }, code: 0 },
  ];
}
