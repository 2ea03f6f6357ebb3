/**
 * @module
 * Content-addressed file store: a file is kept once, under the SHA-256 of its bytes, so the same
 * upload twice is one blob and a stored file never changes. Callers keep the hash (and the
 * original name, size and type) in their own tables; the store knows nothing but bytes.
 *
 * Layout: `<dataDir>/blobs/<aa>/<bb>/<sha256>`, `aa` and `bb` the first two pairs of hex digits.
 * A put writes a temporary file in the target folder, fsyncs it and renames it into place, so a
 * reader sees the whole file or none, and concurrent puts of the same content are harmless.
 */
import { createHash, randomBytes } from 'node:crypto'
import { mkdir, open, readFile, rename, stat, unlink } from 'node:fs/promises'
import { join } from 'node:path'
import { InputError, NotFoundError } from '../core/index.js'

/** What a put returns: the hash that names the file and its size in bytes. */
export interface StoredFile {
  /** Lower-case hex SHA-256 of the bytes. */
  sha256: string
  size: number
}

/** Where uploaded files live. `LocalFileStore` keeps them on disk; tests may use another. */
export interface FileStore {
  /** Stores the bytes (once per content) and returns their hash and size. */
  put(bytes: Uint8Array): Promise<StoredFile>
  /** The bytes stored under `sha256`; InputError for a malformed hash, NotFoundError if absent. */
  get(sha256: string): Promise<Uint8Array>
  /** Whether a file is stored under `sha256`; InputError for a malformed hash. */
  has(sha256: string): Promise<boolean>
}

const SHA256_PATTERN = /^[0-9a-f]{64}$/

/** True for a lower-case hex SHA-256 (64 characters), the only form the store accepts. */
export function isSha256(value: unknown): value is string {
  return typeof value === 'string' && SHA256_PATTERN.test(value)
}

/** Hex SHA-256 of the bytes, as the store names them. */
export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex')
}

function checkHash(sha256: unknown): string {
  if (!isSha256(sha256)) {
    throw new InputError('not a SHA-256 file hash', 'files.error.hash')
  }
  return sha256
}

const isErrno = (error: unknown, code: string) =>
  error instanceof Error && (error as NodeJS.ErrnoException).code === code

/** The file store on the local disk, under `<dataDir>/blobs`. */
export class LocalFileStore implements FileStore {
  /** The folder that holds the blobs. */
  readonly root: string

  constructor(readonly dataDir: string) {
    this.root = join(dataDir, 'blobs')
  }

  /**
   * The path of the blob named `sha256` (whether or not it exists), for streaming it. The hash is
   * checked first, so no other path can come out of here.
   */
  pathOf(sha256: string): string {
    const hash = checkHash(sha256)
    return join(this.root, hash.slice(0, 2), hash.slice(2, 4), hash)
  }

  async put(bytes: Uint8Array): Promise<StoredFile> {
    const sha256 = sha256Hex(bytes)
    const size = bytes.byteLength
    const target = this.pathOf(sha256)
    const existing = await stat(target).catch((error: unknown) => {
      if (isErrno(error, 'ENOENT')) return undefined
      throw error
    })
    // Same name, same content: nothing to write. (A size mismatch can only be damage: replace.)
    if (existing?.isFile() && existing.size === size) return { sha256, size }

    const folder = join(target, '..')
    await mkdir(folder, { recursive: true })
    const temporary = join(
      folder,
      `.${sha256}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`,
    )
    try {
      const handle = await open(temporary, 'wx', 0o644)
      try {
        await handle.writeFile(bytes)
        await handle.sync()
      } finally {
        await handle.close()
      }
      await rename(temporary, target)
    } catch (error) {
      await unlink(temporary).catch(() => {})
      throw error
    }
    await syncFolder(folder)
    return { sha256, size }
  }

  async get(sha256: string): Promise<Uint8Array> {
    const path = this.pathOf(sha256)
    try {
      const buffer = await readFile(path)
      return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength)
    } catch (error) {
      if (isErrno(error, 'ENOENT')) {
        throw new NotFoundError(`no stored file ${sha256}`, 'files.error.notFound', { sha256 })
      }
      throw error
    }
  }

  async has(sha256: string): Promise<boolean> {
    const path = this.pathOf(sha256)
    try {
      return (await stat(path)).isFile()
    } catch (error) {
      if (isErrno(error, 'ENOENT')) return false
      throw error
    }
  }
}

/** Makes the rename durable. Not every platform lets a folder be opened for fsync: best effort. */
async function syncFolder(folder: string): Promise<void> {
  try {
    const handle = await open(folder, 'r')
    try {
      await handle.sync()
    } finally {
      await handle.close()
    }
  } catch {
    // Windows and some file systems refuse; the file itself is already synced.
  }
}
