/**
 * Generates docs/rules/<id>.md for every rule and the index docs/rules/README.md from rule
 * metadata (`npm run docs`). `--check` reports stale or missing pages without writing.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ruleMarkdown, rulesIndexMarkdown } from '../src/report/rule-docs.js';
import { configJsonSchema } from '../src/engine/config.js';
import { allRules } from '../src/index.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const dir = path.resolve(here, '..', 'docs', 'rules');
const check = process.argv.includes('--check');

const rules = allRules();
const metas = rules.map((r) => r.meta);
const pages = new Map<string, string>();
for (const r of rules) pages.set(`${r.meta.id}.md`, ruleMarkdown(r.meta, r.examples));
pages.set('README.md', rulesIndexMarkdown(metas));

let stale = 0;
if (!check) mkdirSync(dir, { recursive: true });
for (const [name, text] of pages) {
  const file = path.join(dir, name);
  const current = existsSync(file) ? readFileSync(file, 'utf8') : undefined;
  if (current === text) continue;
  stale++;
  if (check) console.error(`stale: docs/rules/${name}`);
  else writeFileSync(file, text);
}
// Pages of rules that no longer exist.
for (const name of existsSync(dir) ? readdirSync(dir) : []) {
  if (name.endsWith('.md') && !pages.has(name)) {
    stale++;
    if (check) console.error(`obsolete: docs/rules/${name}`);
    else unlinkSync(path.join(dir, name));
  }
}
// The config file's JSON Schema, for editor validation of .prodgate.yaml.
const schemaFile = path.resolve(here, '..', 'docs', 'prodgate-config.schema.json');
const schemaText = `${JSON.stringify(configJsonSchema(allRules()), null, 2)}\n`;
if ((existsSync(schemaFile) ? readFileSync(schemaFile, 'utf8') : undefined) !== schemaText) {
  stale++;
  if (check) console.error('stale: docs/prodgate-config.schema.json');
  else writeFileSync(schemaFile, schemaText);
}
if (check && stale) process.exit(1);
console.log(check ? `docs/rules is up to date (${metas.length} rules)` : `docs/rules: ${stale} page(s) written for ${metas.length} rules`);
