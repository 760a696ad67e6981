/**
 * Manifests for the governance rules' examples: a Deployment running an untagged image (an
 * `image-no-latest-tag` finding) with a waiver annotation, or a compliant one.
 */
export function waivedDeployment(image: string, waiver: string | undefined): string {
  const annotations = waiver === undefined ? '' : `  annotations:\n    prodgate.dev/waive.image-no-latest-tag: ${waiver}\n`;
  return `apiVersion: apps/v1
kind: Deployment
metadata:
  name: api
${annotations}spec:
  selector:
    matchLabels:
      app: api
  template:
    metadata:
      labels:
        app: api
    spec:
      containers:
        - name: api
          image: ${image}
`;
}
