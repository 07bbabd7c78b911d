/** The Confluent-compatible API's wire format: where it is mounted, what it answers, what it reads. */
import type { WireFormat } from '../api/route.js';
import { CONFLUENT_CONTENT_TYPE, confluentErrorResponse } from './errors.js';

/** Apicurio's prefix for the same API, so clients configured for Apicurio's need only the host changed. */
export const CCOMPAT_PREFIX = '/apis/ccompat/v7';

export const CCOMPAT_WIRE: WireFormat = {
  name: 'confluent',
  contentType: CONFLUENT_CONTENT_TYPE,
  errorResponse: confluentErrorResponse,
  // Confluent reads these as JSON too (its serializers send the first; some clients the last).
  jsonMediaTypes: [CONFLUENT_CONTENT_TYPE, 'application/vnd.schemaregistry+json', 'application/octet-stream'],
  basicAuth: true,
};
