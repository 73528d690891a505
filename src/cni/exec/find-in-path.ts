// libcni's FindInPath (cni.md §2.5): the first `<dir>/<type>` that stats (following symlinks) as a
// regular file. Executability is deliberately not checked here: a non-executable file is "found" and
// fails later at exec with `permission denied`, which is the message users of libcni know.
// The stat is synchronous: a local bin dir answers in microseconds, while an fs/promises stat waits
// for a threadpool slot behind the cache writes' fsyncs (~0.5 ms per delegate, bench/add-profile.ts).
import { statSync } from 'node:fs';
import path from 'node:path';
import { cniError } from '../../errors/catalogue.ts';
import { pathInRoot } from './chroot-path.ts';
import { goQuote } from './go-quote.ts';

/** `root`: look inside this chroot dir (the returned path is the one the chrooted process sees). */
export async function findInPath(type: string, paths: readonly string[], root = ''): Promise<string> {
  if (type === '') throw cniError('PLUGIN_NAME_INVALID', 'no plugin name provided');
  if (type.includes(path.sep)) throw cniError('PLUGIN_NAME_INVALID', `invalid plugin name: ${type}`);
  if (paths.length === 0) throw cniError('PLUGIN_NO_PATHS', 'no paths provided');
  for (const dir of paths) {
    // filepath.Join cleans the result and skips an empty dir, as path.join does.
    const full = path.join(dir, type);
    try {
      if (statSync(pathInRoot(root, full), { throwIfNoEntry: false })?.isFile()) return full;
    } catch {
      // missing, dangling symlink, unreadable dir: try the next one, as Go does
    }
  }
  // Go formats with %q and %s of a []string: `"x"` and `[a b]`.
  throw cniError('PLUGIN_NOT_FOUND', `failed to find plugin ${goQuote(type)} in path [${paths.join(' ')}]`);
}
