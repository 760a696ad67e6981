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
   * Characters of scalar text that alias expansion may add to a document: the node count alone
   * lets a 1 MB scalar aliased 2,000 times through (gigabytes of output). Bounds the expanded
   * text, and so the memory it costs, at about 16 MiB (32 MiB as JavaScript strings) per document.
   */
  maxAliasExpansionBytes: 16 * 1024 * 1024,
  /**
   * Documents in one file. Parsing costs roughly 0.4 ms and 5 KB per small document, so this
   * bounds one file at about 20 s and 300 MB (bench/RESULTS.md, "Kustomize build").
   */
  maxDocumentsPerFile: 50_000,
  /**
   * Scalars (keys, values, aliases) in one YAML file. Parsing holds several hundred bytes per
   * scalar at its peak (a 1M-key mapping, 13 MB of text, took 1.9 GB); `check` of a file at this
   * limit (a 250,000-key mapping) peaks at about 570 MB resident.
   */
  maxNodesPerFile: 500_000,
  /** Kustomization directories visited in one build (guards runaway recursion). */
  maxKustomizations: 5_000,
  /**
   * Kustomizations nested one inside the next (resources, bases, components chains). The build
   * recurses per level and overflows Node's default stack at about 850 levels; real overlays
   * nest a handful deep. Kustomize itself renders deeper chains: this is a deliberate bound.
   */
  maxKustomizationDepth: 500,
  /**
   * `.git/index`, read to find tracked dotenv files: its size, entries and the total length of
   * their paths. Together they bound reading it at about 3x the file plus 2 bytes per path character.
   */
  maxGitIndexBytes: 128 * 1024 * 1024,
  maxGitIndexEntries: 1_000_000,
  maxGitIndexPathChars: 64 * 1024 * 1024,
  /** Nodes the `copy` operations of one JSON 6902 patch may duplicate (guards doubling chains). */
  maxJsonPatchCopiedNodes: 1_000_000,
} as const;
