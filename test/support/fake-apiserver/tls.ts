// A throwaway PKI for the HTTPS variant: a self-signed CA and a server certificate for 127.0.0.1 /
// localhost signed by it, made with the openssl CLI at test time (no key material in the repo).
// EC P-256 keys keep generation to a few milliseconds; the result is shared within the process.
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export interface ServerPki {
  readonly caPem: string;
  readonly certPem: string;
  readonly keyPem: string;
}

let shared: Promise<ServerPki> | undefined;

async function generate(): Promise<ServerPki> {
  const dir = await mkdtemp(path.join(tmpdir(), 'mts-pki-'));
  try {
    const f = (n: string) => path.join(dir, n);
    const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];
    await run('openssl', ['req', '-x509', ...ec, '-keyout', f('ca.key'), '-out', f('ca.crt'), '-days', '2', '-subj', '/CN=fake-apiserver-ca',
      '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign']);
    await run('openssl', ['req', ...ec, '-keyout', f('server.key'), '-out', f('server.csr'), '-subj', '/CN=kube-apiserver']);
    // the SANs a kubeconfig or in-cluster client may use to reach an apiserver
    await writeFile(f('ext.cnf'), [
      'subjectAltName=IP:127.0.0.1,DNS:localhost,DNS:kubernetes,DNS:kubernetes.default,DNS:kubernetes.default.svc',
      'basicConstraints=critical,CA:FALSE',
      'keyUsage=critical,digitalSignature',
      'extendedKeyUsage=serverAuth',
      '',
    ].join('\n'));
    await run('openssl', ['x509', '-req', '-in', f('server.csr'), '-CA', f('ca.crt'), '-CAkey', f('ca.key'), '-set_serial', String(Date.now()),
      '-days', '2', '-extfile', f('ext.cnf'), '-out', f('server.crt')]);
    const [caPem, certPem, keyPem] = await Promise.all(['ca.crt', 'server.crt', 'server.key'].map((n) => readFile(f(n), 'utf8')));
    return { caPem, certPem, keyPem };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

export function serverPki(): Promise<ServerPki> {
  shared ??= generate().catch((e: unknown) => {
    shared = undefined;
    throw e;
  });
  return shared;
}
