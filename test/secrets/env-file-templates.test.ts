/** `.env.<env>` files a repository declares non-secret templates may be tracked; secrets in them may not. */
import { describe, expect, it } from 'vitest';
import { Estate } from '../../src/engine/estate.js';
import { rule } from '../../src/rules/secrets/env-file-committed.js';
import { runRule } from '../helpers/rules.js';

const estate = (text: string) => new Estate([], { envFiles: [{ file: 'deploy/.env.staging', text }] });

describe('env-file-committed templates', () => {
  it('reports a tracked .env.staging unless it is declared a template', () => {
    const placeholders = estate('DB_PASSWORD=${DB_PASSWORD}\nLOG_LEVEL=info\n');
    expect(runRule(rule, placeholders)).toHaveLength(1);
    expect(runRule(rule, placeholders, { params: { templates: ['deploy/.env.*'] } })).toEqual([]);
  });
  it('still reports a secret-looking value in a declared template, at its line', () => {
    const leaked = estate('LOG_LEVEL=info\nDB_PASSWORD=correct-horse-battery-staple-42\n');
    const got = runRule(rule, leaked, { params: { templates: ['deploy/.env.*'] } });
    expect(got.map((r) => [r.location?.line, r.severity])).toEqual([[2, 'error']]);
    expect(got[0]!.message).not.toContain('correct-horse');
  });
});
