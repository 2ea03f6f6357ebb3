/**
 * @module
 * The HTTP server around the app: listens, reports a port in use as a clear error, applies
 * timeouts against slow clients, and shuts down gracefully (stops accepting, lets in-flight
 * requests finish, then returns so the caller can close the database).
 */
import type { Server, ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { createAdaptorServer } from '@hono/node-server'
import type { Hono } from 'hono'
import type { Logger } from '../core/index.js'
import { InputError } from '../core/index.js'

export interface ServerOptions {
  port: number
  host: string
  logger: Logger
  /** How long in-flight requests may take to finish on shutdown before they are cut. */
  shutdownGraceMs?: number
  /** Time a client has to send all request headers (default 20 s; slowloris guard). */
  headersTimeoutMs?: number
  /** Time a client has to send the whole request, body included (default 60 s). */
  requestTimeoutMs?: number
}

export interface RunningServer {
  /** The address actually bound (the real port when 0 was asked for). */
  port: number
  host: string
  /** Base URL, e.g. http://127.0.0.1:3000 */
  url: string
  /** Stops accepting, waits for in-flight requests (up to the grace period), then resolves. */
  close(): Promise<void>
}

/**
 * Starts serving `app`. Rejects with an {@link InputError} when the port is taken or the address
 * cannot be bound, so the CLI prints one line instead of a stack trace.
 */
export async function startServer(
  // biome-ignore lint/suspicious/noExplicitAny: any Hono app, whatever its env
  app: Hono<any, any, any>,
  options: ServerOptions,
): Promise<RunningServer> {
  // Node enforces these timeouts on a check every connectionsCheckingInterval (30 s by default):
  // with shorter timeouts (tests), check as often as the shortest one.
  const shortest = Math.min(options.headersTimeoutMs ?? 30_000, options.requestTimeoutMs ?? 30_000)
  const server = createAdaptorServer({
    fetch: app.fetch,
    serverOptions: { connectionsCheckingInterval: Math.max(100, Math.min(30_000, shortest / 2)) },
  }) as Server
  // Guard against slow clients holding connections open.
  server.headersTimeout = options.headersTimeoutMs ?? 20_000
  server.requestTimeout = options.requestTimeoutMs ?? 60_000
  server.keepAliveTimeout = 5_000

  await new Promise<void>((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException) => {
      server.off('listening', onListening)
      reject(listenError(error, options))
    }
    const onListening = () => {
      server.off('error', onError)
      resolve()
    }
    server.once('error', onError)
    server.once('listening', onListening)
    server.listen(options.port, options.host)
  })

  // Responses still being prepared when shutdown starts say `Connection: close`.
  const inFlight = new Set<ServerResponse>()
  server.on('request', (_req, res: ServerResponse) => {
    inFlight.add(res)
    res.once('close', () => inFlight.delete(res))
  })

  const address = server.address() as AddressInfo
  const hostForUrl = address.family === 'IPv6' ? `[${address.address}]` : address.address
  let closing: Promise<void> | undefined

  return {
    port: address.port,
    host: address.address,
    url: `http://${hostForUrl}:${address.port}`,
    close() {
      closing ??= new Promise<void>((resolve) => {
        const grace = setTimeout(() => {
          options.logger.warn('shutdown: cutting requests still running after the grace period')
          server.closeAllConnections()
        }, options.shutdownGraceMs ?? 10_000)
        grace.unref()
        for (const res of inFlight) if (!res.headersSent) res.shouldKeepAlive = false
        // Keep-alive connections that fall idle would otherwise hold the server open until they
        // time out: close them as soon as their last response is sent.
        const sweep = setInterval(() => server.closeIdleConnections(), 50)
        server.close(() => {
          clearTimeout(grace)
          clearInterval(sweep)
          resolve()
        })
        server.closeIdleConnections()
      })
      return closing
    },
  }
}

function listenError(error: NodeJS.ErrnoException, options: ServerOptions): Error {
  const where = `${options.host}:${options.port}`
  if (error.code === 'EADDRINUSE') {
    return new InputError(
      `Port ${options.port} on ${options.host} is already in use; stop the other program or set PORT to a free port`,
    )
  }
  if (error.code === 'EACCES') {
    return new InputError(
      `Not allowed to listen on ${where}; use a PORT above 1023 or run with the right privileges`,
    )
  }
  if (error.code === 'EADDRNOTAVAIL' || error.code === 'ENOTFOUND') {
    return new InputError(`Cannot listen on ${where}: HOST is not an address of this machine`)
  }
  return error
}
