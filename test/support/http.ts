/**
 * @module
 * Small helpers for HTTP assertions.
 */

/** The response body parsed as JSON, typed loosely for assertions. */
// biome-ignore lint/suspicious/noExplicitAny: test assertions walk arbitrary JSON
export async function json(res: Response): Promise<any> {
  return res.json()
}
