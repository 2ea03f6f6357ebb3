/**
 * HTTP tests against the real server on a real port, on each storage backend.
 */
import { describe, expect, it } from 'vitest'
import { BACKENDS } from './support/database.js'
import { json } from './support/http.js'
import { useTestServer } from './support/server.js'

describe.each(BACKENDS)('HTTP server [%s]', (backend) => {
  const server = useTestServer(backend)

  it('answers /healthz with 200 after checking the database', async () => {
    const res = await fetch(`${server().url}/healthz`)
    expect(res.status).toBe(200)
    const body = await json(res)
    expect(body).toMatchObject({ status: 'ok', database: { backend, ok: true } })
    expect(typeof body.database.latencyMs).toBe('number')
  })

  it('serves the OpenAPI description, which documents /healthz', async () => {
    const res = await fetch(`${server().url}/api/openapi.json`)
    expect(res.status).toBe(200)
    const doc = await json(res)
    expect(doc.openapi).toBe('3.1.0')
    expect(doc.paths['/healthz'].get.responses).toHaveProperty('200')
    expect(doc.paths['/healthz'].get.responses).toHaveProperty('503')
  })

  it('renders the home page in the language asked for, with secure headers', async () => {
    const res = await fetch(`${server().url}/?lang=ru`)
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toMatch(/^text\/html/)
    expect(res.headers.get('content-language')).toBe('ru')
    expect(res.headers.get('content-security-policy')).toContain("default-src 'self'")
    expect(res.headers.get('x-content-type-options')).toBe('nosniff')
    expect(res.headers.get('x-frame-options')).toBe('SAMEORIGIN')
    expect(res.headers.get('set-cookie')).toMatch(/lang=ru;.*HttpOnly/i)
    const html = await res.text()
    expect(html.startsWith('<!DOCTYPE html><html lang="ru">')).toBe(true)
    expect(html).toContain('Что делает e-akimat')
  })

  it('remembers the chosen language in its cookie for the next request', async () => {
    const res = await fetch(`${server().url}/`, {
      headers: { cookie: 'lang=en', 'accept-language': 'ru' },
    })
    expect(await res.text()).toContain('What e-akimat does')
  })

  it('answers unknown API paths with a JSON error in the request language', async () => {
    const res = await fetch(`${server().url}/api/no-such-thing`, {
      headers: { 'accept-language': 'en' },
    })
    expect(res.status).toBe(404)
    expect(await json(res)).toEqual({
      error: { code: 'not_found', message: 'The page or resource you asked for does not exist.' },
    })
  })

  it('answers unknown pages with an HTML error page in Kazakh by default', async () => {
    const res = await fetch(`${server().url}/no-such-page`)
    expect(res.status).toBe(404)
    expect(res.headers.get('content-type')).toMatch(/^text\/html/)
    expect(await res.text()).toContain('Сіз сұраған бет немесе ресурс жоқ.')
  })

  it('refuses a request body over the limit with 413 and a translated message', async () => {
    const res = await fetch(`${server().url}/api/anything`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'accept-language': 'ru' },
      body: JSON.stringify({ text: 'x'.repeat(2 * 1024 * 1024) }),
    })
    expect(res.status).toBe(413)
    const body = await json(res)
    expect(body.error.code).toBe('payload_too_large')
    expect(body.error.message).toBe(
      'Тело запроса слишком велико: принимается не более 1048576 байт.',
    )
  })

  it('serves static assets with long caching only for the current version', async () => {
    const home = await (await fetch(`${server().url}/`)).text()
    const href = /href="(\/static\/styles\.css\?v=[0-9a-f]{12})"/.exec(home)?.[1]
    expect(href).toBeDefined()
    const current = await fetch(`${server().url}${href}`)
    expect(current.status).toBe(200)
    expect(current.headers.get('content-type')).toMatch(/^text\/css/)
    expect(current.headers.get('cache-control')).toBe('public, max-age=31536000, immutable')
    const stale = await fetch(`${server().url}/static/styles.css?v=000000000000`)
    expect(stale.headers.get('cache-control')).toBe('public, max-age=300')
  })

  it('does not serve files outside public/ through /static', async () => {
    for (const path of [
      '/static/../package.json',
      '/static/%2e%2e/package.json',
      '/static/..%2fpackage.json',
    ]) {
      const res = await fetch(`${server().url}${path}`)
      expect(res.status, path).toBe(404)
      expect(await res.text()).not.toContain('"name": "e-akimat"')
    }
  })

  it('answers 503 on /healthz when the database is gone', async () => {
    // Last in the suite: closes the database under the running server.
    await server().handle.close()
    const res = await fetch(`${server().url}/healthz`)
    expect(res.status).toBe(503)
    expect((await json(res)).database.ok).toBe(false)
  })
})
