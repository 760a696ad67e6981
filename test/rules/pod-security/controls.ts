/**
 * Every level/control pair of the Kubernetes Pod Security Standards, named as the standard's
 * page names them (the names the `pss` field of findings must use).
 */
export const allPssControls: readonly string[] = [
  'baseline: HostProcess',
  'baseline: Host Namespaces',
  'baseline: Privileged Containers',
  'baseline: Capabilities',
  'baseline: HostPath Volumes',
  'baseline: Host Ports',
  'baseline: Host Probes / Lifecycle Hooks',
  'baseline: AppArmor',
  'baseline: SELinux',
  'baseline: /proc Mount Type',
  'baseline: Seccomp',
  'baseline: Sysctls',
  'restricted: Volume Types',
  'restricted: Privilege Escalation',
  'restricted: Running as Non-root',
  'restricted: Running as Non-root user',
  'restricted: Seccomp',
  'restricted: Capabilities',
].sort();
