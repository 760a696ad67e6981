/**
 * Strict validation learns, per validator and structural site, which fields a schema declares,
 * and then validates known-clean objects without the tracking view. Results must not depend on
 * what was learned before.
 */
import { describe, expect, it } from 'vitest';
import { SchemaValidator } from '../../src/analysis/schema/validator.js';
import type { SchemaIssue } from '../../src/analysis/schema/messages.js';
import { formatPath } from '../../src/core/resource.js';
import { estateFromYaml } from '../helpers/rules.js';
import { clone, setAt, toYaml, validObjects, type Obj } from './fixtures.js';

function issues(objects: Obj[]): string[][] {
  const estate = estateFromYaml(toYaml(objects));
  const v = new SchemaValidator();
  return estate.resources.map((r) => v.validate(r).map((i: SchemaIssue) => `${i.kind} ${formatPath(i.path)}`));
}

describe('learned sites', () => {
  it('a field declared at one site is still unknown at another', () => {
    const deployment = validObjects.Deployment!;
    const misplaced = setAt(clone(deployment), ['spec', 'template', 'spec', 'image'], 'x'); // a container field, one level up
    expect(issues([deployment, deployment, misplaced])).toEqual([[], [], ['unknown-field spec.template.spec.image']]);
  });

  it('the same objects give the same findings cold and warm, in any order', () => {
    const broken = [
      setAt(clone(validObjects.Deployment!), ['spec', 'replica'], 1),
      setAt(clone(validObjects.Service!), ['spec', 'ports', 0, 'targetport'], 1),
      setAt(clone(validObjects.CronJob!), ['spec', 'jobTemplate', 'spec', 'template', 'spec', 'containers', 0, 'env', 0, 'valueFrom'], { x: 1 }),
    ];
    const all = [...Object.values(validObjects), ...broken];
    const forward = issues([...all, ...all]);
    const backward = issues([...all].reverse());
    expect(forward.slice(0, all.length)).toEqual(forward.slice(all.length));
    expect(forward.slice(0, all.length)).toEqual([...backward].reverse());
    expect(forward.flat()).toEqual([
      'unknown-field spec.replica',
      'unknown-field spec.ports[0].targetport',
      'unknown-field spec.jobTemplate.spec.template.spec.containers[0].env[0].valueFrom.x',
      'unknown-field spec.replica',
      'unknown-field spec.ports[0].targetport',
      'unknown-field spec.jobTemplate.spec.template.spec.containers[0].env[0].valueFrom.x',
    ]);
  });

  it('a value of the wrong type at a learned site is still a type error', () => {
    const deployment = validObjects.Deployment!;
    const wrong = setAt(clone(deployment), ['spec', 'template', 'spec', 'containers'], { name: 'api' });
    expect(issues([deployment, wrong])[1]).toEqual(['invalid spec.template.spec.containers']);
  });

  it('integers beyond 2^53 are numbers to the validator', () => {
    const text = 'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d}\nspec:\n  progressDeadlineSeconds: 123456789012345678901\n  selector: {matchLabels: {a: b}}\n  template:\n    metadata: {labels: {a: b}}\n    spec: {containers: [{name: c, image: i}]}\n';
    const [r] = estateFromYaml(text).resources;
    const v = new SchemaValidator();
    // int32 format: too large, but a number (not "a bigint is not an integer").
    expect(v.validate(r!).map((i) => `${formatPath(i.path)}: ${i.message}`)).toEqual(['spec.progressDeadlineSeconds: must be a 32-bit integer']);
  });
});
