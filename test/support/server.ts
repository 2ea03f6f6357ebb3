/**
 * @module
 * A real e-akimat HTTP server on a free port with a fresh database, for HTTP and browser tests.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll } from 'vitest'
import { importBundledActs } from '../../src/catalog/index.js'
import { createLogger } from '../../src/core/logger.js'
import type { Backend, DatabaseHandle } from '../../src/db/index.js'
import { LocalFileStore } from '../../src/files/index.js'
import type { ServicesContext } from '../../src/services/index.js'
import { createApp } from '../../src/web/app.js'
import { type RunningServer, startServer } from '../../src/web/server.js'
import { createTestDatabase, type TestDatabase } from './database.js'
import { TestPki, testServicesContext } from './services.js'

export interface TestServer {
  url: string
  handle: DatabaseHandle
  server: RunningServer
  /** The folder uploaded files go to (a fresh temporary folder). */
  dataDir: string
  /** The certification authority the server's signature checks trust (made for the suite). */
  pki: TestPki
  /** The e-services' adapters the server uses. */
  services: ServicesContext
}

/**
 * Registers hooks that run a server for the suite; returns a getter. With `acts: 'bundled'`, the
 * bundled acts are imported first (as `serve` does on a new database).
 */
export function useTestServer(
  backend: Backend,
  options: { acts?: 'none' | 'bundled' } = {},
): () => TestServer {
  let current: TestServer | undefined
  let database: TestDatabase | undefined
  let dataDir: string | undefined
  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'e-akimat-files-'))
    const created = await createTestDatabase(backend)
    database = created.database
    if (options.acts === 'bundled') await importBundledActs(created.handle.db)
    const logger = createLogger('silent')
    const files = new LocalFileStore(dataDir)
    const pki = await TestPki.create()
    const services = await testServicesContext(pki, { dataDir })
    const app = createApp({ database: created.handle, logger, files, services })
    const server = await startServer(app, { port: 0, host: '127.0.0.1', logger })
    services.publicUrl = server.url
    current = { url: server.url, handle: created.handle, server, dataDir, pki, services }
  })
  afterAll(async () => {
    await current?.server.close()
    await current?.handle.close()
    await database?.drop()
    if (dataDir) rmSync(dataDir, { recursive: true, force: true })
  })
  return () => {
    if (!current) throw new Error('The test server is not running yet')
    return current
  }
}
