/**
 * @module
 * A strict reader of ZIP archives' structure, and bounded unpacking of their entries: what JSZip
 * (and mammoth, which uses it) would unpack is measured here first, with a cap on the output, so a
 * "zip bomb" (one that declares small sizes and inflates to gigabytes) is refused without ever
 * being inflated in full.
 *
 * Only archives read the same way by this reader and by JSZip are accepted: one central directory,
 * directly before the end record (no prepended data, no records beyond the declared count), no
 * ZIP64, no encryption, entries stored (method 0) or deflated (method 8).
 */
import { inflateRawSync } from 'node:zlib'

/** One entry of the central directory. */
export interface ZipEntry {
  /** The name in the central directory (UTF-8). */
  name: string
  /** 0 stored, 8 deflated; anything else is refused by `inflateZipEntry`. */
  method: number
  /** The general purpose bit flag (bit 0: encrypted). */
  flags: number
  compressedSize: number
  /** The uncompressed size the archive declares. */
  size: number
  /** Offset of the entry's data (after its local header) in the archive. */
  dataOffset: number
  directory: boolean
}

const END_SIGNATURE = 0x06054b50
const CENTRAL_SIGNATURE = 0x02014b50
const LOCAL_SIGNATURE = 0x04034b50

/**
 * The entries of the archive's central directory, or undefined when the archive is not one this
 * module accepts: not a ZIP, damaged, ZIP64, split, with data before it or a central directory
 * that is not exactly where and as long as the end record says.
 */
export function readZipDirectory(bytes: Uint8Array): ZipEntry[] | undefined {
  if (bytes.byteLength < 22) return undefined
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  // The last end record, as JSZip finds it; a comment is at most 65,535 bytes.
  const lowest = Math.max(0, bytes.byteLength - 22 - 0xffff)
  let end = -1
  for (let i = bytes.byteLength - 22; i >= lowest; i--) {
    if (view.getUint32(i, true) === END_SIGNATURE) {
      end = i
      break
    }
  }
  if (end < 0) return undefined
  const disk = view.getUint16(end + 4, true)
  const directoryDisk = view.getUint16(end + 6, true)
  const countOnDisk = view.getUint16(end + 8, true)
  const count = view.getUint16(end + 10, true)
  const directorySize = view.getUint32(end + 12, true)
  const directoryOffset = view.getUint32(end + 16, true)
  if (disk !== 0 || directoryDisk !== 0 || countOnDisk !== count || count === 0xffff) {
    return undefined
  }
  // JSZip shifts every offset when the directory does not end at the end record: refuse that.
  if (directoryOffset + directorySize !== end) return undefined
  const decoder = new TextDecoder('utf-8')
  const entries: ZipEntry[] = []
  let offset = directoryOffset
  for (let n = 0; n < count; n++) {
    if (offset + 46 > end || view.getUint32(offset, true) !== CENTRAL_SIGNATURE) return undefined
    const flags = view.getUint16(offset + 8, true)
    const method = view.getUint16(offset + 10, true)
    const compressedSize = view.getUint32(offset + 20, true)
    const size = view.getUint32(offset + 24, true)
    const nameLength = view.getUint16(offset + 28, true)
    const extraLength = view.getUint16(offset + 30, true)
    const commentLength = view.getUint16(offset + 32, true)
    const entryDisk = view.getUint16(offset + 34, true)
    const external = view.getUint32(offset + 38, true)
    const local = view.getUint32(offset + 42, true)
    const next = offset + 46 + nameLength + extraLength + commentLength
    if (next > end || entryDisk !== 0) return undefined
    // 0xffffffff means the real value is in a ZIP64 extra field: not supported.
    if (compressedSize === 0xffffffff || size === 0xffffffff || local === 0xffffffff) {
      return undefined
    }
    if (local + 30 > directoryOffset || view.getUint32(local, true) !== LOCAL_SIGNATURE) {
      return undefined
    }
    const dataOffset =
      local + 30 + view.getUint16(local + 26, true) + view.getUint16(local + 28, true)
    if (dataOffset + compressedSize > directoryOffset) return undefined
    const name = decoder.decode(bytes.subarray(offset + 46, offset + 46 + nameLength))
    entries.push({
      name,
      method,
      flags,
      compressedSize,
      size,
      dataOffset,
      directory: name.endsWith('/') || (external & 0x10) !== 0,
    })
    offset = next
  }
  // Exactly the declared records: JSZip reads every record that follows, declared or not.
  return offset === end ? entries : undefined
}

