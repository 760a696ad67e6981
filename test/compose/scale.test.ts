/**
 * Compose files at scale: anchors shared by every service (`<<: *defaults`, the common idiom)
 * must not make loading quadratic.
 */
import { describe, expect, it } from 'vitest';
import { load } from './helpers.js';

describe('Compose files at scale', () => {
  it('2,000 services merging one anchor load in linear time', () => {
    let yaml = 'x-defaults: &defaults\n  restart: always\n  image: app:1\nservices:\n';
    for (let i = 0; i < 2000; i++) yaml += `  s${i}:\n    <<: *defaults\n    environment: {N: "${i}"}\n`;
    const started = Date.now();
    const { model } = load({ 'compose.yaml': yaml });
    const ms = Date.now() - started;
    expect(Object.keys(model.services)).toHaveLength(2000);
    expect(model.services.s1999).toMatchObject({ restart: 'always', image: 'app:1', environment: { N: '1999' } });
    expect(ms).toBeLessThan(6_000);
  });

  it('a depends_on graph with exponentially many paths is checked for cycles in linear time', () => {
    // 60 layers of two services, each depending on both services of the next layer: 2^60 paths.
    let yaml = 'services:\n';
    for (let l = 0; l < 60; l++) {
      for (const side of ['a', 'b']) {
        yaml += `  ${side}${l}:\n    image: x\n`;
        if (l < 59) yaml += `    depends_on: [a${l + 1}, b${l + 1}]\n`;
      }
    }
    const started = Date.now();
    const { model } = load({ 'compose.yaml': yaml });
    expect(Object.keys(model.services)).toHaveLength(120);
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('an alias refers to the latest anchor of that name before it', () => {
    const { model } = load({ 'compose.yaml': 'x-a: &img one\nx-b: &img two\nservices:\n  web:\n    image: *img\n' });
    expect(model.services.web.image).toBe('two');
  });
});
