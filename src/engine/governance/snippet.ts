/** The waiver annotation shown in the governance rules' remediation. */
export const snippetAnnotation = `metadata:
  annotations:
    prodgate.dev/waive.image-digest-pinning: reason="vendor chart pins tags only; tracked in OPS-123" expires=2026-12-31 owner=platform-team`;
