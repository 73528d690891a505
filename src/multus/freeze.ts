// Parsed configuration is shared by every step of a request; freezing it deeply means no step can
// change what a later one sees (the Go code mutates its NetConf as it goes, which we do not copy).

export function deepFreeze<T>(v: T): T {
  if (v !== null && typeof v === 'object' && !Object.isFrozen(v)) {
    Object.freeze(v);
    for (const k of Object.keys(v)) deepFreeze((v as Record<string, unknown>)[k]);
  }
  return v;
}
