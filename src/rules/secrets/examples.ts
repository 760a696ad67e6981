/**
 * Values for the secrets rules' examples. They are shown in the docs, so each is obviously not a
 * live credential (a well-known passphrase, repeated fragments) while having the shape the
 * detectors recognise; tokens are assembled at run time so no source line looks like one.
 */
export const EXAMPLE_PASSWORD = 'correct-horse-battery-staple-42';
export const exampleGitlabToken = (): string => `glpat-${'aZ3kQ9'.repeat(4).slice(0, 20)}`;
export const exampleVaultToken = (): string => `hvs.${'CAESIbQ7xK2mN9pR4sT6vW8y'}`;

export const secretObject = (body: Record<string, unknown>): Record<string, unknown> => ({
  apiVersion: 'v1',
  kind: 'Secret',
  metadata: { name: 'db' },
  ...body,
});
