// `exec` and `auth-provider` kubeconfig users (cloud CLIs, OIDC): the one case where we hand over to
// @kubernetes/client-node. It is imported only here and only when such a user is selected, because the
// import costs ~0.5 s and ~80 MB of RSS (README.md); the common credential kinds never load it.
import { cniError } from '../errors/catalogue.ts';
import type { AuthMaterial, Credentials } from './credentials.ts';

const CLIENT_NODE: string = '@kubernetes/client-node';

interface HttpsOptionsLike {
  headers?: Record<string, string>;
  cert?: string | Buffer;
  key?: string | Buffer;
}

interface KubeConfigLike {
  loadFromFile(file: string): void;
  setCurrentContext(name: string): void;
  applyToHTTPSOptions(opts: HttpsOptionsLike): Promise<void>;
}

/**
 * Credentials computed by client-node's KubeConfig for `context` of `file`. client-node caches exec
 * tokens until their expirationTimestamp, so calling it per request is cheap after the first.
 */
export async function clientNodeCredentials(file: string, context: string, where: string): Promise<Credentials> {
  let kc: KubeConfigLike;
  try {
    // a variable specifier, so bundlers leave this import to run time: bundled, client-node's 4 MB
    // would be parsed by every process that loads us (~75 ms, ~28 MB, README.md) even if never used
    const mod = (await import(CLIENT_NODE)) as typeof import('@kubernetes/client-node');
    const k = new mod.KubeConfig();
    k.loadFromFile(file);
    k.setCurrentContext(context);
    kc = k as unknown as KubeConfigLike;
  } catch (e) {
    const why = e instanceof Error ? e.message : String(e);
    // e.g. a single executable without node_modules next to it
    throw cniError('K8S_CONFIG', `${where}: needs @kubernetes/client-node, which could not load it: ${why}`);
  }
  // applyToHTTPSOptions also builds an agent and refuses plain-http servers; the private applyOptions
  // (headers and TLS material only) is what we need. Fall back to the public one if it ever goes away.
  const applyOptions = (kc as unknown as { applyOptions?: (o: HttpsOptionsLike) => Promise<void> }).applyOptions;
  const apply = typeof applyOptions === 'function' ? applyOptions.bind(kc) : kc.applyToHTTPSOptions.bind(kc);
  return {
    describe: `client-node credentials of ${where}`,
    async get(): Promise<AuthMaterial> {
      const o: HttpsOptionsLike = { headers: {} };
      try {
        await apply(o);
      } catch (e) {
        const why = e instanceof Error ? e.message : String(e);
        throw cniError('K8S_CONFIG', `${where}: the credential plugin failed: ${why}`);
      }
      const m: AuthMaterial = {};
      if (o.headers?.Authorization) m.authorization = o.headers.Authorization;
      if (o.cert) m.cert = o.cert;
      if (o.key) m.key = o.key;
      return m;
    },
    // client-node re-runs the plugin by itself when the cached credential expires
    invalidate: () => false,
  };
}
