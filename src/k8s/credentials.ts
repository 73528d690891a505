// Per-request authentication material. A kubeconfig or service account gives one of these; the client
// asks it before every request and tells it about a 401 (so a rotated token is picked up at once).
import { readFile } from 'node:fs/promises';
import { cniError } from '../errors/catalogue.ts';

export interface AuthMaterial {
  /** The whole Authorization header value (`Bearer …`, `Basic …`), if any. */
  authorization?: string;
  /** Client certificate and key, when they come from the credential itself (exec plugins) rather than the config. */
  cert?: string | Buffer;
  key?: string | Buffer;
}

export interface Credentials {
  /** What to send with the next request. */
  get(): Promise<AuthMaterial>;
  /** Called after a 401: drop what is cached. True when asking again may give something new. */
  invalidate(): boolean;
  /** A short description for logs (`token file /x`), never the secret. */
  readonly describe: string;
}

export const noCredentials: Credentials = {
  async get() {
    return {};
  },
  invalidate() {
    return false;
  },
  describe: 'anonymous',
};

export function staticCredentials(authorization: string, describe: string): Credentials {
  return {
    async get() {
      return { authorization };
    },
    invalidate() {
      return false;
    },
    describe,
  };
}

export function basicCredentials(username: string, password: string): Credentials {
  return staticCredentials(`Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`, `basic auth user ${username}`);
}

/** Default re-read period of a token file: client-go's cachingTokenSource uses one minute too. */
export const TOKEN_FILE_REFRESH_MS = 60_000;

export interface TokenFileOptions {
  /** How old the cached token may get before the file is read again (default 60 s). */
  refreshMs?: number;
  /** Clock, for tests. */
  now?: () => number;
  /** Prefix of error messages, e.g. `kubeconfig /x: user "u": tokenFile`. */
  where?: string;
}

/**
 * A bearer token read from a file that is rewritten in place: projected service-account tokens are
 * rotated by the kubelet about every hour, and Multus' own kubeconfig may point at one (tokenFile).
 * The file is re-read when the cached copy is older than `refreshMs`, checked when a request needs it
 * instead of on a timer, so an idle process holds no timer and nothing needs stopping; and at once
 * after a 401. A read that fails while a token is cached keeps the old token (a rotation replaces the
 * file through a symlink swap, so a failed read is a passing moment), as client-go does.
 */
export class TokenFileCredentials implements Credentials {
  readonly path: string;
  readonly describe: string;
  private readonly refreshMs: number;
  private readonly now: () => number;
  private readonly where: string;
  private token: string | undefined;
  private readAt = -Infinity;
  private pending: Promise<string> | undefined;

  constructor(path: string, options: TokenFileOptions = {}) {
    this.path = path;
    this.describe = `token file ${path}`;
    this.refreshMs = options.refreshMs ?? TOKEN_FILE_REFRESH_MS;
    this.now = options.now ?? Date.now;
    this.where = options.where ?? `token file ${path}`;
  }

  /** Reads the file now (used at load time, so a missing token is a configuration error up front). */
  async load(): Promise<void> {
    this.readAt = -Infinity;
    await this.current();
  }

  async get(): Promise<AuthMaterial> {
    return { authorization: `Bearer ${await this.current()}` };
  }

  invalidate(): boolean {
    this.readAt = -Infinity;
    return true;
  }

  private current(): Promise<string> {
    if (this.token !== undefined && this.now() - this.readAt < this.refreshMs) return Promise.resolve(this.token);
    // concurrent requests share one read
    this.pending ??= this.reread().finally(() => {
      this.pending = undefined;
    });
    return this.pending;
  }

  private async reread(): Promise<string> {
    let text: string;
    try {
      text = (await readFile(this.path, 'utf8')).trim();
      if (text === '') throw new Error('the file is empty');
    } catch (e) {
      if (this.token !== undefined) {
        this.readAt = this.now(); // keep the old token; try the file again after another period
        return this.token;
      }
      const why = e instanceof Error ? e.message : String(e);
      throw cniError('K8S_CONFIG', `${this.where}: cannot read the token file ${this.path}: ${why}`);
    }
    this.token = text;
    this.readAt = this.now();
    return text;
  }
}

/** Adds the impersonation headers of a kubeconfig user (`as`, `as-groups`, `as-uid`). */
export interface Impersonation {
  user?: string;
  uid?: string;
  groups?: string[];
  extra?: Record<string, string[]>;
}

export function impersonationHeaders(i: Impersonation | undefined): Record<string, string | string[]> {
  const h: Record<string, string | string[]> = {};
  if (!i) return h;
  if (i.user) h['Impersonate-User'] = i.user;
  if (i.uid) h['Impersonate-Uid'] = i.uid;
  if (i.groups && i.groups.length > 0) h['Impersonate-Group'] = i.groups;
  // header names cannot carry every character of an extra's key: the API server percent-decodes them
  for (const [k, v] of Object.entries(i.extra ?? {})) h[`Impersonate-Extra-${encodeURIComponent(k)}`] = v;
  return h;
}
