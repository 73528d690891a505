// Prometheus metrics in the text exposition format, without a client library (a few counters, one
// gauge and one histogram do not justify a dependency on the daemon's memory budget).
//   multus_server_request_total{handler,code,method}   Multus' own counter, same name and labels
//   multus_ts_plugin_exec_total{plugin,command}         delegate plugin executions
//   multus_ts_plugin_exec_errors_total{plugin,command}
//   multus_ts_plugin_exec_duration_seconds{plugin,command} histogram
//   multus_ts_request_queue_depth                        requests waiting for a free slot
//   multus_ts_requests_in_flight
import type { ExecOutput, ExecRequest, PluginExec } from '../../cni/exec/index.ts';
import { basename } from 'node:path';

type Labels = Readonly<Record<string, string>>;

function key(labels: Labels): string {
  return Object.keys(labels).sort().map((k) => `${k}="${labels[k].replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n')}"`).join(',');
}

const BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

export class Metrics {
  readonly #counters = new Map<string, { help: string; values: Map<string, number> }>();
  readonly #gauges = new Map<string, { help: string; get: () => number }>();
  readonly #hist = new Map<string, { count: number; sum: number; buckets: number[] }>();

  counter(name: string, help: string): (labels: Labels, by?: number) => void {
    const c = { help, values: new Map<string, number>() };
    this.#counters.set(name, c);
    return (labels, by = 1) => {
      const k = key(labels);
      c.values.set(k, (c.values.get(k) ?? 0) + by);
    };
  }

  gauge(name: string, help: string, get: () => number): void {
    this.#gauges.set(name, { help, get });
  }

  readonly requests = this.counter('multus_server_request_total', 'Counter of HTTP requests');
  readonly execs = this.counter('multus_ts_plugin_exec_total', 'Delegate plugin executions');
  readonly execErrors = this.counter('multus_ts_plugin_exec_errors_total', 'Delegate plugin executions that failed');

  observeExec(labels: Labels, seconds: number): void {
    const k = key(labels);
    let h = this.#hist.get(k);
    if (!h) this.#hist.set(k, (h = { count: 0, sum: 0, buckets: BUCKETS.map(() => 0) }));
    h.count++;
    h.sum += seconds;
    BUCKETS.forEach((b, i) => {
      if (seconds <= b) h.buckets[i]++;
    });
  }

  render(): string {
    const out: string[] = [];
    for (const [name, c] of this.#counters) {
      out.push(`# HELP ${name} ${c.help}`, `# TYPE ${name} counter`);
      for (const [k, v] of c.values) out.push(`${name}${k ? `{${k}}` : ''} ${v}`);
    }
    for (const [name, g] of this.#gauges) out.push(`# HELP ${name} ${g.help}`, `# TYPE ${name} gauge`, `${name} ${g.get()}`);
    const hn = 'multus_ts_plugin_exec_duration_seconds';
    out.push(`# HELP ${hn} Duration of delegate plugin executions`, `# TYPE ${hn} histogram`);
    for (const [k, h] of this.#hist) {
      BUCKETS.forEach((b, i) => out.push(`${hn}_bucket{${k},le="${b}"} ${h.buckets[i]}`));
      out.push(`${hn}_bucket{${k},le="+Inf"} ${h.count}`, `${hn}_sum{${k}} ${h.sum}`, `${hn}_count{${k}} ${h.count}`);
    }
    return `${out.join('\n')}\n`;
  }
}

/** A PluginExec that counts and times every delegate execution. */
export class MeteredExec implements PluginExec {
  readonly #inner: PluginExec;
  readonly #m: Metrics;

  constructor(inner: PluginExec, metrics: Metrics) {
    this.#inner = inner;
    this.#m = metrics;
  }

  findInPath(type: string, paths: readonly string[]): Promise<string> {
    return this.#inner.findInPath(type, paths);
  }

  async exec(req: ExecRequest): Promise<ExecOutput> {
    const labels = { plugin: basename(req.pluginPath), command: req.env.CNI_COMMAND ?? '' };
    const t0 = performance.now();
    this.#m.execs(labels);
    try {
      return await this.#inner.exec(req);
    } catch (e) {
      this.#m.execErrors(labels);
      throw e;
    } finally {
      this.#m.observeExec(labels, (performance.now() - t0) / 1000);
    }
  }
}
