// Every outcome the server can give a delivery has a badge style in the admin: a new outcome added to
// the shared list without one would show as a grey badge among coloured ones.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { OUTCOMES } from '../../shared/deliveries.ts';

const STYLES = join(import.meta.dirname, '../../admin/src/styles');
const css = readdirSync(STYLES)
  .filter((name) => name.endsWith('.css'))
  .map((name) => readFileSync(join(STYLES, name), 'utf8'))
  .join('\n');

describe('outcome badges', () => {
  test.each(OUTCOMES)('the %s badge has a colour of its own', (outcome) => {
    expect(css).toMatch(new RegExp(`\\.outcome-${outcome}\\b[^{]*\\{`));
  });
});
