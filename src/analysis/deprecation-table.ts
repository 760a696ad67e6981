/**
 * Kubernetes API versions that are deprecated or no longer served, by release.
 *
 * Removal releases follow the "Removed APIs by release" sections of the Kubernetes Deprecated
 * API Migration Guide (v1.16, v1.22, v1.25, v1.26, v1.27, v1.29, v1.32); deprecation releases
 * and the release each replacement became available come from the Kubernetes release notes.
 * Alpha API versions are not listed. docs/schemas.md describes how to extend the table.
 */

export interface Replacement {
  apiVersion: string;
  /** Set when the replacement is a different kind (Endpoints → EndpointSlice). */
  kind?: string;
  /** Kubernetes minor version the replacement is served from. */
  since: string;
}

export interface ApiDeprecation {
  apiVersion: string;
  kind: string;
  /** Minor version that deprecated it. */
  deprecatedIn: string;
  /** Minor version that stopped serving it; null while it is still served. */
  removedIn: string | null;
  /** Replacements in order of preference (the first one the target version serves is suggested). */
  replacements: Replacement[];
  /** What to change besides the apiVersion, or what to do when there is no like-for-like replacement. */
  note?: string;
}

function rows(
  apiVersion: string,
  kinds: string[],
  deprecatedIn: string,
  removedIn: string | null,
  replacements: Replacement[],
  note?: string,
): ApiDeprecation[] {
  return kinds.map((kind) => ({ apiVersion, kind, deprecatedIn, removedIn, replacements, ...(note ? { note } : {}) }));
}

const appsV1: Replacement[] = [{ apiVersion: 'apps/v1', since: '1.9' }];
const flowcontrolV1: Replacement[] = [
  { apiVersion: 'flowcontrol.apiserver.k8s.io/v1', since: '1.29' },
  { apiVersion: 'flowcontrol.apiserver.k8s.io/v1beta3', since: '1.26' },
];
const flowKinds = ['FlowSchema', 'PriorityLevelConfiguration'];
const appsNote = 'in apps/v1 spec.selector is required and must match the template labels';
const ingressNote =
  'in v1 spec.backend is spec.defaultBackend, serviceName/servicePort are service.name and service.port.number/name, and every path needs a pathType';

