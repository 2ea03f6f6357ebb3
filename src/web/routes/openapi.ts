/**
 * @module
 * What the JSON API's route descriptions share: a JSON response with its schema and description.
 */
import type { z } from '@hono/zod-openapi'

/** A JSON response for an OpenAPI route description. */
export const json = <T extends z.ZodType>(schema: T, description: string) => ({
  description,
  content: { 'application/json': { schema } },
})