/** Why an entry could not be unpacked within its bounds. */
export class ZipEntryError extends Error {
  constructor(
    readonly reason: 'unsupported' | 'overLimit' | 'sizeMismatch' | 'corrupt',
    readonly entry: string,
    message: string,
  ) {
    super(message)
    this.name = 'ZipEntryError'
  }
}

/**
 * The entry's uncompressed bytes, never more than `limit` (and never more than the size the
 * archive declares): inflating stops as soon as the output would pass either. Throws a
 * `ZipEntryError`: 'unsupported' (encrypted, or neither stored nor deflated), 'overLimit' (declared
 * size over `limit`), 'sizeMismatch' (the real size is not the declared one) or 'corrupt'.
 */
export function inflateZipEntry(bytes: Uint8Array, entry: ZipEntry, limit: number): Buffer {
  const fail = (reason: ZipEntryError['reason'], message: string) =>
    new ZipEntryError(reason, entry.name, `${entry.name}: ${message}`)
  if ((entry.flags & 0x1) !== 0) throw fail('unsupported', 'encrypted')
  if (entry.method !== 0 && entry.method !== 8) {
    throw fail('unsupported', `compression method ${entry.method}`)
  }
  if (entry.size > limit) throw fail('overLimit', `declares ${entry.size} bytes`)
  const data = Buffer.from(bytes.buffer, bytes.byteOffset + entry.dataOffset, entry.compressedSize)
  let output: Buffer
  if (entry.method === 0) {
    output = data
  } else {
    try {
      // One byte more than declared: reaching it proves the archive lies, without going further.
      output = inflateRawSync(data, { maxOutputLength: entry.size + 1 })
    } catch (error) {
      if (error instanceof RangeError) {
        throw fail('sizeMismatch', `inflates to more than the declared ${entry.size} bytes`)
      }
      throw fail('corrupt', error instanceof Error ? error.message : 'cannot be inflated')
    }
  }
  if (output.byteLength !== entry.size) {
    throw fail('sizeMismatch', `is ${output.byteLength} bytes, declares ${entry.size}`)
  }
  return output
}

/** The result of `checkZipContents`. */
export type ZipContents =
  /** `tags`: how many `<` the XML parts hold together, an upper bound of their elements. */
  | { ok: true; entries: ZipEntry[]; total: number; tags: number }
  | { ok: false; reason: 'structure' | 'tooManyEntries'; count?: number }
  | { ok: false; reason: 'tooLarge'; declared: number }
  | {
      ok: false
      reason: Exclude<ZipEntryError['reason'], 'overLimit'>
      entry: string
      detail: string
    }

/**
 * Unpacks every entry of the archive, one at a time and keeping none, to prove that all of them
 * unpack to what the archive declares and that the real total is at most `maxTotal` bytes. At
 * most one entry's output (≤ `maxTotal`) is in memory at a time.
 */
export function checkZipContents(
  bytes: Uint8Array,
  limits: { maxTotal: number; maxEntries: number },
): ZipContents {
  const entries = readZipDirectory(bytes)
  if (!entries) return { ok: false, reason: 'structure' }
  if (entries.length > limits.maxEntries) {
    return { ok: false, reason: 'tooManyEntries', count: entries.length }
  }
  const declared = entries.reduce((sum, e) => sum + e.size, 0)
  if (declared > limits.maxTotal) return { ok: false, reason: 'tooLarge', declared }
  let total = 0
  let tags = 0
  for (const entry of entries) {
    try {
      const data = inflateZipEntry(bytes, entry, limits.maxTotal - total)
      total += data.byteLength
      if (/\.(xml|rels)$/i.test(entry.name)) tags += countTags(data)
    } catch (error) {
      if (!(error instanceof ZipEntryError)) throw error
      // Not reached while every entry matches its declared size; kept for safety.
      if (error.reason === 'overLimit') return { ok: false, reason: 'tooLarge', declared }
      return { ok: false, reason: error.reason, entry: error.entry, detail: error.message }
    }
  }
  return { ok: true, entries, total, tags }
}

/** How many `<` a part holds: an upper bound of its XML elements. */
function countTags(data: Buffer): number {
  let count = 0
  let at = data.indexOf(0x3c)
  while (at !== -1) {
    count++
    at = data.indexOf(0x3c, at + 1)
  }
  return count
}
