// containerd's config.toml (version 2) for an isolated instance: every path it writes is under the
// test dir, and the CRI plugin is set up to run on this machine (see containerd.md: AppArmor off,
// OOM score adjustment restricted since root lacks CAP_SYS_RESOURCE, pod netns files under the state
// dir instead of /var/run/netns).

export interface ContainerdPaths {
  readonly root: string;
  readonly state: string;
  readonly socket: string;
  readonly ttrpcSocket: string;
  readonly opt: string;
  readonly cniConfDir: string;
  readonly cniBinDir: string;
  readonly sandboxImage: string;
}

// TOML basic strings accept JSON's escapes for everything a path contains.
const q = (s: string) => JSON.stringify(s);

export function containerdConfigToml(p: ContainerdPaths): string {
  const cri = '[plugins."io.containerd.grpc.v1.cri"]';
  return `version = 2
root = ${q(p.root)}
state = ${q(p.state)}

[grpc]
  address = ${q(p.socket)}

[ttrpc]
  address = ${q(p.ttrpcSocket)}

# no debug or metrics listeners: nothing else to clean up or collide on
[debug]
  address = ""
  level = "info"

[metrics]
  address = ""

[plugins]
  [plugins."io.containerd.internal.v1.opt"]
    path = ${q(p.opt)}

  ${cri}
    sandbox_image = ${q(p.sandboxImage)}
    disable_apparmor = true
    restrict_oom_score_adj = true
    netns_mounts_under_state_dir = true
    enable_selinux = false

    ${cri.slice(0, -1)}.cni]
      bin_dir = ${q(p.cniBinDir)}
      conf_dir = ${q(p.cniConfDir)}
      max_conf_num = 1

    ${cri.slice(0, -1)}.containerd]
      snapshotter = "overlayfs"
      default_runtime_name = "runc"

      ${cri.slice(0, -1)}.containerd.runtimes.runc]
        runtime_type = "io.containerd.runc.v2"
`;
}
