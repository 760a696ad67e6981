/** What the input layer knows about the inputs it found and read. */
import type { Comment } from '../yaml/parse.js';

export interface EstateInput {
  /** 'kustomize' directory, plain 'manifests' (file or directory), or 'stdin'. */
  type: 'kustomize' | 'manifests' | 'stdin';
  /** Path as given, relative to the root (or '-'). */
  path: string;
}

export interface SourceFileInfo {
  comments: Comment[];
  /** Line ranges of each document (for inline waiver comments). */
  documents: { startLine: number; endLine: number }[];
  /**
   * Documents of `helm template` output, each under its `# Source: chart/templates/x.yaml`
   * comment: a location inside one is reported at that template (the line counted within the
   * rendered document), not at the stream.
   */
  helmSources?: HelmSource[];
}

export interface HelmSource {
  /** First and last line of the document in the stream (the `# Source:` comment is `startLine`). */
  startLine: number;
  endLine: number;
  /** The template path Helm wrote. */
  source: string;
}

/** A dotenv file tracked by Git beside the checked manifests (read by the loader, judged by rules). */
export interface EnvFile {
  /** Path relative to the root. */
  file: string;
  text: string;
}