export const apiDeprecations: readonly ApiDeprecation[] = [
  // Removed in 1.16
  ...rows('extensions/v1beta1', ['Deployment', 'DaemonSet', 'ReplicaSet'], '1.9', '1.16', appsV1, appsNote),
  ...rows('apps/v1beta1', ['Deployment', 'StatefulSet', 'ReplicaSet'], '1.9', '1.16', appsV1, appsNote),
  ...rows('apps/v1beta2', ['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet'], '1.9', '1.16', appsV1, appsNote),
  ...rows('extensions/v1beta1', ['NetworkPolicy'], '1.9', '1.16', [{ apiVersion: 'networking.k8s.io/v1', since: '1.8' }]),
  ...rows('extensions/v1beta1', ['PodSecurityPolicy'], '1.10', '1.16', [{ apiVersion: 'policy/v1beta1', since: '1.10' }]),

  // Removed in 1.22
  ...rows(
    'admissionregistration.k8s.io/v1beta1',
    ['MutatingWebhookConfiguration', 'ValidatingWebhookConfiguration'],
    '1.16',
    '1.22',
    [{ apiVersion: 'admissionregistration.k8s.io/v1', since: '1.16' }],
    'in v1 every webhook must set sideEffects (None or NoneOnDryRun) and admissionReviewVersions',
  ),
  ...rows(
    'apiextensions.k8s.io/v1beta1',
    ['CustomResourceDefinition'],
    '1.16',
    '1.22',
    [{ apiVersion: 'apiextensions.k8s.io/v1', since: '1.16' }],
    'in v1 each version carries its own structural schema (spec.versions[*].schema.openAPIV3Schema) and spec.scope is required',
  ),
  ...rows('apiregistration.k8s.io/v1beta1', ['APIService'], '1.19', '1.22', [{ apiVersion: 'apiregistration.k8s.io/v1', since: '1.10' }]),
  ...rows('authentication.k8s.io/v1beta1', ['TokenReview'], '1.19', '1.22', [{ apiVersion: 'authentication.k8s.io/v1', since: '1.6' }]),
  ...rows('authorization.k8s.io/v1beta1', ['LocalSubjectAccessReview', 'SelfSubjectAccessReview', 'SubjectAccessReview'], '1.19', '1.22', [
    { apiVersion: 'authorization.k8s.io/v1', since: '1.6' },
  ]),
  ...rows('certificates.k8s.io/v1beta1', ['CertificateSigningRequest'], '1.19', '1.22', [
    { apiVersion: 'certificates.k8s.io/v1', since: '1.19' },
  ]),
  ...rows('coordination.k8s.io/v1beta1', ['Lease'], '1.19', '1.22', [{ apiVersion: 'coordination.k8s.io/v1', since: '1.14' }]),
  ...rows('extensions/v1beta1', ['Ingress'], '1.14', '1.22', [{ apiVersion: 'networking.k8s.io/v1', since: '1.19' }], ingressNote),
  ...rows('networking.k8s.io/v1beta1', ['Ingress'], '1.19', '1.22', [{ apiVersion: 'networking.k8s.io/v1', since: '1.19' }], ingressNote),
  ...rows('networking.k8s.io/v1beta1', ['IngressClass'], '1.19', '1.22', [{ apiVersion: 'networking.k8s.io/v1', since: '1.19' }]),
  ...rows('rbac.authorization.k8s.io/v1beta1', ['ClusterRole', 'ClusterRoleBinding', 'Role', 'RoleBinding'], '1.17', '1.22', [
    { apiVersion: 'rbac.authorization.k8s.io/v1', since: '1.8' },
  ]),
  ...rows('scheduling.k8s.io/v1beta1', ['PriorityClass'], '1.14', '1.22', [{ apiVersion: 'scheduling.k8s.io/v1', since: '1.14' }]),
  ...rows('storage.k8s.io/v1beta1', ['CSIDriver'], '1.19', '1.22', [{ apiVersion: 'storage.k8s.io/v1', since: '1.19' }]),
  ...rows('storage.k8s.io/v1beta1', ['CSINode'], '1.17', '1.22', [{ apiVersion: 'storage.k8s.io/v1', since: '1.17' }]),
  ...rows('storage.k8s.io/v1beta1', ['StorageClass'], '1.19', '1.22', [{ apiVersion: 'storage.k8s.io/v1', since: '1.6' }]),
  ...rows('storage.k8s.io/v1beta1', ['VolumeAttachment'], '1.19', '1.22', [{ apiVersion: 'storage.k8s.io/v1', since: '1.13' }]),

  // Removed in 1.25
  ...rows('batch/v1beta1', ['CronJob'], '1.21', '1.25', [{ apiVersion: 'batch/v1', since: '1.21' }]),
  ...rows('discovery.k8s.io/v1beta1', ['EndpointSlice'], '1.21', '1.25', [{ apiVersion: 'discovery.k8s.io/v1', since: '1.21' }]),
  ...rows('events.k8s.io/v1beta1', ['Event'], '1.19', '1.25', [{ apiVersion: 'events.k8s.io/v1', since: '1.19' }]),
  ...rows('autoscaling/v2beta1', ['HorizontalPodAutoscaler'], '1.22', '1.25', [{ apiVersion: 'autoscaling/v2', since: '1.23' }]),
  ...rows(
    'policy/v1beta1',
    ['PodDisruptionBudget'],
    '1.21',
    '1.25',
    [{ apiVersion: 'policy/v1', since: '1.21' }],
    'in policy/v1 an empty spec.selector selects every pod of the namespace',
  ),
  ...rows(
    'policy/v1beta1',
    ['PodSecurityPolicy'],
    '1.21',
    '1.25',
    [],
    'PodSecurityPolicy has no successor API; enforce Pod Security Standards with Pod Security Admission namespace labels instead',
  ),
  ...rows('node.k8s.io/v1beta1', ['RuntimeClass'], '1.20', '1.25', [{ apiVersion: 'node.k8s.io/v1', since: '1.20' }]),

  // Removed in 1.26
  ...rows('flowcontrol.apiserver.k8s.io/v1beta1', flowKinds, '1.23', '1.26', [
    ...flowcontrolV1,
    { apiVersion: 'flowcontrol.apiserver.k8s.io/v1beta2', since: '1.23' },
  ]),
  ...rows('autoscaling/v2beta2', ['HorizontalPodAutoscaler'], '1.23', '1.26', [{ apiVersion: 'autoscaling/v2', since: '1.23' }]),

  // Removed in 1.27
  ...rows('storage.k8s.io/v1beta1', ['CSIStorageCapacity'], '1.24', '1.27', [{ apiVersion: 'storage.k8s.io/v1', since: '1.24' }]),

  // Removed in 1.29
  ...rows('flowcontrol.apiserver.k8s.io/v1beta2', flowKinds, '1.26', '1.29', flowcontrolV1),

  // Removed in 1.32
  ...rows('flowcontrol.apiserver.k8s.io/v1beta3', flowKinds, '1.29', '1.32', [{ apiVersion: 'flowcontrol.apiserver.k8s.io/v1', since: '1.29' }]),

  // Deprecated, still served
  ...rows('v1', ['ComponentStatus'], '1.19', null, [], 'query the health endpoints of the components directly'),
  ...rows('v1', ['Endpoints'], '1.33', null, [{ apiVersion: 'discovery.k8s.io/v1', kind: 'EndpointSlice', since: '1.21' }]),
];

/**
 * Stable API versions that are not the replacement of anything above, with the release that
 * first served them (KEP graduation milestones and release notes): manifests that use them are
 * refused by older clusters ("no matches for kind").
 */
export const introducedApis: readonly { apiVersion: string; kinds: readonly string[]; since: string }[] = [
  // Dynamic Resource Allocation, GA in 1.34 (KEP-4381).
  { apiVersion: 'resource.k8s.io/v1', kinds: ['DeviceClass', 'ResourceClaim', 'ResourceClaimTemplate', 'ResourceSlice'], since: '1.34' },
  // VolumeAttributesClass, GA in 1.34 (KEP-3751).
  { apiVersion: 'storage.k8s.io/v1', kinds: ['VolumeAttributesClass'], since: '1.34' },
  // Mutating admission policies, GA in 1.36 (KEP-3962).
  { apiVersion: 'admissionregistration.k8s.io/v1', kinds: ['MutatingAdmissionPolicy', 'MutatingAdmissionPolicyBinding'], since: '1.36' },
  // ValidatingAdmissionPolicy, GA in 1.30 (KEP-3488).
  { apiVersion: 'admissionregistration.k8s.io/v1', kinds: ['ValidatingAdmissionPolicy', 'ValidatingAdmissionPolicyBinding'], since: '1.30' },
];
