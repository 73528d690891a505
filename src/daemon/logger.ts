// The daemon's structured logs: pino behind our Logger interface, one JSON line per event with the pod
// and container on every line of a request (the request handler makes a child logger).
import pino from 'pino';
import type { LogFields, Logger, LogLevel } from '../util/logger.ts';
import { RotatingFile, type RotationOptions } from '../util/rotating-file.ts';

const PINO_LEVEL: Record<LogLevel, string> = { debug: 'debug', verbose: 'info', error: 'error', panic: 'fatal' };

class PinoLogger implements Logger {
  readonly #p: pino.Logger;

  constructor(p: pino.Logger) {
    this.#p = p;
  }

  debug(msg: string, fields?: LogFields): void {
    this.#p.debug(fields ?? {}, msg);
  }

  verbose(msg: string, fields?: LogFields): void {
    this.#p.info(fields ?? {}, msg);
  }

  error(msg: string, fields?: LogFields): void {
    this.#p.error(fields ?? {}, msg);
  }

  child(fields: LogFields): Logger {
    return new PinoLogger(this.#p.child(fields));
  }
}

export function daemonLogger(opts: { level: LogLevel; file?: string; toStderr: boolean; rotation?: RotationOptions }): Logger {
  // a log file gets Multus' rotation options; pino writes each line to it synchronously
  const dest = opts.file ? new RotatingFile(opts.file, opts.rotation) : pino.destination(opts.toStderr ? 2 : 1);
  return new PinoLogger(pino({ level: PINO_LEVEL[opts.level], base: { component: 'multus-daemon' } }, dest));
}
