// Real containerd as the CNI runtime of a test: start it isolated, talk CRI to it, look into its pods.
export { containerdSkipReason, instanceLeftovers, listInstanceDirs, skipUnlessContainerd, startContainerd, sweepStaleContainerd, teardownAllContainerd } from './containerd.ts';
export type { Containerd, InstanceIdentity, StartContainerdOptions } from './containerd.ts';
export { CriClient, CriError } from './cri-client.ts';
export type { RunSandboxOptions, SandboxState, SandboxStatus, SandboxSummary, VersionInfo } from './cri-client.ts';
export { ipInPod, podIPv4s, podLink, podLinks, podNetnsExists, runInPod, sandboxNetnsPath } from './pod-netns.ts';
export { PAUSE_IMAGE_REF, pauseImage } from './pause-image.ts';
