// Loading configurations from a directory (libcni ConfFiles / LoadNetworkConf / LoadConf, cni.md §2.3).
// Read-only. Any file that cannot be read or parsed aborts the whole load, as in libcni: silently
// skipping it would run a different network than the admin configured. Errors name the file.
import { readFileSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { CniError, cniError } from '../../errors/catalogue.ts';
import { confListFromConf, parseConfList } from './parse-list.ts';
import { parsePluginConf } from './parse-plugin.ts';
import type { NetworkConfigList, PluginConf } from './types.ts';

/** Go's filepath.Ext: from the last dot of the base name (".conf" has extension ".conf"). */
function goExt(name: string): string {
  const base = name.slice(name.lastIndexOf('/') + 1);
  const dot = base.lastIndexOf('.');
  return dot < 0 ? '' : base.slice(dot);
}

/** Go sorts names as byte strings; JS compares UTF-16 units, which differs above U+FFFF. */
function byteOrder(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}

function errText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/** Files (not directories) of `dir` whose last extension is one of `exts`, sorted by name. */
export async function confFiles(dir: string, exts: readonly string[]): Promise<string[]> {
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return []; // a missing dir is an empty one
    throw cniError('CONFIG_IO', `error reading directory ${dir}: ${errText(e)}`);
  }
  // As Go's DirEntry.IsDir: a symlink to a directory is kept (and then fails to read, naming itself).
  return entries
    .filter((d) => !d.isDirectory() && exts.includes(goExt(d.name)))
    .map((d) => d.name)
    .sort(byteOrder)
    .map((n) => path.join(dir, n));
}

async function readText(file: string, what: string): Promise<string> {
  try {
    return readFileSync(file, 'utf8');
  } catch (e) {
    throw cniError('CONFIG_IO', `${what} ${file}: ${errText(e)}`);
  }
}

/**
 * Whether `<dir>/<name>` can be the list's sibling folder. Deviation from libcni, which joins any name:
 * "" would make the config dir itself the sibling folder (every .conf there appended as a plugin), and
 * "..", "a/b" or NUL would reach outside it. Such names are invalid network names anyway (ADD rejects them).
 */
function siblingFolderAllowed(name: string): boolean {
  return name !== '' && name !== '.' && name !== '..' && !name.includes('/') && !name.includes('\0');
}

/** libcni NetworkPluginConfsFromFiles: `<dir>/<name>/*.conf` (not .json), sorted by file name. */
async function siblingPlugins(dir: string, name: string): Promise<PluginConf[]> {
  if (!siblingFolderAllowed(name)) return [];
  const folder = path.join(dir, name);
  let files: string[];
  try {
    files = await confFiles(folder, ['.conf']);
  } catch (e) {
    throw e instanceof CniError ? e.withPrefix(`failed to read plugin config files in ${folder}: `) : e;
  }
  const out: PluginConf[] = [];
  for (const f of files) out.push(parsePluginConf(await readText(f, 'failed to read plugin config file'), f));
  return out;
}

/** libcni NetworkConfFromFile: one .conflist plus, unless loadOnlyInlinedPlugins, its sibling folder. */
async function listFromFile(file: string): Promise<NetworkConfigList> {
  const list = parseConfList(await readText(file, 'error reading'), file);
  const plugins = list.loadOnlyInlinedPlugins ? list.plugins : [...list.plugins, ...(await siblingPlugins(path.dirname(file), list.name))];
  // Zero plugins is not wrong in itself, but a caller asking to load this network cannot run it.
  if (plugins.length === 0) throw cniError('CONFIG_INVALID', `${file}: no plugin configs found`);
  return { ...list, plugins };
}

/** libcni ConfFromFile + ConfListFromConf. */
async function wrappedConfFromFile(file: string): Promise<NetworkConfigList> {
  const p = parsePluginConf(await readText(file, 'error reading'), file);
  return { ...confListFromConf(p), source: file };
}

/**
 * libcni LoadNetworkConf: the first `.conflist` (by file name) whose `name` matches, else the first
 * `.conf`/`.json` plugin object whose `name` matches, wrapped as a list.
 */
export async function loadConfList(dir: string, name: string): Promise<NetworkConfigList> {
  const lists = await confFiles(dir, ['.conflist']);
  for (const f of lists) {
    const list = await listFromFile(f);
    if (list.name === name) return list;
  }
  const singles = await confFiles(dir, ['.conf', '.json']);
  if (singles.length === 0 && lists.length === 0) {
    throw cniError('CONFIG_NOT_FOUND', `no net configurations found in ${dir}`);
  }
  for (const f of singles) {
    const p = parsePluginConf(await readText(f, 'error reading'), f);
    if ((p.name ?? '') === name) return { ...confListFromConf(p), source: f };
  }
  throw cniError('CONFIG_NOT_FOUND', `no net configuration with name "${name}" in ${dir}`);
}

/**
 * One file: a `.conflist` (with its sibling folder, libcni NetworkConfFromFile); any other extension
 * is read as a single plugin object and wrapped (libcni ConfFromFile + ConfListFromConf).
 */
export async function loadConfListFile(file: string): Promise<NetworkConfigList> {
  return goExt(file) === '.conflist' ? listFromFile(file) : wrappedConfFromFile(file);
}
