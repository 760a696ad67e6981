/**
 * The governance rules' examples: a Deployment running `image` (untagged by default, so
 * `image-no-latest-tag` reports it) with a waiver written as an annotation or as an inline comment.
 */
export interface WaiverExample {
  image?: string;
  /** Annotation key suffix after `prodgate.dev/waive.` and its value. */
  annotation?: [rule: string, value: string];
  /** An inline waiver comment's text after `# prodgate-waive `. */
  inline?: string;
}

export function waivedDeployment(w: WaiverExample): string {
  const comment = w.inline === undefined ? '' : `# prodgate-waive ${w.inline}\n`;
  const annotations = w.annotation === undefined ? '' : `  annotations:\n    prodgate.dev/waive.${w.annotation[0]}: ${w.annotation[1]}\n`;
  return `${comment}apiVersion: apps/v1
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
          image: ${w.image ?? 'registry.example.com/api'}
`;
}
