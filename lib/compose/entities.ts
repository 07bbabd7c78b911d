/** The generated ElectroDB entities, for the compositions whose listings page with them: a chunk loaded on first use. */
import type { EntitiesLoader } from '../dynamo/table.js';

export const loadEntities: EntitiesLoader = () => import('../generated/entities.js');
