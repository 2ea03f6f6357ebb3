/**
 * @module
 * Compares the blob folder of a `LocalFileStore` with the hashes the database refers to:
 * missing files (referenced, not on disk), orphaned blobs (on disk, referenced by nothing) and
 * leftover temporary files of interrupted puts. A sweep removes orphans and temporary files older
 * than a grace period, so an upload in flight (written, not yet committed) is never removed.
 */
import { readdir, stat, unlink } from 'node:fs/promises'
import { join } from 'node:path'
import { isSha256, type LocalFileStore } from './store.js'

/** One file found in the blob folder. */
export interface BlobEntry {
  path: string
  /** The hash for a blob; the file name for a temporary file. */
  name: string
  size: number
  modifiedAt: number
}

export interface BlobListing {
  blobs: BlobEntry[]
  temporary: BlobEntry[]
}

export interface FileCheck {
  /** Blobs stored. */
  stored: number
  /** Hashes referenced by the database. */
  referenced: number
  /** Referenced hashes with no blob, sorted. */
  missing: string[]
  /** Blobs no table refers to. */
  orphaned: BlobEntry[]
  /** Leftover temporary files of interrupted writes. */
  temporary: BlobEntry[]
}

/** One hour: an upload writes its blob before its row commits; that never takes this long. */
export const DEFAULT_SWEEP_GRACE_MS = 60 * 60 * 1000

async function entries(folder: string): Promise<string[]> {
  try {
    return await readdir(folder)
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return []
    throw error
  }
}

/**
 * Walks `<root>/<aa>/<bb>/` and lists the blobs and temporary files. `onFolder` is called once per
 * top-level folder (256 at most) with the count, for a progress bar.
 */
export async function listBlobs(
  store: LocalFileStore,
  onFolder?: (done: number, total: number) => void,
): Promise<BlobListing> {
  const listing: BlobListing = { blobs: [], temporary: [] }
  const top = (await entries(store.root)).filter((name) => /^[0-9a-f]{2}$/.test(name))
  let done = 0
  for (const first of top) {
    for (const second of await entries(join(store.root, first))) {
      const folder = join(store.root, first, second)
      for (const name of await entries(folder)) {
        const path = join(folder, name)
        const info = await stat(path).catch(() => undefined)
        if (!info?.isFile()) continue
        const entry = { path, name, size: info.size, modifiedAt: info.mtimeMs }
        if (name.endsWith('.tmp')) listing.temporary.push(entry)
        else if (isSha256(name) && name.startsWith(first + second)) listing.blobs.push(entry)
      }
    }
    done++
    onFolder?.(done, top.length)
  }
  return listing
}

/** Compares the blobs on disk with the hashes the database refers to. */
export async function checkFiles(
  store: LocalFileStore,
  referenced: Set<string>,
  onFolder?: (done: number, total: number) => void,
): Promise<FileCheck> {
  const listing = await listBlobs(store, onFolder)
  const present = new Set(listing.blobs.map((blob) => blob.name))
  return {
    stored: listing.blobs.length,
    referenced: referenced.size,
    missing: [...referenced].filter((hash) => !present.has(hash)).sort(),
    orphaned: listing.blobs.filter((blob) => !referenced.has(blob.name)),
    temporary: listing.temporary,
  }
}

export interface SweepResult {
  /** Orphaned blobs removed (or that would be, on a dry run). */
  orphaned: BlobEntry[]
  /** Temporary files removed (or that would be). */
  temporary: BlobEntry[]
  /** Orphans and temporary files kept because they are younger than the grace period. */
  kept: number
}

/**
 * Removes orphaned blobs and temporary files last modified more than `graceMs` ago. The
 * referenced hashes are loaded AFTER the folder walk, so a blob whose row committed during the
 * walk counts as referenced; the grace period covers uploads written but not yet committed.
 */
export async function sweepFiles(
  store: LocalFileStore,
  loadReferenced: () => Promise<Set<string>>,
  options: { graceMs?: number; dryRun?: boolean; now?: number } = {},
): Promise<SweepResult> {
  const graceMs = options.graceMs ?? DEFAULT_SWEEP_GRACE_MS
  const cutoff = (options.now ?? Date.now()) - graceMs
  const listing = await listBlobs(store)
  const referenced = await loadReferenced()
  const old = (entry: BlobEntry) => entry.modifiedAt <= cutoff
  const orphans = listing.blobs.filter((blob) => !referenced.has(blob.name))
  const result: SweepResult = {
    orphaned: orphans.filter(old),
    temporary: listing.temporary.filter(old),
    kept: 0,
  }
  result.kept =
    orphans.length + listing.temporary.length - result.orphaned.length - result.temporary.length
  if (!options.dryRun) {
    for (const entry of [...result.temporary, ...result.orphaned]) {
      await unlink(entry.path).catch((error: NodeJS.ErrnoException) => {
        if (error.code !== 'ENOENT') throw error
      })
    }
  }
  return result
}

/**
 * Removes temporary files of interrupted writes older than `graceMs` (default one hour); for
 * `serve` to call on start: `await removeStaleTemporaryFiles(new LocalFileStore(dataDir))`.
 * Returns how many were removed. Never touches a blob.
 */
export async function removeStaleTemporaryFiles(
  store: LocalFileStore,
  graceMs = DEFAULT_SWEEP_GRACE_MS,
): Promise<number> {
  const cutoff = Date.now() - graceMs
  const { temporary } = await listBlobs(store)
  let removed = 0
  for (const entry of temporary) {
    if (entry.modifiedAt > cutoff) continue
    await unlink(entry.path).catch(() => {})
    removed++
  }
  return removed
}
