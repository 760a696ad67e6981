/** Estate-level rules never throw on objects of unexpected shape: they judge what they understand. */
import { describe, expect, it } from 'vitest';
import { rules as availability } from '../../../src/rules/availability/index.js';
import { rules as configHygiene } from '../../../src/rules/config-hygiene/index.js';
import { rules as kustomize } from '../../../src/rules/kustomize/index.js';
import { rules as persistence } from '../../../src/rules/persistence/index.js';
import { rules as rbac } from '../../../src/rules/rbac/index.js';
import { rules as references } from '../../../src/rules/references/index.js';
import { runRule } from '../../helpers/rules.js';

const odd = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: a
spec: []
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: b
  annotations: "x"
spec:
  replicas: "many"
  strategy: {type: Recreate, rollingUpdate: "x"}
  template:
    metadata: {labels: [1, 2]}
    spec:
      serviceAccountName: 3
      imagePullSecrets: [null, "x", {name: 1}]
      affinity: {podAntiAffinity: {requiredDuringSchedulingIgnoredDuringExecution: "x"}}
      topologySpreadConstraints: [null, {labelSelector: "x"}]
      volumes: [null, 3, {name: v, emptyDir: null}, {projected: {sources: "x"}}, {persistentVolumeClaim: "x"}]
      containers:
        - "str"
        - name: c
          image: 5
          env: {a: 1}
          envFrom: [null, {configMapRef: "x"}, {secretRef: {name: null}}]
          args: [1, null, {a: b}, "--reload"]
---
apiVersion: apps/v1
kind: StatefulSet
metadata: {name: db}
spec:
  replicas: 3
  volumeClaimTemplates: [null, {metadata: "x"}, {spec: []}]
  template:
    metadata: {labels: {app: postgres}}
    spec:
      containers: [{name: pg, image: "postgres:16"}]
---
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata: {name: h}
spec: {scaleTargetRef: "x", minReplicas: "two"}
---
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata: {name: h2}
spec: {scaleTargetRef: {kind: Deployment, name: b}, minReplicas: "7%", maxReplicas: null}
---
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata: {name: p}
spec: {selector: [], minAvailable: "abc%"}
---
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata: {name: p2}
spec: {selector: {matchExpressions: [null, {key: app, operator: Bogus}]}, maxUnavailable: []}
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: n}
spec: {podSelector: "x"}
---
apiVersion: v1
kind: Service
metadata: {name: s, labels: "x"}
spec: {selector: [1], type: 5}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: r}
rules: [null, "x", {verbs: "get", resources: {a: 1}}, {verbs: [null, 1], apiGroups: [null]}]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: b}
roleRef: "x"
subjects: {kind: ServiceAccount}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: b2}
roleRef: {kind: ClusterRole, name: [1]}
subjects: [null, {kind: ServiceAccount, namespace: [1]}]
---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: i}
spec: {tls: "x", rules: [null, {host: 5}]}
---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: i2}
spec: {tls: [null, {hosts: "x"}], rules: "x"}
---
apiVersion: v1
kind: ConfigMap
metadata: {name: c}
data: [1, 2]
---
apiVersion: v1
kind: ConfigMap
metadata: {name: c2}
data: {DATABASE_URL: null, X: 5, Y: "postgres://", Z: "host= dbname="}
---
apiVersion: batch/v1
kind: CronJob
metadata: {name: backup}
spec: {jobTemplate: "x"}
---
apiVersion: monitoring.coreos.com/v1
kind: ServiceMonitor
metadata: {name: m}
spec: {selector: "x", namespaceSelector: []}
---
apiVersion: monitoring.coreos.com/v1
kind: PodMonitor
metadata: {name: pm}
spec: {selector: {matchLabels: "x"}, namespaceSelector: {matchNames: "x"}}
---
apiVersion: velero.io/v1
kind: Schedule
metadata: {name: v}
spec: {template: {includedNamespaces: "x"}}
---
apiVersion: keda.sh/v1alpha1
kind: ScaledObject
metadata: {name: k}
spec: {scaleTargetRef: {name: b}, minReplicaCount: -1}
`;

describe('estate-level rules on objects of unexpected shape', () => {
  for (const rule of [...availability, ...references, ...rbac, ...configHygiene, ...persistence, ...kustomize]) {
    it(`${rule.meta.id} does not throw`, () => {
      expect(() => runRule(rule, odd)).not.toThrow();
      expect(() => runRule(rule, '')).not.toThrow();
    });
  }
});
