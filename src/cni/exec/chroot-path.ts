// A path as a process chrooted into `root` sees it: `<root>/<path>` with every symlink resolved inside
// the root (an absolute link target is relative to the root, not to our own filesystem). Used to look
// plugins up and check them before a chrooted exec (ProcessExec's chrootDir).
import { lstatSync, readlinkSync } from 'node:fs';
import { isAbsolute, join, posix } from 'node:path';

const MAX_LINKS = 40; // Linux's limit for one lookup

/** The host path of `path` inside `root`; unresolvable parts are returned as they are (stat then fails). */
export function pathInRoot(root: string, path: string): string {
  if (!root) return path;
  let rel = posix.normalize(`/${path}`);
  for (let hops = 0; hops < MAX_LINKS; hops++) {
    const parts = rel.split('/').filter(Boolean);
    let cur = '/';
    let relinked = false;
    for (let i = 0; i < parts.length; i++) {
      const next = posix.join(cur, parts[i]);
      let st;
      try {
        st = lstatSync(join(root, next));
      } catch {
        return join(root, rel); // missing: the caller's stat reports it
      }
      if (st.isSymbolicLink()) {
        const target = readlinkSync(join(root, next));
        const rest = parts.slice(i + 1).join('/');
        const base = isAbsolute(target) ? target : `${cur}/${target}`;
        rel = posix.normalize(rest ? `${base}/${rest}` : base);
        relinked = true;
        break;
      }
      cur = next;
    }
    if (!relinked) return join(root, rel);
  }
  return join(root, rel);
}
