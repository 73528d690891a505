// A kubeconfig for the fake, in the shape the Multus thin entrypoint writes (one cluster, one user,
// one context; CA inline as certificate-authority-data, or by file), so config loaders are tested
// against the real format rather than a test-only shortcut.
import { writeFile } from 'node:fs/promises';

export interface KubeconfigOptions {
  /** Reference the token by file (`tokenFile:`) instead of inline; the current token is written there. */
  readonly tokenFile?: string;
  /** Reference the CA by file (`certificate-authority:`) instead of inline data; the CA is written there. */
  readonly caFile?: string;
  /** Default namespace of the context. */
  readonly namespace?: string;
}

const q = (s: string): string => JSON.stringify(s); // a JSON string is a valid YAML double-quoted scalar

export async function writeKubeconfig(file: string, server: string, caPem: string | undefined, token: string | undefined, opts: KubeconfigOptions = {}): Promise<string> {
  const cluster = [`    server: ${q(server)}`];
  if (caPem && opts.caFile) {
    await writeFile(opts.caFile, caPem);
    cluster.push(`    certificate-authority: ${q(opts.caFile)}`);
  } else if (caPem) {
    cluster.push(`    certificate-authority-data: ${q(Buffer.from(caPem).toString('base64'))}`);
  }
  const user: string[] = [];
  if (opts.tokenFile) {
    await writeFile(opts.tokenFile, token ?? '');
    user.push(`    tokenFile: ${q(opts.tokenFile)}`);
  } else if (token !== undefined) {
    user.push(`    token: ${q(token)}`);
  }
  const context = ['    cluster: fake-apiserver', '    user: fake-user'];
  if (opts.namespace) context.push(`    namespace: ${q(opts.namespace)}`);
  const text = [
    'apiVersion: v1',
    'kind: Config',
    'clusters:',
    '- name: fake-apiserver',
    '  cluster:',
    ...cluster,
    'users:',
    '- name: fake-user',
    user.length ? '  user:' : '  user: {}',
    ...user,
    'contexts:',
    '- name: fake-context',
    '  context:',
    ...context,
    'current-context: fake-context',
    '',
  ].join('\n');
  await writeFile(file, text, { mode: 0o600 });
  return file;
}
