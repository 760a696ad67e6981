/** The YAML snippets of rule remediations: one fenced block helper, and one for a container's fields. */

import { yamlBlock } from '../../engine/rule.js';

export { yamlBlock };

/** `lines` set on container `api` of a workload's pod template, as the lines of a fenced block. */
export function containerSnippet(lines: readonly string[]): string[] {
  return yamlBlock(['spec:', '  template:', '    spec:', '      containers:', '        - name: api', ...lines.map((l) => `          ${l}`)]).split('\n');
}
