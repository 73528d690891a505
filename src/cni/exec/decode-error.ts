// How libcni turns a failed plugin run into an error object (cni.md §2.6), in its precedence order:
// no output at all → the process status; only stderr → the Go-quoted stderr; stdout → the plugin's
// own error object, or a parse failure quoting stdout.
import { CniError, type ErrorId } from '../../errors/catalogue.ts';
import { goQuote } from './go-quote.ts';
import { goUnmarshalErrorObject } from './go-json.ts';

/**
 * The error for a plugin that failed. `status` is what Go prints for the failure: `exit status 1`,
 * `signal: killed`, or an exec error such as `fork/exec /x: permission denied`. `id` is only ours
 * (the catalogue id for callers to branch on); code, msg and details are libcni's.
 */
export function decodePluginFailure(stdout: string, stderr: string, status: string, id: ErrorId = 'PLUGIN_FAILED'): CniError {
  if (stdout.length === 0) {
    if (stderr.length === 0) return new CniError(id, `netplugin failed with no error message: ${status}`, undefined, { code: 0 });
    return new CniError(id, `netplugin failed: ${goQuote(stderr)}`, undefined, { code: 0 });
  }
  const decoded = goUnmarshalErrorObject(stdout);
  if ('error' in decoded) {
    return new CniError(id, `netplugin failed but error parsing its diagnostic message ${goQuote(stdout)}: ${decoded.error}`, undefined, {
      code: 0,
    });
  }
  // The plugin's own code replaces the catalogue's; a cniVersion in the object is ignored, as in Go.
  return new CniError(id, decoded.msg, decoded.details, { code: decoded.code });
}
