/**
 * `.env*` files tracked by Git beside the manifests: found through the repository's index
 * (git is never run on the checked repository), reported without their values.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readTrackedFiles } from '../../src/input/git-index.js';
import { renderReport, reportFormats } from '../../src/report/index.js';
import { runCheck } from '../../src/index.js';

const PASSWORD = 'Zq8!vR2#kLm9$wXp4&tY7';

function repo(indexVersion: number): string {
  const dir = mkdtempSync(join(tmpdir(), 'prodgate-env-'));
  mkdirSync(join(dir, 'deploy'));
  writeFileSync(
    join(dir, 'deploy', 'cm.yaml'),
    'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\n  namespace: shop\ndata:\n  LOG_LEVEL: info\n',
  );
  writeFileSync(join(dir, 'deploy', '.env'), `# local settings\nLOG_LEVEL=info\nDB_PASSWORD=${PASSWORD}\n`);
  writeFileSync(join(dir, 'deploy', '.env.example'), 'DB_PASSWORD=changeme\n');
  writeFileSync(join(dir, 'deploy', 'staging.env'), 'LOG_LEVEL=info\n');
  writeFileSync(join(dir, 'deploy', '.env.local'), `DB_PASSWORD=${PASSWORD}\n`); // not tracked
  const git = (...args: string[]) => execFileSync('git', args, { cwd: dir, stdio: 'ignore' });
  git('init', '-q');
  git('add', 'deploy/cm.yaml', 'deploy/.env', 'deploy/.env.example', 'deploy/staging.env');
  git('update-index', '--index-version', String(indexVersion));
  return dir;
}

describe('tracked .env files', () => {
  it.each([2, 3, 4])('reads the paths of a version %i index', (v) => {
    const dir = repo(v);
    expect(readTrackedFiles(dir)?.sort()).toEqual(['deploy/.env', 'deploy/.env.example', 'deploy/cm.yaml', 'deploy/staging.env']);
  });

  it('reports tracked dotenv files, secrets at their line, never the value', () => {
    const dir = repo(2);
    const run = runCheck({ inputs: [join(dir, 'deploy')], load: { root: dir }, only: ['env-file-committed'] });
    const found = run.findings.filter((f) => f.rule === 'env-file-committed');
    expect(found.map((f) => `${f.location?.file}:${f.location?.line}:${f.severity}`).sort()).toEqual([
      'deploy/.env:3:error',
      'deploy/staging.env:1:warning',
    ]);
    for (const format of reportFormats) expect(renderReport(format, run)).not.toContain(PASSWORD);
  });
});
