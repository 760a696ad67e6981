/**
 * Which kinds are cluster-scoped.
 *
 * `isKustomizeClusterScoped` is kustomize v5.5's own, exact list (it decides where the
 * `namespace:` transformer writes). `isClusterScoped` is the broader list used when judging an
 * estate: it also knows newer built-in kinds and common cluster-scoped CRDs.
 */

const kustomizeList: Array<[string[], string[]]> = [
  [['v1'], ['Namespace', 'Node', 'PersistentVolume', 'ComponentStatus', 'NodeProxyOptions']],
  [['rbac.authorization.k8s.io/v1', 'rbac.authorization.k8s.io/v1beta1'], ['ClusterRole', 'ClusterRoleBinding']],
  [
    ['admissionregistration.k8s.io/v1', 'admissionregistration.k8s.io/v1beta1'],
    ['MutatingWebhookConfiguration', 'ValidatingWebhookConfiguration'],
  ],
  [['apiextensions.k8s.io/v1', 'apiextensions.k8s.io/v1beta1'], ['CustomResourceDefinition']],
  [['apiregistration.k8s.io/v1', 'apiregistration.k8s.io/v1beta1'], ['APIService']],
  [['certificates.k8s.io/v1', 'certificates.k8s.io/v1beta1'], ['CertificateSigningRequest']],
  [['flowcontrol.apiserver.k8s.io/v1beta1'], ['FlowSchema', 'PriorityLevelConfiguration']],
  [['networking.k8s.io/v1', 'networking.k8s.io/v1beta1'], ['IngressClass']],
  [['node.k8s.io/v1', 'node.k8s.io/v1beta1'], ['RuntimeClass']],
  [['policy/v1beta1'], ['PodSecurityPolicy']],
  [['scheduling.k8s.io/v1', 'scheduling.k8s.io/v1beta1'], ['PriorityClass']],
  [['storage.k8s.io/v1', 'storage.k8s.io/v1beta1'], ['CSIDriver', 'CSINode', 'StorageClass', 'VolumeAttachment']],
];

const kustomizeSet = new Set<string>();
for (const [versions, kinds] of kustomizeList) {
  for (const v of versions) for (const k of kinds) kustomizeSet.add(`${v}|${k}`);
}

export function isKustomizeClusterScoped(apiVersion: string, kind: string): boolean {
  return kustomizeSet.has(`${apiVersion}|${kind}`);
}

/** Kinds that are cluster-scoped whatever their version (built-in and common CRDs). */
const clusterKinds = new Set([
  'Namespace',
  'Node',
  'PersistentVolume',
  'ComponentStatus',
  'ClusterRole',
  'ClusterRoleBinding',
  'MutatingWebhookConfiguration',
  'ValidatingWebhookConfiguration',
  'ValidatingAdmissionPolicy',
  'ValidatingAdmissionPolicyBinding',
  'MutatingAdmissionPolicy',
  'MutatingAdmissionPolicyBinding',
  'CustomResourceDefinition',
  'APIService',
  'CertificateSigningRequest',
  'FlowSchema',
  'PriorityLevelConfiguration',
  'IngressClass',
  'RuntimeClass',
  'PodSecurityPolicy',
  'PriorityClass',
  'CSIDriver',
  'CSINode',
  'StorageClass',
  'VolumeAttachment',
  'ClusterIssuer',
  'ClusterSecretStore',
  'ClusterExternalSecret',
  'GatewayClass',
  'ClusterPolicy',
  'ClusterServiceVersion',
]);

export function isClusterScoped(apiVersion: string, kind: string): boolean {
  return isKustomizeClusterScoped(apiVersion, kind) || clusterKinds.has(kind);
}
