/** Valid objects of the common kinds, as plain data; tests derive broken variants from them. */

const labels = { app: 'api' };
const podSpec = {
  serviceAccountName: 'api',
  containers: [
    {
      name: 'api',
      image: 'registry.example/api:1.4.2',
      imagePullPolicy: 'IfNotPresent',
      ports: [{ name: 'http', containerPort: 8080, protocol: 'TCP' }],
      env: [
        { name: 'MODE', value: 'prod' },
        { name: 'PASSWORD', valueFrom: { secretKeyRef: { name: 'api', key: 'password' } } },
      ],
      resources: { requests: { cpu: '250m', memory: '256Mi' }, limits: { cpu: 1, memory: '1Gi' } },
      readinessProbe: { httpGet: { path: '/ready', port: 'http' }, periodSeconds: 10 },
      livenessProbe: { tcpSocket: { port: 8080 } },
      securityContext: { runAsNonRoot: true, allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } },
      volumeMounts: [{ name: 'data', mountPath: '/data' }],
    },
  ],
  volumes: [{ name: 'data', emptyDir: { sizeLimit: '1Gi' } }],
};
const template = { metadata: { labels, annotations: { 'prometheus.io/scrape': 'true' } }, spec: podSpec };
const meta = (name: string) => ({ name, namespace: 'shop', labels });

export type Obj = Record<string, unknown>;

export const validObjects: Record<string, Obj> = {
  Deployment: {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: meta('api'),
    spec: {
      replicas: 3,
      selector: { matchLabels: labels },
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: 0 } },
      template,
    },
  },
  StatefulSet: {
    apiVersion: 'apps/v1',
    kind: 'StatefulSet',
    metadata: meta('db'),
    spec: {
      replicas: 3,
      serviceName: 'db',
      selector: { matchLabels: labels },
      template,
      volumeClaimTemplates: [
        { metadata: { name: 'data' }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '10Gi' } } } },
      ],
    },
  },
  DaemonSet: {
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
    metadata: meta('agent'),
    spec: { selector: { matchLabels: labels }, updateStrategy: { type: 'RollingUpdate' }, template },
  },
  Job: {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: meta('migrate'),
    spec: { backoffLimit: 2, template: { spec: { ...podSpec, restartPolicy: 'Never' } } },
  },
  CronJob: {
    apiVersion: 'batch/v1',
    kind: 'CronJob',
    metadata: meta('report'),
    spec: {
      schedule: '0 3 * * *',
      concurrencyPolicy: 'Forbid',
      jobTemplate: { spec: { template: { spec: { ...podSpec, restartPolicy: 'OnFailure' } } } },
    },
  },
  Service: {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: meta('api'),
    spec: { type: 'ClusterIP', selector: labels, ports: [{ name: 'http', port: 80, targetPort: 'http', protocol: 'TCP' }] },
  },
  Ingress: {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'Ingress',
    metadata: meta('api'),
    spec: {
      ingressClassName: 'nginx',
      tls: [{ hosts: ['api.example.com'], secretName: 'api-tls' }],
      rules: [
        {
          host: 'api.example.com',
          http: { paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: 'api', port: { number: 80 } } } }] },
        },
      ],
    },
  },
  ConfigMap: {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: meta('api-config'),
    data: { 'app.properties': 'mode=prod\n', LOG_LEVEL: 'info' },
  },
  Secret: {
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: meta('api'),
    type: 'Opaque',
    data: { password: 'c2VjcmV0' },
    stringData: { token: 'abc' },
  },
  PersistentVolumeClaim: {
    apiVersion: 'v1',
    kind: 'PersistentVolumeClaim',
    metadata: meta('data'),
    spec: { accessModes: ['ReadWriteOnce'], storageClassName: 'ssd', resources: { requests: { storage: '20Gi' } } },
  },
  HorizontalPodAutoscaler: {
    apiVersion: 'autoscaling/v2',
    kind: 'HorizontalPodAutoscaler',
    metadata: meta('api'),
    spec: {
      scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'api' },
      minReplicas: 3,
      maxReplicas: 10,
      metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 70 } } }],
    },
  },
  PodDisruptionBudget: {
    apiVersion: 'policy/v1',
    kind: 'PodDisruptionBudget',
    metadata: meta('api'),
    spec: { minAvailable: 2, selector: { matchLabels: labels } },
  },
  NetworkPolicy: {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'NetworkPolicy',
    metadata: meta('api'),
    spec: {
      podSelector: { matchLabels: labels },
      policyTypes: ['Ingress', 'Egress'],
      ingress: [{ from: [{ namespaceSelector: { matchLabels: { team: 'web' } } }], ports: [{ port: 8080, protocol: 'TCP' }] }],
      egress: [{ to: [{ ipBlock: { cidr: '10.0.0.0/8', except: ['10.1.0.0/16'] } }] }],
    },
  },
  Role: {
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'Role',
    metadata: meta('reader'),
    rules: [{ apiGroups: [''], resources: ['configmaps'], verbs: ['get', 'list'] }],
  },
  ClusterRole: {
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'ClusterRole',
    metadata: { name: 'node-reader' },
    rules: [{ apiGroups: [''], resources: ['nodes'], verbs: ['get'] }],
  },
  RoleBinding: {
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'RoleBinding',
    metadata: meta('reader'),
    roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'reader' },
    subjects: [{ kind: 'ServiceAccount', name: 'api', namespace: 'shop' }],
  },
  ClusterRoleBinding: {
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'ClusterRoleBinding',
    metadata: { name: 'node-reader' },
    roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'node-reader' },
    subjects: [{ kind: 'ServiceAccount', name: 'api', namespace: 'shop' }],
  },
  ServiceAccount: {
    apiVersion: 'v1',
    kind: 'ServiceAccount',
    metadata: meta('api'),
    automountServiceAccountToken: false,
  },
  Namespace: {
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: { name: 'shop', labels: { 'pod-security.kubernetes.io/enforce': 'restricted' } },
  },
  ResourceQuota: {
    apiVersion: 'v1',
    kind: 'ResourceQuota',
    metadata: meta('quota'),
    spec: { hard: { 'requests.cpu': '10', 'requests.memory': '20Gi', pods: '50' } },
  },
  LimitRange: {
    apiVersion: 'v1',
    kind: 'LimitRange',
    metadata: meta('limits'),
    spec: { limits: [{ type: 'Container', default: { cpu: '500m', memory: '512Mi' }, defaultRequest: { cpu: '100m' } }] },
  },
};

export function clone<T>(v: T): T {
  return JSON.parse(JSON.stringify(v)) as T;
}

/** Set `value` at a dotted path (numeric segments index lists), creating mappings on the way. */
export function setAt(obj: Obj, path: (string | number)[], value: unknown): Obj {
  let node = obj as Record<string | number, unknown>;
  for (const k of path.slice(0, -1)) {
    if (node[k] === undefined) node[k] = {};
    node = node[k] as Record<string | number, unknown>;
  }
  node[path[path.length - 1]!] = value;
  return obj;
}

export function deleteAt(obj: Obj, path: (string | number)[]): Obj {
  let node = obj as Record<string | number, unknown>;
  for (const k of path.slice(0, -1)) node = node[k] as Record<string | number, unknown>;
  delete node[path[path.length - 1]!];
  return obj;
}

export function toYaml(objects: Obj[]): string {
  return objects.map((o) => JSON.stringify(o, null, 2)).join('\n---\n');
}
