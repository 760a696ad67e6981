import type { Rule } from '../../engine/types.js';
import { rule as baselineHostProcess } from './baseline/pss-baseline-host-process.js';
import { rule as baselineHostNamespaces } from './baseline/pss-baseline-host-namespaces.js';
import { rule as baselinePrivilegedContainers } from './baseline/pss-baseline-privileged-containers.js';
import { rule as baselineCapabilities } from './baseline/pss-baseline-capabilities.js';
import { rule as baselineHostPathVolumes } from './baseline/pss-baseline-host-path-volumes.js';
import { rule as baselineHostPorts } from './baseline/pss-baseline-host-ports.js';
import { rule as baselineHostProbesLifecycleHooks } from './baseline/pss-baseline-host-probes-lifecycle-hooks.js';
import { rule as baselineAppArmor } from './baseline/pss-baseline-apparmor.js';
import { rule as baselineSelinux } from './baseline/pss-baseline-selinux.js';
import { rule as baselineProcMountType } from './baseline/pss-baseline-proc-mount-type.js';
import { rule as baselineSeccomp } from './baseline/pss-baseline-seccomp.js';
import { rule as baselineSysctls } from './baseline/pss-baseline-sysctls.js';
import { rule as restrictedVolumeTypes } from './restricted/pss-restricted-volume-types.js';
import { rule as restrictedPrivilegeEscalation } from './restricted/pss-restricted-privilege-escalation.js';
import { rule as restrictedRunningAsNonRoot } from './restricted/pss-restricted-running-as-non-root.js';
import { rule as restrictedRunningAsNonRootUser } from './restricted/pss-restricted-running-as-non-root-user.js';
import { rule as restrictedSeccomp } from './restricted/pss-restricted-seccomp.js';
import { rule as restrictedCapabilities } from './restricted/pss-restricted-capabilities.js';
import { rule as restrictedProcMountType } from './restricted/pss-restricted-proc-mount-type.js';
import { rule as runAsNonRoot } from './hardening/run-as-non-root.js';
import { rule as readOnlyRootFilesystem } from './hardening/read-only-root-filesystem.js';
import { rule as dropAllCapabilities } from './hardening/drop-all-capabilities.js';
import { rule as noPrivilegeEscalation } from './hardening/no-privilege-escalation.js';
import { rule as seccompRuntimeDefault } from './hardening/seccomp-runtime-default.js';
import { rule as automountServiceAccountToken } from './hardening/automount-service-account-token.js';

/** Pod Security Standards controls, one rule per control and level. */
export const pssRules: Rule[] = [
  baselineHostProcess,
  baselineHostNamespaces,
  baselinePrivilegedContainers,
  baselineCapabilities,
  baselineHostPathVolumes,
  baselineHostPorts,
  baselineHostProbesLifecycleHooks,
  baselineAppArmor,
  baselineSelinux,
  baselineProcMountType,
  baselineSeccomp,
  baselineSysctls,
  restrictedVolumeTypes,
  restrictedPrivilegeEscalation,
  restrictedRunningAsNonRoot,
  restrictedRunningAsNonRootUser,
  restrictedSeccomp,
  restrictedCapabilities,
  restrictedProcMountType,
];

/** Production hardening beyond the level a cluster enforces (documented overlaps with restricted). */
export const hardeningRules: Rule[] = [
  runAsNonRoot,
  readOnlyRootFilesystem,
  dropAllCapabilities,
  noPrivilegeEscalation,
  seccompRuntimeDefault,
  automountServiceAccountToken,
];

/** Rules of the `pod-security` concern. */
export const rules: Rule[] = [...pssRules, ...hardeningRules];
