/** The schema engines the registry knows, looked up by the name stored with each schema. */
import { BadRequestError } from '../errors.js';
import { AvroEngine } from './avro/engine.js';
import { JsonSchemaEngine } from './json-schema/engine.js';
import { ProtobufEngine } from './protobuf/engine.js';
import type { Json, SchemaEngine } from './types.js';
import { fingerprint } from '../util/canonical-json.js';

export class EngineRegistry {
  readonly #engines = new Map<string, SchemaEngine>();

  constructor(engines: SchemaEngine[] = []) {
    for (const engine of engines) this.register(engine);
  }

  /** Adds an engine; refuses a second engine under the same name. */
  register(engine: SchemaEngine): this {
    if (this.#engines.has(engine.name)) throw new Error(`engine "${engine.name}" is already registered`);
    this.#engines.set(engine.name, engine);
    return this;
  }

  /** Names of the registered engines, sorted. */
  names(): string[] {
    return [...this.#engines.keys()].sort();
  }

  /** The engine called `name`; throws BadRequestError naming the known engines when there is none. */
  get(name: string): SchemaEngine {
    const engine = this.#engines.get(name);
    if (engine === undefined) {
      const known = this.names().map((n) => `"${n}"`).join(', ');
      throw new BadRequestError(`unknown schema engine ${JSON.stringify(name)}; known engines: ${known}`);
    }
    return engine;
  }
}

/** The registry with the engines the service ships: JSON Schema (the default), Avro, Protobuf. */
export function defaultEngines(): EngineRegistry {
  return new EngineRegistry([new JsonSchemaEngine(), new AvroEngine(), new ProtobufEngine()]);
}

/** The fingerprint that makes two definitions the same version under `engine`. */
export function definitionFingerprint(engine: SchemaEngine, definition: Json): string {
  return engine.fingerprint ? engine.fingerprint(definition) : fingerprint(definition);
}
