// A recording fake CNI plugin (cni.md §5 conventions): real executables, so the runtime's whole exec
// path (lookup, env, stdin, exit codes, timeouts, netns wrapping) is exercised, while every call is
// logged for exact assertions and every answer is scripted per (type, command).
//
// Layout under `dir`:
//   bin/<type>                          the executables (Node scripts run by the Node running the tests)
//   calls.jsonl                         one JSON line per call, appended in call order
//   replies/<type>/cmd-<COMMAND>.json   the reply for that command ('*' = any command)
//
// Node rather than sh because the log must hold the exact stdin bytes and arbitrary env values, which
// a shell cannot JSON-escape reliably.
import { chmodSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export interface FakeReply {
  readonly stdout?: string;
  readonly stderr?: string;
  /** Exit code (default 0). */
  readonly exit?: number;
  /** Sleep this long after logging the call and before answering (timeout tests). */
  readonly sleepMs?: number;
  /** Print the stdin's `prevResult` exactly as written (a chained plugin that changes nothing). */
  readonly passthrough?: boolean;
  /** What passthrough prints when stdin has no prevResult: `{}` (default) or e.g. `null`. */
  readonly passthroughWhenNone?: string;
}

export interface FakeCall {
  readonly type: string;
  readonly command: string;
  /** Every CNI_* variable the plugin saw. */
  readonly env: Readonly<Record<string, string>>;
  /** The stdin bytes, decoded as UTF-8. */
  readonly stdin: string;
}

/** What a fake answers when no reply is set: ADD passes through, VERSION lists every version. */
export const DEFAULT_VERSION_REPLY =
  '{"cniVersion":"1.1.0","supportedVersions":["0.1.0","0.2.0","0.3.0","0.3.1","0.4.0","1.0.0","1.1.0"]}';

// The plugin itself. Plain JS valid as both CommonJS and ESM (the file has no extension, so Node picks
// the module kind from the nearest package.json): builtins come from process.getBuiltinModule.
function script(dir: string, type: string): string {
  return `#!${process.execPath} --no-warnings
'use strict';
const fs = process.getBuiltinModule('node:fs');
const path = process.getBuiltinModule('node:path');
const DIR = ${JSON.stringify(dir)};
const TYPE = ${JSON.stringify(type)};
const DEFAULT_VERSION = ${JSON.stringify(DEFAULT_VERSION_REPLY)};

function pause(ms) { Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms); }

function readStdin() {
  const chunks = [];
  const buf = Buffer.alloc(65536);
  for (;;) {
    let n;
    try { n = fs.readSync(0, buf, 0, buf.length, null); }
    catch (e) {
      if (e.code === 'EAGAIN') { pause(2); continue; }
      if (e.code === 'EOF' || e.code === 'EBADF' || e.code === 'EINVAL') break;
      throw e;
    }
    if (n === 0) break;
    chunks.push(Buffer.from(buf.subarray(0, n)));
  }
  return Buffer.concat(chunks).toString('utf8');
}

function writeAll(fd, text) {
  const b = Buffer.from(text, 'utf8');
  let off = 0;
  while (off < b.length) {
    try { off += fs.writeSync(fd, b, off, b.length - off); }
    catch (e) {
      if (e.code === 'EAGAIN') { pause(2); continue; }
      if (e.code === 'EPIPE') return;
      throw e;
    }
  }
}

// The raw text of the last top-level "prevResult" member, or undefined (byte-exact passthrough).
function rawPrevResult(t) {
  try { JSON.parse(t); } catch { return undefined; }
  let i = 0;
  const ws = () => { while (i < t.length && ' \\t\\r\\n'.includes(t[i])) i++; };
  const str = () => { const s = i; i++; while (t[i] !== '"') { if (t[i] === '\\\\') i++; i++; } i++; return t.slice(s, i); };
  const value = () => {
    const s = i;
    if (t[i] === '"') { str(); return t.slice(s, i); }
    if (t[i] === '{' || t[i] === '[') {
      let depth = 0;
      for (; i < t.length; i++) {
        if (t[i] === '"') { str(); i--; continue; }
        if (t[i] === '{' || t[i] === '[') depth++;
        else if (t[i] === '}' || t[i] === ']') { depth--; if (depth === 0) { i++; break; } }
      }
      return t.slice(s, i);
    }
    while (i < t.length && !' \\t\\r\\n,}]'.includes(t[i])) i++;
    return t.slice(s, i);
  };
  ws();
  if (t[i] !== '{') return undefined;
  i++; ws();
  let found;
  while (t[i] !== '}') {
    const key = JSON.parse(str());
    ws(); i++; ws();
    const v = value();
    if (key === 'prevResult') found = v;
    ws();
    if (t[i] === ',') { i++; ws(); }
  }
  return found;
}

const stdin = readStdin();
const command = process.env.CNI_COMMAND ?? '';
const env = {};
for (const k of Object.keys(process.env).sort()) if (k.startsWith('CNI_')) env[k] = process.env[k];
fs.appendFileSync(path.join(DIR, 'calls.jsonl'), JSON.stringify({ type: TYPE, command, env, stdin }) + '\\n');

const replyDir = path.join(DIR, 'replies', TYPE);
let reply;
for (const name of ['cmd-' + encodeURIComponent(command) + '.json', 'cmd-*.json']) {
  const f = path.join(replyDir, name);
  if (fs.existsSync(f)) { reply = JSON.parse(fs.readFileSync(f, 'utf8')); break; }
}
if (reply === undefined) {
  reply = command === 'ADD' ? { passthrough: true } : command === 'VERSION' ? { stdout: DEFAULT_VERSION } : {};
}
if (reply.sleepMs) pause(reply.sleepMs);
let stdout = reply.stdout ?? '';
if (reply.passthrough) {
  const prev = rawPrevResult(stdin);
  stdout = prev === undefined || prev === 'null' ? (reply.passthroughWhenNone ?? '{}') : prev;
}
writeAll(1, stdout);
writeAll(2, reply.stderr ?? '');
process.exit(reply.exit ?? 0);
`;
}

export interface FakePlugins {
  /** `<dir>/bin`: the CNI_PATH entry. */
  readonly binDir: string;
  /** type → executable path. */
  readonly paths: Readonly<Record<string, string>>;
}

/** Writes one recording executable per type into `<dir>/bin` (dir is created if needed). */
export function createFakePlugins(dir: string, types: readonly string[]): FakePlugins {
  const binDir = path.join(dir, 'bin');
  mkdirSync(binDir, { recursive: true });
  const paths: Record<string, string> = {};
  for (const type of types) {
    if (type === '' || type.includes('/')) throw new Error(`fake plugin type must be a file name: ${JSON.stringify(type)}`);
    const p = path.join(binDir, type);
    writeFileSync(p, script(path.resolve(dir), type));
    chmodSync(p, 0o755);
    paths[type] = p;
  }
  return { binDir, paths };
}

/** The reply of `type` to `command` ('*' for any command without its own reply). */
export function setReply(dir: string, type: string, command: string, reply: FakeReply): void {
  const d = path.join(dir, 'replies', type);
  mkdirSync(d, { recursive: true });
  writeFileSync(path.join(d, `cmd-${encodeURIComponent(command)}.json`), JSON.stringify(reply));
}

export function clearReplies(dir: string): void {
  rmSync(path.join(dir, 'replies'), { recursive: true, force: true });
}

/** Every call so far, in order. */
export function readCalls(dir: string): FakeCall[] {
  const f = path.join(dir, 'calls.jsonl');
  if (!existsSync(f)) return [];
  return readFileSync(f, 'utf8')
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => JSON.parse(l) as FakeCall);
}

/** Forgets the calls so far. */
export function clearCalls(dir: string): void {
  rmSync(path.join(dir, 'calls.jsonl'), { force: true });
}

/** "<COMMAND> <type>" for every call, in order (handy for order assertions). */
export function callOrder(dir: string): string[] {
  return readCalls(dir).map((c) => `${c.command} ${c.type}`);
}
