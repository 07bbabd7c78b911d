import { describe, expect, it } from 'vitest';
import { BadRequestError } from '../../lib/errors.js';
import { JsonSchemaEngine } from '../../lib/engines/json-schema/engine.js';
import { defaultEngines, EngineRegistry } from '../../lib/engines/registry.js';

describe('EngineRegistry', () => {
  it('holds the JSON Schema engine by default', () => {
    const engine = defaultEngines().get('json-schema');
    expect(engine).toBeInstanceOf(JsonSchemaEngine);
    expect(engine.validate('x', { type: 'string' })).toEqual({ valid: true });
  });

  it('refuses an unknown engine with a 400 naming it and the known ones', () => {
    const registry = defaultEngines();
    expect(() => registry.get('xml')).toThrow(BadRequestError);
    expect(() => registry.get('xml')).toThrow('unknown schema engine "xml"; known engines: "avro", "json-schema", "protobuf"');
  });

  it('refuses two engines under one name', () => {
    expect(() => new EngineRegistry([new JsonSchemaEngine(), new JsonSchemaEngine()])).toThrow('engine "json-schema" is already registered');
  });
});
