/**
 * Values for the secrets rules' examples. They are shown in the docs, so each is obviously not a
 * live credential (a well-known passphrase, repeated fragments, PEM bodies that decode to a
 * sentence) while having the shape the detectors recognise; tokens are assembled at run time so
 * no source line looks like one.
 */
export const EXAMPLE_PASSWORD = 'correct-horse-battery-staple-42';
export const exampleGitlabToken = (): string => `glpat-${'aZ3kQ9'.repeat(4).slice(0, 20)}`;
export const exampleVaultToken = (): string => `hvs.${'CAESIbQ7xK2mN9pR4sT6vW8y'}`;

/** A PEM private key whose body reads, once decoded, that it is none. */
export const examplePrivateKey = (): string => {
  const body = Buffer.from('This is not a private key: it only has the shape of one, for the prodgate documentation.').toString('base64');
  const label = ['PRIVATE', 'KEY'].join(' ');
  return [`-----BEGIN ${label}-----`, ...(body.match(/.{1,64}/g) ?? []), `-----END ${label}-----`].join('\n');
};

/** A PEM certificate of the same kind: public material, not a secret. */
export const exampleCertificate = (): string => {
  const body = Buffer.from('This is not a certificate either; certificates are public and may be committed.').toString('base64');
  return ['-----BEGIN CERTIFICATE-----', ...(body.match(/.{1,64}/g) ?? []), '-----END CERTIFICATE-----'].join('\n');
};

export const secretObject = (body: Record<string, unknown>): Record<string, unknown> => ({
  apiVersion: 'v1',
  kind: 'Secret',
  metadata: { name: 'db' },
  ...body,
});

/** A small kustomization tree for the secret generator examples: a base Deployment and the given overlay files. */
export function baseTree(overlay: Record<string, string>): Record<string, string> {
  return {
    'base/kustomization.yaml': 'resources:\n  - deployment.yaml\n',
    'base/deployment.yaml': [
      'apiVersion: apps/v1',
      'kind: Deployment',
      'metadata:',
      '  name: api',
      'spec:',
      '  selector:',
      '    matchLabels: {app: api}',
      '  template:',
      '    metadata:',
      '      labels: {app: api}',
      '    spec:',
      '      containers:',
      '        - name: api',
      '          image: registry.example.com/api:1.4.2',
      '          env:',
      '            - name: DB_PASSWORD',
      '              valueFrom:',
      '                secretKeyRef: {name: db, key: password}',
      '',
    ].join('\n'),
    ...overlay,
  };
}
