/** The ValidationError a definition is refused with; fails the test when the engine accepts it. */
import { ValidationError } from '../../lib/errors.js';
import type { Json, SchemaEngine } from '../../lib/engines/types.js';

export function refusalOf(engine: Pick<SchemaEngine, 'checkDefinition'>, definition: Json): ValidationError {
  try {
    engine.checkDefinition(definition);
  } catch (error) {
    if (error instanceof ValidationError) return error;
    throw error;
  }
  throw new Error('definition was accepted');
}
