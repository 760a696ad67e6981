import { describe, expect, it } from 'vitest';
import { rule as configMapNotFound } from '../../../src/rules/references/configmap-not-found.js';
import { rule as hpaTargetMissing } from '../../../src/rules/references/hpa-target-missing.js';
import { rules } from '../../../src/rules/references/index.js';
import { rule as pvcNotFound } from '../../../src/rules/references/pvc-not-found.js';
import { rule as secretNotFound } from '../../../src/rules/references/secret-not-found.js';
import { rule as selectorSelectsNothing } from '../../../src/rules/references/selector-selects-nothing.js';
import { rule as serviceAccountNotFound } from '../../../src/rules/references/service-account-not-found.js';
import { rule as serviceSelectsNothing } from '../../../src/rules/references/service-selects-nothing.js';
import { rule as monitorSelectsNothing } from '../../../src/rules/references/monitor-selects-nothing.js';
import { rule as serviceTargetPort } from '../../../src/rules/references/service-target-port.js';
import { rule as ingressBackendMissing } from '../../../src/rules/references/ingress-backend-missing.js';
import { rule as statefulSetServiceMissing } from '../../../src/rules/references/statefulset-service-missing.js';
import { runRule } from '../../helpers/rules.js';
import { deployment, estateFromFiles, what, where } from '../availability/helpers.js';

const service = (name: string, selector: string) => `apiVersion: v1
kind: Service
metadata:
  name: ${name}
spec:
  selector:
    ${selector}
  ports:
    - port: 80
`;

const refsPodSpec = `          envFrom:
            - configMapRef:
                name: api-config
            - secretRef:
                name: api-env
          env:
            - name: DB_PASSWORD
              valueFrom:
                secretKeyRef:
                  name: db
                  key: password
            - name: FEATURE
              valueFrom:
                configMapKeyRef:
                  name: flags
                  key: feature
                  optional: true
      serviceAccountName: api
      imagePullSecrets:
        - name: registry
      volumes:
        - name: data
          persistentVolumeClaim:
            claimName: api-data
        - name: certs
          projected:
            sources:
              - secret:
                  name: api-tls
              - configMap:
                  name: kube-root-ca.crt`;

const defined = `apiVersion: v1
kind: ConfigMap
metadata:
  name: api-config
---
apiVersion: external-secrets.io/v1beta1
kind: ExternalSecret
metadata:
  name: api-env-source
spec:
  target:
    name: api-env
---
apiVersion: external-secrets.io/v1beta1
kind: ExternalSecret
metadata:
  name: db
---
apiVersion: bitnami.com/v1alpha1
kind: SealedSecret
metadata:
  name: registry
---
apiVersion: v1
kind: Secret
metadata:
  name: api-tls
---
apiVersion: v1
kind: ServiceAccount
metadata:
  name: api
---
apiVersion: v1
kind: PersistentVolumeClaim
metadata:
  name: api-data
`;

