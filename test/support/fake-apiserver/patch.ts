// The PATCH bodies the apiserver accepts (except server-side apply): RFC 7386 JSON merge patch,
// strategic merge patch (approximated as a merge patch: right for maps, which is what annotation and
// event-count patches touch; lists are replaced instead of merged by key) and RFC 6902 JSON patch.

function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** RFC 7386: objects merge recursively, null removes a member, anything else replaces. */
export function mergePatch(target: unknown, patch: unknown): unknown {
  if (!isObject(patch)) return structuredClone(patch);
  const out: Record<string, unknown> = isObject(target) ? { ...target } : {};
  for (const [k, v] of Object.entries(patch)) {
    if (v === null) delete out[k];
    else out[k] = mergePatch(out[k], v);
  }
  return out;
}

/** The patch document is malformed (HTTP 400). */
export class PatchDecodeError extends Error {}
/** An operation could not be applied, e.g. a failed `test` (HTTP 422). */
export class PatchApplyError extends Error {}

interface Op {
  op: string;
  path: string;
  from?: string;
  value?: unknown;
}

function pointer(p: string): string[] {
  if (p === '') return [];
  if (!p.startsWith('/')) throw new PatchDecodeError(`invalid JSON pointer "${p}"`);
  return p.slice(1).split('/').map((t) => t.replaceAll('~1', '/').replaceAll('~0', '~'));
}

function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => deepEqual(x, b[i]));
  if (isObject(a) && isObject(b)) {
    const ka = Object.keys(a);
    return ka.length === Object.keys(b).length && ka.every((k) => Object.hasOwn(b, k) && deepEqual(a[k], b[k]));
  }
  return false;
}

function arrayIndex(arr: unknown[], token: string, forAdd: boolean): number {
  if (forAdd && token === '-') return arr.length;
  if (!/^(0|[1-9][0-9]*)$/.test(token)) throw new PatchApplyError(`invalid array index "${token}"`);
  const i = Number(token);
  if (i > arr.length || (!forAdd && i === arr.length)) throw new PatchApplyError(`array index ${i} out of bounds`);
  return i;
}

/** The container holding the pointer's last token, and that token. */
function parentOf(doc: unknown, tokens: string[], path: string): [unknown, string] {
  let cur = doc;
  for (const t of tokens.slice(0, -1)) {
    if (Array.isArray(cur)) cur = cur[arrayIndex(cur, t, false)];
    else if (isObject(cur) && Object.hasOwn(cur, t)) cur = cur[t];
    else throw new PatchApplyError(`path "${path}" does not exist`);
  }
  return [cur, tokens[tokens.length - 1]];
}

function read(doc: unknown, path: string): unknown {
  const tokens = pointer(path);
  if (tokens.length === 0) return doc;
  const [parent, last] = parentOf(doc, tokens, path);
  if (Array.isArray(parent)) return parent[arrayIndex(parent, last, false)];
  if (isObject(parent) && Object.hasOwn(parent, last)) return parent[last];
  throw new PatchApplyError(`path "${path}" does not exist`);
}

function add(doc: unknown, path: string, value: unknown): unknown {
  const tokens = pointer(path);
  if (tokens.length === 0) return value;
  const [parent, last] = parentOf(doc, tokens, path);
  if (Array.isArray(parent)) parent.splice(arrayIndex(parent, last, true), 0, value);
  else if (isObject(parent)) parent[last] = value;
  else throw new PatchApplyError(`path "${path}" has no container`);
  return doc;
}

function remove(doc: unknown, path: string): unknown {
  const tokens = pointer(path);
  if (tokens.length === 0) throw new PatchApplyError('cannot remove the whole document');
  const [parent, last] = parentOf(doc, tokens, path);
  if (Array.isArray(parent)) parent.splice(arrayIndex(parent, last, false), 1);
  else if (isObject(parent) && Object.hasOwn(parent, last)) delete parent[last];
  else throw new PatchApplyError(`path "${path}" does not exist`);
  return doc;
}

/** RFC 6902 on a copy of `doc`: add, remove, replace, move, copy, test. */
export function jsonPatch(doc: unknown, patch: unknown): unknown {
  if (!Array.isArray(patch)) throw new PatchDecodeError('json: cannot unmarshal object into Go value of type jsonpatch.Patch');
  let out = structuredClone(doc);
  for (const raw of patch) {
    if (!isObject(raw) || typeof raw.op !== 'string' || typeof raw.path !== 'string') throw new PatchDecodeError('invalid JSON patch operation');
    const op = raw as unknown as Op;
    switch (op.op) {
      case 'add':
        out = add(out, op.path, structuredClone(op.value));
        break;
      case 'remove':
        out = remove(out, op.path);
        break;
      case 'replace':
        read(out, op.path); // must exist
        out = pointer(op.path).length === 0 ? structuredClone(op.value) : add(remove(out, op.path), op.path, structuredClone(op.value));
        break;
      case 'move': {
        if (typeof op.from !== 'string') throw new PatchDecodeError('move operation needs "from"');
        const v = read(out, op.from);
        out = add(remove(out, op.from), op.path, v);
        break;
      }
      case 'copy': {
        if (typeof op.from !== 'string') throw new PatchDecodeError('copy operation needs "from"');
        out = add(out, op.path, structuredClone(read(out, op.from)));
        break;
      }
      case 'test':
        if (!deepEqual(read(out, op.path), op.value)) throw new PatchApplyError(`testing value ${op.path} failed: test failed`);
        break;
      default:
        throw new PatchDecodeError(`Unexpected kind: ${op.op}`);
    }
  }
  return out;
}
