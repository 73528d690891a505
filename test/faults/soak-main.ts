// What every soak entry point does around its campaign: exit 2 with the reason when it cannot run
// here; a host for the cleanup hooks that nodes register (run at the end, in reverse, whatever
// happened); exit 1 when `body` says some run was dirty, else 0.
import type { AfterHost } from '../support/tmp.ts';

export async function soakMain(skip: string | undefined, body: (host: AfterHost) => Promise<boolean>): Promise<never> {
  if (skip) {
    console.error(`soak: ${skip}`);
    process.exit(2);
  }
  const hooks: Array<() => unknown> = [];
  const host = { after: (fn: () => unknown) => void hooks.push(fn) };
  let exitCode = 0;
  try {
    if (await body(host)) exitCode = 1;
  } finally {
    for (const fn of hooks.reverse()) {
      try { await fn(); } catch (e) { console.error('cleanup:', e); }
    }
  }
  process.exit(exitCode);
}
