/**
 * @module
 * What the JSON API's route descriptions share: a JSON response with its schema and description,
 * and record ids in the path.
 */
import { z } from '@hono/zod-openapi'

/** A JSON response for an OpenAPI route description. */
export const json = <T extends z.ZodType>(schema: T, description: string) => ({
  description,
  content: { 'application/json': { schema } },
})

/** A record id in the path (1 to 9 digits), named `name`. */
export const pathId = (name: string) =>
  z
    .string()
    .regex(/^\d{1,9}$/)
    .openapi({ param: { name, in: 'path' }, example: '1' })

/** The `{id}` of an organisation (an akimat) in the path. */
export const idParam = z.object({ id: pathId('id') })
