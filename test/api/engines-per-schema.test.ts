/** A schema keeps its engine: neither a new definition nor an existing one can switch it. */
import { beforeAll, describe, expect, it } from 'vitest';
import { principalFromClaims } from '../../lib/auth/principal.js';
import { EngineRegistry } from '../../lib/engines/registry.js';
import { JsonSchemaEngine } from '../../lib/engines/json-schema/engine.js';
import { ConflictError } from '../../lib/errors.js';
import { buildServices } from '../../lib/registry.js';
import { useRegistry } from '../support/registry.js';

/** A second, real engine under another name (the same JSON Schema semantics). */
class OtherEngine extends JsonSchemaEngine {
  override readonly name = 'other-engine';
}

const reg = useRegistry();
let services: ReturnType<typeof buildServices>;
beforeAll(() => {
  services = buildServices(reg.deps, new EngineRegistry([new JsonSchemaEngine(), new OtherEngine()]));
});
const admin = principalFromClaims({ sub: 'ada', 'cognito:groups': ['acme:admin'] });
const definition = { type: 'object', properties: { a: { type: 'string' } } };

describe('a schema\u2019s engine', () => {
  it('cannot change through a new definition', async () => {
    await services.schemas.publish(admin, { workspace_id: 'acme', name: 'engined', definition });
    await expect(services.schemas.publish(admin, { workspace_id: 'acme', name: 'engined', definition: { type: 'object' }, engine: 'other-engine' })).rejects.toThrow(ConflictError);
  });

  it('cannot change by re-publishing an existing definition under another engine', async () => {
    await expect(services.schemas.publish(admin, { workspace_id: 'acme', name: 'engined', definition, engine: 'other-engine' })).rejects.toThrow(/uses engine "json-schema"/);
    const again = await services.schemas.publish(admin, { workspace_id: 'acme', name: 'engined', definition });
    expect(again).toMatchObject({ created: false, version: { version: 1, engine: 'json-schema' } });
  });
});
