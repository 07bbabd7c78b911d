import { describe, expect, it } from 'vitest';
import { BadRequestError } from '../../lib/errors.js';
import { JsonSchemaEngine } from '../../lib/engines/json-schema/engine.js';
import { defaultEngines, EngineRegistry } from '../../lib/engines/registry.js';

describe('EngineRegistry', () => {
  it('holds the JSON Schema engine by default', async () => {
    const engine = await defaultEngines().get('json-schema');
    expect(engine).toBeInstanceOf(JsonSchemaEngine);
    expect(engine.validate('x', { type: 'string' })).toEqual({ valid: true });
  });

  it('refuses an unknown engine with a 400 naming it and the known ones', async () => {
    const registry = defaultEngines();
    await expect(registry.get('xml')).rejects.toThrow(BadRequestError);
    await expect(registry.get('xml')).rejects.toThrow('unknown schema engine "xml"; known engines: "avro", "json-schema", "protobuf"');
  });

  it('loads an engine on first use, once for concurrent uses, and again after a failed load', async () => {
    let loads = 0;
    let fail = true;
    const registry = new EngineRegistry([], {
      'json-schema': async () => {
        loads++;
        if (fail) throw new Error('import failed');
        return new JsonSchemaEngine();
      },
    });
    await expect(registry.get('json-schema')).rejects.toThrow('import failed');
    fail = false;
    const [a, b] = await Promise.all([registry.get('json-schema'), registry.get('json-schema')]);
    expect(a).toBe(b);
    expect(await registry.get('json-schema')).toBe(a);
    expect(loads).toBe(2);
  });

  it('refuses a loader that builds another engine than it is named for', async () => {
    const registry = new EngineRegistry([], { avro: async () => new JsonSchemaEngine() });
    await expect(registry.get('avro')).rejects.toThrow('the loader of engine "avro" built engine "json-schema"');
  });

  it('refuses two engines under one name', () => {
    expect(() => new EngineRegistry([new JsonSchemaEngine(), new JsonSchemaEngine()])).toThrow('engine "json-schema" is already registered');
    expect(() => new EngineRegistry([new JsonSchemaEngine()], { 'json-schema': async () => new JsonSchemaEngine() })).toThrow('engine "json-schema" is already registered');
  });
});
