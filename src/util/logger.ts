// The logging interface every layer uses, and a small JSON-lines implementation for the thin plugin
// (importing pino there would cost start-up time on every CNI call; the daemon plugs pino in behind
// the same interface). Levels follow Multus: debug > verbose > error > panic (the default: quiet).
import { RotatingFile, type RotationOptions } from './rotating-file.ts';

export type LogLevel = 'debug' | 'verbose' | 'error' | 'panic';
const RANK: Record<LogLevel, number> = { debug: 3, verbose: 2, error: 1, panic: 0 };

export type LogFields = Readonly<Record<string, unknown>>;

export interface Logger {
  debug(msg: string, fields?: LogFields): void;
  verbose(msg: string, fields?: LogFields): void;
  error(msg: string, fields?: LogFields): void;
  /** A logger that adds these fields to every line (pod, container, …). */
  child(fields: LogFields): Logger;
}

/** Multus' level parsing: case-insensitive; unknown → undefined (the caller keeps its level). */
export function parseLogLevel(s: string): LogLevel | undefined {
  const l = s.toLowerCase();
  return l in RANK ? (l as LogLevel) : undefined;
}

export interface JsonLoggerOptions {
  readonly level: LogLevel;
  readonly toStderr: boolean;
  readonly file?: string;
  /** Multus' logOptions. Unlike Multus' thin plugin (which applies them too late), they always apply. */
  readonly rotation?: RotationOptions;
}

class JsonLogger implements Logger {
  readonly #opts: JsonLoggerOptions;
  readonly #fields: LogFields;
  readonly #file: RotatingFile | undefined;

  constructor(opts: JsonLoggerOptions, fields: LogFields = {}, file?: RotatingFile) {
    this.#opts = opts;
    this.#fields = fields;
    this.#file = file ?? (opts.file ? new RotatingFile(opts.file, opts.rotation) : undefined);
  }

  #write(level: LogLevel, msg: string, fields?: LogFields): void {
    if (RANK[level] > RANK[this.#opts.level]) return;
    const line = `${JSON.stringify({ time: new Date().toISOString(), level, msg, ...this.#fields, ...fields })}\n`;
    if (this.#opts.toStderr) process.stderr.write(line);
    this.#file?.write(line);
  }

  debug(msg: string, fields?: LogFields): void {
    this.#write('debug', msg, fields);
  }

  verbose(msg: string, fields?: LogFields): void {
    this.#write('verbose', msg, fields);
  }

  error(msg: string, fields?: LogFields): void {
    this.#write('error', msg, fields);
  }

  child(fields: LogFields): Logger {
    return new JsonLogger(this.#opts, { ...this.#fields, ...fields }, this.#file);
  }
}

export function jsonLogger(opts: JsonLoggerOptions): Logger {
  return new JsonLogger(opts);
}

export const silentLogger: Logger = jsonLogger({ level: 'panic', toStderr: false });
