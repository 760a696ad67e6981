/**
 * Every resource limit prodgate enforces on untrusted repositories, in one place.
 * The README's "Limits" section documents these values; change both together.
 */
export const limits = {
  /** Largest single input file read (bytes). Larger files are refused with a clear error. */
  maxFileBytes: 64 * 1024 * 1024,
  /** Largest `.prodgate.yaml` read (bytes): a configuration is hand-written and small. */
  maxConfigBytes: 1024 * 1024,
  /** Largest total of input bytes read for one estate. */
  maxTotalBytes: 512 * 1024 * 1024,
  /** Deepest nesting of mappings and sequences in one YAML document. */
  maxDepth: 256,
  /** Nodes that alias expansion may add to a document beyond its own size (alias-bomb guard). */
  maxAliasExpansion: 100_000,
  /**
   * Documents in one file. Parsing costs roughly 0.4 ms and 5 KB per small document, so this
   * bounds one file at about 20 s and 300 MB (bench/RESULTS.md, "Kustomize build").
   */
  maxDocumentsPerFile: 50_000,
  /** Kustomization directories visited in one build (guards runaway recursion). */
  maxKustomizations: 5_000,
  /** Nodes the `copy` operations of one JSON 6902 patch may duplicate (guards doubling chains). */
  maxJsonPatchCopiedNodes: 1_000_000,
} as const;
