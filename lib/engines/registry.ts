/** The schema engines the registry knows, looked up by the name stored with each schema. */
import { BadRequestError } from '../errors.js';
import type { Json, SchemaEngine } from './types.js';
import { fingerprint } from '../util/canonical-json.js';

/** Imports and builds an engine: engines most schemas never use are loaded on first use. */
export type EngineLoader = () => Promise<SchemaEngine>;

export class EngineRegistry {
  readonly #engines = new Map<string, SchemaEngine>();
  readonly #loaders = new Map<string, Promise<SchemaEngine> | EngineLoader>();

  constructor(engines: SchemaEngine[] = [], loaders: Record<string, EngineLoader> = {}) {
    for (const engine of engines) this.register(engine);
    for (const [name, load] of Object.entries(loaders)) {
      this.#refuseTaken(name);
      this.#loaders.set(name, load);
    }
  }

  /** Adds an engine; refuses a second engine under the same name. */
  register(engine: SchemaEngine): this {
    this.#refuseTaken(engine.name);
    this.#engines.set(engine.name, engine);
    return this;
  }

  /** Names of the registered engines, sorted. */
  names(): string[] {
    return [...this.#engines.keys(), ...this.#loaders.keys()].sort();
  }

  /** The engine called `name`, loaded on first use; throws BadRequestError naming the known engines when there is none. */
  async get(name: string): Promise<SchemaEngine> {
    const engine = this.#engines.get(name);
    if (engine !== undefined) return engine;
    const loading = this.#loaders.get(name);
    if (loading === undefined) {
      const known = this.names().map((n) => `"${n}"`).join(', ');
      throw new BadRequestError(`unknown schema engine ${JSON.stringify(name)}; known engines: ${known}`);
    }
    if (typeof loading !== 'function') return loading;
    const loaded = loading().then((built) => {
      if (built.name !== name) throw new Error(`the loader of engine "${name}" built engine "${built.name}"`);
      this.#engines.set(name, built);
      this.#loaders.delete(name);
      return built;
    });
    // Concurrent first uses share one import; a failed one is retried by the next use.
    this.#loaders.set(name, loaded);
    loaded.catch(() => this.#loaders.set(name, loading));
    return loaded;
  }

  #refuseTaken(name: string): void {
    if (this.#engines.has(name) || this.#loaders.has(name)) throw new Error(`engine "${name}" is already registered`);
  }
}

/**
 * The registry with the engines the service ships, each loaded on first use: JSON Schema (the default),
 * Avro and Protobuf. Routes that validate nothing (reads, listings) never load a compiler.
 */
export function defaultEngines(): EngineRegistry {
  return new EngineRegistry([], {
    'json-schema': async () => new (await import('./json-schema/engine.js')).JsonSchemaEngine(),
    avro: async () => new (await import('./avro/engine.js')).AvroEngine(),
    protobuf: async () => new (await import('./protobuf/engine.js')).ProtobufEngine(),
  });
}

/** The fingerprint that makes two definitions the same version under `engine`. */
export function definitionFingerprint(engine: SchemaEngine, definition: Json): string {
  return engine.fingerprint ? engine.fingerprint(definition) : fingerprint(definition);
}
