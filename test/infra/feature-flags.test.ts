import { readFileSync } from 'node:fs';
import { CURRENTLY_RECOMMENDED_FLAGS } from 'aws-cdk-lib/cx-api';
import { describe, expect, it } from 'vitest';

const context = (JSON.parse(readFileSync(new URL('../../cdk.json', import.meta.url), 'utf8')) as { context: Record<string, unknown> }).context;

describe('cdk.json', () => {
  // The CLI reports every flag left unset ("N feature flags are not configured"); a new app sets them all,
  // and a CDK upgrade that recommends new ones fails here until they are chosen.
  it('sets every feature flag the installed aws-cdk-lib recommends, to the recommended value', () => {
    const unset = Object.keys(CURRENTLY_RECOMMENDED_FLAGS).filter((flag) => !(flag in context));
    expect(unset).toEqual([]);
    const differ = Object.entries(CURRENTLY_RECOMMENDED_FLAGS).filter(([flag, value]) => JSON.stringify(context[flag]) !== JSON.stringify(value));
    expect(differ).toEqual([]);
  });
});
