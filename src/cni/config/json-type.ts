// Names for JSON value types in error messages. libcni prints Go's %T (float64, map[string]interface {},
// <nil>, …); a TS user wrote JSON, so we name the JSON types instead (cni.md §2.2 allows our own names).

export function jsonType(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'boolean') return 'bool';
  return typeof v; // 'string' | 'number' | 'object'
}

export function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
