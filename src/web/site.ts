/**
 * @module
 * The site's own address, for links that leave the page (activation links shown to be passed on).
 */
import type { Context } from 'hono'
import type { AppEnv } from './context.js'

/**
 * `PUBLIC_URL` when configured (behind a proxy that rewrites the host), else the request's origin
 * with the scheme a proxy reports in `X-Forwarded-Proto`.
 */
export function siteOrigin(c: Context<AppEnv>): string {
  const configured = c.get('services').publicUrl
  if (configured) return new URL(configured).origin
  const url = new URL(c.req.url)
  const proto = c.req.header('x-forwarded-proto')?.split(',')[0]?.trim().toLowerCase()
  if (proto === 'https' || proto === 'http') url.protocol = `${proto}:`
  return url.origin
}
