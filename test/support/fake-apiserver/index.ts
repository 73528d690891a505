// The fake kube-apiserver for tests: start one with startFakeApiServer(), point a client at `url`
// (or at writeKubeconfig()), seed objects with the helpers, and inject faults. See server.ts.
export { FakeApiServer, startFakeApiServer, type EventsQuery, type FakeApiServerOptions } from './server.ts';
export type { FailSpec, Latency } from './faults.ts';
export type { KubeconfigOptions } from './kubeconfig.ts';
export type { KubeObject, ObjectMeta, RequestFilter, RequestInfo, RequestLogEntry, RequestMatch, StatusBody, WatchEvent, WatchEventType } from './types.ts';
export { ApiError } from './status.ts';
export { VERSION_INFO } from './routes.ts';
