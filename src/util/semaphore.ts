// A counting semaphore: at most `limit` holders, the rest wait in FIFO order. Bounds the daemon's
// concurrent CNI work so a node reboot's burst of ADDs queues instead of exhausting memory.
export class Semaphore {
  readonly limit: number;
  #held = 0;
  readonly #waiting: Array<() => void> = [];

  constructor(limit: number) {
    if (!Number.isInteger(limit) || limit < 1) throw new RangeError(`semaphore limit must be a positive integer, not ${limit}`);
    this.limit = limit;
  }

  get inUse(): number {
    return this.#held;
  }

  get queued(): number {
    return this.#waiting.length;
  }

  async run<T>(fn: () => Promise<T>): Promise<T> {
    if (this.#held >= this.limit) await new Promise<void>((r) => this.#waiting.push(r));
    else this.#held++;
    try {
      return await fn();
    } finally {
      const next = this.#waiting.shift();
      if (next) next();
      else this.#held--;
    }
  }
}
