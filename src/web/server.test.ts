import { createServer } from 'node:net'
import { Hono } from 'hono'
import { describe, expect, it } from 'vitest'
import { createLogger, InputError } from '../core/index.js'
import { startServer } from './server.js'

const logger = createLogger('silent')

describe('startServer', () => {
  it('lets a request in flight finish on shutdown, then refuses new connections', async () => {
    let release: () => void = () => {}
    const app = new Hono().get('/slow', async (c) => {
      await new Promise<void>((resolve) => {
        release = resolve
      })
      return c.text('finished')
    })
    const server = await startServer(app, { port: 0, host: '127.0.0.1', logger })
    const inFlight = fetch(`${server.url}/slow`)
    await new Promise((r) => setTimeout(r, 100))

    let closed = false
    const closing = server.close().then(() => {
      closed = true
    })
    await new Promise((r) => setTimeout(r, 100))
    expect(closed).toBe(false) // still waiting for /slow

    release()
    const res = await inFlight
    expect(res.status).toBe(200)
    expect(await res.text()).toBe('finished')
    await closing
    expect(closed).toBe(true)
    await expect(fetch(`${server.url}/slow`)).rejects.toThrow()
  })

  it('cuts requests still running after the grace period', async () => {
    const app = new Hono().get('/never', () => new Promise<Response>(() => {}))
    const server = await startServer(app, {
      port: 0,
      host: '127.0.0.1',
      logger,
      shutdownGraceMs: 200,
    })
    const inFlight = fetch(`${server.url}/never`).catch((e: Error) => e)
    await new Promise((r) => setTimeout(r, 100))
    await server.close()
    expect(await inFlight).toBeInstanceOf(Error)
  })

  it('reports a port in use as an input error naming the port', async () => {
    const blocker = createServer()
    await new Promise<void>((r) => blocker.listen(0, '127.0.0.1', r))
    const port = (blocker.address() as { port: number }).port
    const error = await startServer(new Hono(), { port, host: '127.0.0.1', logger }).catch((e) => e)
    blocker.close()
    expect(error).toBeInstanceOf(InputError)
    expect(error.message).toBe(
      `Port ${port} on 127.0.0.1 is already in use; stop the other program or set PORT to a free port`,
    )
  })
})
