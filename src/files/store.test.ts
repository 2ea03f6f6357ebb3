import { mkdtemp, readdir, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, relative } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { InputError, NotFoundError } from '../core/index.js'
import { isSha256, LocalFileStore, sha256Hex } from './index.js'

async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true })
  return entries
    .filter((e) => e.isFile())
    .map((e) => relative(dir, join(e.parentPath, e.name)))
    .sort()
}

describe('LocalFileStore', () => {
  let dataDir: string
  let store: LocalFileStore

  beforeEach(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'e-akimat-files-'))
    store = new LocalFileStore(dataDir)
  })
  afterEach(async () => {
    await rm(dataDir, { recursive: true, force: true })
  })

  const bytes = new TextEncoder().encode('Техникалық тапсырма, нұсқа 1\n')
  const hash = sha256Hex(bytes)

  it('stores content under blobs/<aa>/<bb>/<sha256> and reads it back', async () => {
    expect(await store.has(hash)).toBe(false)
    const stored = await store.put(bytes)
    expect(stored).toEqual({ sha256: hash, size: bytes.byteLength })
    expect(isSha256(stored.sha256)).toBe(true)
    expect(await listFiles(dataDir)).toEqual([
      `blobs/${hash.slice(0, 2)}/${hash.slice(2, 4)}/${hash}`,
    ])
    expect(store.pathOf(hash)).toBe(
      join(dataDir, 'blobs', hash.slice(0, 2), hash.slice(2, 4), hash),
    )
    expect(await store.has(hash)).toBe(true)
    expect(Buffer.from(await store.get(hash)).toString('utf8')).toBe(
      'Техникалық тапсырма, нұсқа 1\n',
    )
  })

  it('keeps one blob for the same content, also when put concurrently, and leaves no temp files', async () => {
    const other = new TextEncoder().encode('басқа файл')
    const results = await Promise.all([
      ...Array.from({ length: 8 }, () => store.put(bytes)),
      store.put(other),
      store.put(new Uint8Array(0)),
    ])
    expect(new Set(results.map((r) => r.sha256)).size).toBe(3)
    await store.put(bytes)
    const files = await listFiles(dataDir)
    expect(files).toHaveLength(3)
    for (const file of files)
      expect(file).toMatch(/^blobs\/[0-9a-f]{2}\/[0-9a-f]{2}\/[0-9a-f]{64}$/)
    expect(await store.get(sha256Hex(new Uint8Array(0)))).toEqual(new Uint8Array(0))
  })

  it('refuses anything but a lower-case hex SHA-256, before touching the disk', async () => {
    for (const bad of [
      '../../etc/passwd',
      hash.toUpperCase(),
      hash.slice(0, 63),
      `${hash}0`,
      `../${hash.slice(3)}`,
      '',
    ]) {
      await expect(store.get(bad), bad).rejects.toBeInstanceOf(InputError)
      await expect(store.has(bad), bad).rejects.toMatchObject({ messageKey: 'files.error.hash' })
      expect(() => store.pathOf(bad)).toThrow(InputError)
    }
  })

  it('answers NotFoundError for a well-formed hash that is not stored', async () => {
    const missing = sha256Hex(new TextEncoder().encode('жоқ'))
    const error = await store.get(missing).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(NotFoundError)
    expect(error).toMatchObject({ messageKey: 'files.error.notFound', params: { sha256: missing } })
  })
})
