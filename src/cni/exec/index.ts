// Running plugin binaries: lookup, execution, and libcni's decoding of their failures.
export { findInPath } from './find-in-path.ts';
export { decodePluginFailure } from './decode-error.ts';
export { goQuote, goQuoteRune } from './go-quote.ts';
export { goJsonSyntaxError, goUnmarshalErrorObject, type GoErrorObject } from './go-json.ts';
export {
  ProcessExec,
  goExecError,
  goProcessStatus,
  type ExecOutput,
  type ExecRequest,
  type PluginExec,
  type ProcessExecOptions,
} from './process-exec.ts';