describe('references rules: metadata', () => {
  it('every rule has an id, rationale and a YAML remediation', () => {
    for (const r of rules) {
      expect(r.meta.id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
      expect(r.meta.concern).toBe('references');
      expect(r.meta.remediation).toContain('```yaml');
    }
  });
});

describe('service-selects-nothing', () => {
  it('passes a Service whose selector matches a pod template', () => {
    expect(runRule(serviceSelectsNothing, `${deployment('api')}---\n${service('api', 'app: api')}`)).toEqual([]);
  });
  it('fails a Service in the base whose pods were relabelled in the overlay, at the selector', () => {
    const estate = estateFromFiles({
      'base/service.yaml': service('api', 'app: api'),
      'overlays/prod/deploy.yaml': deployment('api', { labels: 'app: api-v2' }),
    });
    const r = runRule(serviceSelectsNothing, estate);
    expect(r.map(where)).toEqual(['base/service.yaml:6']);
    expect(r[0]!.message).toContain('app=api');
  });
  it('does not match pods of another namespace', () => {
    const text = `${deployment('api', { ns: 'a' })}---\n${service('api', 'app: api').replace('name: api', 'name: api\n  namespace: b')}`;
    expect(runRule(serviceSelectsNothing, text)).toHaveLength(1);
  });
  it('skips Services without a selector', () => {
    expect(runRule(serviceSelectsNothing, 'apiVersion: v1\nkind: Service\nmetadata:\n  name: ext\nspec:\n  type: ExternalName\n  externalName: db.example.com\n')).toEqual([]);
  });
});

describe('selector-selects-nothing', () => {
  const pdb = (labels: string) => `apiVersion: policy/v1
kind: PodDisruptionBudget
metadata:
  name: api
spec:
  minAvailable: 1
  selector:
    matchLabels:
      ${labels}
`;
  const netpol = (selector: string) => `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: api
spec:
  podSelector:${selector}
  policyTypes: [Ingress]
`;
  it('passes a PDB and a NetworkPolicy that select pods, and an empty podSelector', () => {
    expect(runRule(selectorSelectsNothing, `${deployment('api')}---\n${pdb('app: api')}---\n${netpol('\n    matchLabels:\n      app: api')}`)).toEqual([]);
    expect(runRule(selectorSelectsNothing, netpol(' {}'))).toEqual([]);
  });
  it('fails a PDB and a NetworkPolicy that select nothing', () => {
    const r = runRule(selectorSelectsNothing, `${deployment('api')}---\n${pdb('app: apu')}---\n${netpol('\n    matchLabels:\n      app: web')}`);
    expect(r.map(what)).toEqual(['PodDisruptionBudget/api spec.selector', 'NetworkPolicy/api spec.podSelector']);
  });
  it('matches matchExpressions', () => {
    const sel = '\n    matchExpressions:\n      - key: app\n        operator: In\n        values: [api, web]';
    expect(runRule(selectorSelectsNothing, `${deployment('api')}---\n${netpol(sel)}`)).toEqual([]);
    expect(runRule(selectorSelectsNothing, `${deployment('db')}---\n${netpol(sel)}`)).toHaveLength(1);
  });
});

describe('hpa-target-missing', () => {
  const hpa = (target: string) => `apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata:
  name: api
spec:
  scaleTargetRef:
    apiVersion: apps/v1
    kind: Deployment
    name: ${target}
  minReplicas: 3
  maxReplicas: 10
`;
  it('passes an HPA targeting a defined Deployment', () => {
    expect(runRule(hpaTargetMissing, `${deployment('api')}---\n${hpa('api')}`)).toEqual([]);
  });
  it('fails an HPA targeting a missing Deployment, at scaleTargetRef.name', () => {
    const r = runRule(hpaTargetMissing, `${deployment('api')}---\n${hpa('api-v1')}`);
    expect(r.map(what)).toEqual(['HorizontalPodAutoscaler/api spec.scaleTargetRef.name']);
  });
  it('judges KEDA ScaledObjects too', () => {
    const so = 'apiVersion: keda.sh/v1alpha1\nkind: ScaledObject\nmetadata:\n  name: w\nspec:\n  scaleTargetRef:\n    name: worker\n';
    expect(runRule(hpaTargetMissing, so)).toHaveLength(1);
    expect(runRule(hpaTargetMissing, `${deployment('worker')}---\n${so}`)).toEqual([]);
  });
});

describe('referenced objects are defined', () => {
  const workload = deployment('api', { podSpec: refsPodSpec });
  it('passes when every reference is defined (Secrets via ExternalSecret and SealedSecret)', () => {
    for (const rule of [configMapNotFound, secretNotFound, serviceAccountNotFound, pvcNotFound]) {
      expect(runRule(rule, `${workload}---\n${defined}`), rule.meta.id).toEqual([]);
    }
  });
  it('fails each missing object at the referring field; optional references are exempt', () => {
    const estate = estateFromFiles({ 'base/deploy.yaml': workload });
    expect(runRule(configMapNotFound, estate).map(what)).toEqual([
      'Deployment/api spec.template.spec.containers[name=main].envFrom[0].configMapRef.name',
    ]);
    expect(runRule(secretNotFound, estate).map(what)).toEqual([
      'Deployment/api spec.template.spec.imagePullSecrets[name=registry].name',
      'Deployment/api spec.template.spec.volumes[name=certs].projected.sources[0].secret.name',
      'Deployment/api spec.template.spec.containers[name=main].env[name=DB_PASSWORD].valueFrom.secretKeyRef.name',
      'Deployment/api spec.template.spec.containers[name=main].envFrom[1].secretRef.name',
    ]);
    expect(runRule(serviceAccountNotFound, estate).map(where)).toEqual(['base/deploy.yaml:34']);
    expect(runRule(pvcNotFound, estate).map(what)).toEqual([
      'Deployment/api spec.template.spec.volumes[name=data].persistentVolumeClaim.claimName',
    ]);
  });
  it('resolves references in the pod namespace', () => {
    const text = `${deployment('api', { ns: 'a', podSpec: '      serviceAccountName: api' })}---\napiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: api\n  namespace: b\n`;
    expect(runRule(serviceAccountNotFound, text)).toHaveLength(1);
  });
  it('honours assumeDefined globs', () => {
    expect(runRule(secretNotFound, workload, { params: { assumeDefined: ['api-*', 'db', 'registry'] } })).toEqual([]);
  });
  it('does not treat StatefulSet claim templates as references', () => {
    const sts = `apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: db
spec:
  selector:
    matchLabels:
      app: db
  template:
    metadata:
      labels:
        app: db
    spec:
      containers:
        - name: db
          image: postgres:16
  volumeClaimTemplates:
    - metadata:
        name: data
      spec:
        accessModes: [ReadWriteOnce]
`;
    expect(runRule(pvcNotFound, sts)).toEqual([]);
  });
});

describe('service-target-port', () => {
  const svc = (target: string) => `apiVersion: v1\nkind: Service\nmetadata:\n  name: api\nspec:\n  selector:\n    app: api\n  ports:\n    - port: 80\n      targetPort: ${target}\n`;
  const withPort = (name: string) => deployment('api', { podSpec: `          ports:\n            - name: ${name}\n              containerPort: 8080` });
  it('passes a named target port the pods declare, and numeric ports', () => {
    expect(runRule(serviceTargetPort, `${withPort('http')}---\n${svc('http')}`)).toEqual([]);
    expect(runRule(serviceTargetPort, `${withPort('http')}---\n${svc('8080')}`)).toEqual([]);
  });
  it('fails a named target port renamed in the overlay, at the Service targetPort', () => {
    const estate = estateFromFiles({ 'base/svc.yaml': svc('http'), 'overlays/prod/deploy.yaml': withPort('web') });
    const r = runRule(serviceTargetPort, estate);
    expect(r.map(where)).toEqual(['base/svc.yaml:10']);
    expect(r[0]!.message).toContain('Deployment api');
  });
});

describe('ingress-backend-missing', () => {
  const ing = (service: string, port: string) => `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: web
spec:
  rules:
    - host: a.example.com
      http:
        paths:
          - path: /
            pathType: Prefix
            backend:
              service:
                name: ${service}
                port:
                  ${port}
`;
  const svc = 'apiVersion: v1\nkind: Service\nmetadata:\n  name: api\nspec:\n  ports:\n    - name: http\n      port: 80\n';
  it('passes a backend Service and port that exist', () => {
    expect(runRule(ingressBackendMissing, `${svc}---\n${ing('api', 'name: http')}`)).toEqual([]);
    expect(runRule(ingressBackendMissing, `${svc}---\n${ing('api', 'number: 80')}`)).toEqual([]);
  });
  it('fails a missing Service and a missing port', () => {
    expect(runRule(ingressBackendMissing, `${svc}---\n${ing('apu', 'number: 80')}`).map(what)).toEqual([
      'Ingress/web spec.rules[0].http.paths[0].backend.service.name',
    ]);
    expect(runRule(ingressBackendMissing, `${svc}---\n${ing('api', 'number: 8080')}`).map(what)).toEqual([
      'Ingress/web spec.rules[0].http.paths[0].backend.service.port.number',
    ]);
  });
});

describe('statefulset-service-missing', () => {
  const sts = 'apiVersion: apps/v1\nkind: StatefulSet\nmetadata:\n  name: db\nspec:\n  serviceName: db-headless\n  selector:\n    matchLabels:\n      app: db\n  template:\n    metadata:\n      labels:\n        app: db\n    spec:\n      containers:\n        - name: db\n          image: postgres:16\n';
  it('passes when the governing Service exists', () => {
    expect(runRule(statefulSetServiceMissing, `${sts}---\napiVersion: v1\nkind: Service\nmetadata:\n  name: db-headless\nspec:\n  clusterIP: None\n`)).toEqual([]);
  });
  it('fails when it does not, at serviceName', () => {
    expect(runRule(statefulSetServiceMissing, sts).map(what)).toEqual(['StatefulSet/db spec.serviceName']);
  });
});

describe('monitor-selects-nothing', () => {
  const svc = 'apiVersion: v1\nkind: Service\nmetadata:\n  name: api\n  namespace: shop\n  labels:\n    app: api\nspec:\n  selector:\n    app: api\n';
  const sm = (label: string, ns = '') =>
    `apiVersion: monitoring.coreos.com/v1\nkind: ServiceMonitor\nmetadata:\n  name: api\n  namespace: monitoring\nspec:\n  namespaceSelector:\n    ${ns || 'matchNames: [shop]'}\n  selector:\n    matchLabels:\n      app: ${label}\n`;
  const pm = (label: string) => `apiVersion: monitoring.coreos.com/v1\nkind: PodMonitor\nmetadata:\n  name: api\n  namespace: shop\nspec:\n  selector:\n    matchLabels:\n      app: ${label}\n`;
  it('passes monitors that select a Service or pods in the namespaces they watch', () => {
    expect(runRule(monitorSelectsNothing, `${svc}---\n${sm('api')}`)).toEqual([]);
    expect(runRule(monitorSelectsNothing, `${svc}---\n${sm('api', 'any: true')}`)).toEqual([]);
    expect(runRule(monitorSelectsNothing, `${deployment('api', { ns: 'shop' })}---\n${pm('api')}`)).toEqual([]);
  });
  it('fails monitors that select nothing, at the selector', () => {
    expect(runRule(monitorSelectsNothing, `${svc}---\n${sm('apu')}`).map(what)).toEqual(['ServiceMonitor/api spec.selector']);
    expect(runRule(monitorSelectsNothing, `${deployment('api', { ns: 'shop' })}---\n${pm('web')}`).map(what)).toEqual(['PodMonitor/api spec.selector']);
  });
  it('does not judge monitors watching namespaces outside the estate', () => {
    expect(runRule(monitorSelectsNothing, `${svc}---\n${sm('api', 'matchNames: [elsewhere]')}`)).toEqual([]);
  });
});
