// A minimal HTTP client over a unix socket, speaking to the daemon as a shim would.
import { request } from 'node:http';

export interface Reply {
  readonly status: number;
  readonly contentType: string;
  readonly body: string;
}

export function call(socketPath: string, method: string, path: string, body?: string, headers: Record<string, string> = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request({ socketPath, method, path, host: 'dummy', headers: { ...(body !== undefined ? { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) } : {}), ...headers } }, (res) => {
      let data = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (data += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, contentType: String(res.headers['content-type'] ?? ''), body: data }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

export function cniBody(env: Record<string, string>, config: object | string): string {
  const text = typeof config === 'string' ? config : JSON.stringify(config);
  return JSON.stringify({ env, config: Buffer.from(text).toString('base64') });
}
