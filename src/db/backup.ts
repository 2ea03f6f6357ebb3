/**
 * @module
 * Backup and restore of a whole installation: the database and the uploaded files, in one tar
 * archive.
 *
 * - SQLite: SQLite's online backup of the live file (the server may keep running and writing),
 *   checked with `PRAGMA integrity_check`.
 * - PostgreSQL: `pg_dump --format=custom` of the database (or of the schema that DATABASE_URL
 *   selects with `options=-c search_path=…`), restored with `pg_restore --clean --if-exists
 *   --single-transaction`. The password goes to the tools in their environment, never on the
 *   command line.
 * - Files: the blobs of DATA_DIR, copied after the database, so every file a backed-up row names
 *   is in the archive (a file is stored before the row that names it commits). A blob's name is
 *   its SHA-256, so restore checks every file against its name.
 *
 * The archive: `manifest.json` (format, version, backend, migrations, the database part's
 * SHA-256, row counts on SQLite), `database.sqlite` or `database.pgdump`, then `blobs/aa/bb/…`.
 * Restore reads and checks all of it in a temporary folder before it touches anything, refuses a
 * database that holds data unless forced, and replaces the database in one step (a rename on
 * SQLite, one transaction on PostgreSQL).
 */
import { spawn } from 'node:child_process'
import { createHash } from 'node:crypto'
import { createReadStream, existsSync } from 'node:fs'
import {
  copyFile,
  mkdir,
  mkdtemp,
  open,
  readdir,
  readFile,
  rename,
  rm,
  stat,
  writeFile,
} from 'node:fs/promises'
import { basename, dirname, join } from 'node:path'
import SqliteDatabase from 'better-sqlite3'
import { sql } from 'kysely'
import * as tar from 'tar'
import { APP_VERSION, type DatabaseConfig, InputError } from '../core/index.js'
import type { Backend, DatabaseHandle } from './connection.js'
import { tableShapes } from './copy.js'
import { migrationStatus } from './migrator.js'

export const BACKUP_FORMAT = 'e-akimat-backup'
export const BACKUP_FORMAT_VERSION = 1

/** What `manifest.json` says of an archive. */
export interface BackupManifest {
  format: typeof BACKUP_FORMAT
  formatVersion: number
  appVersion: string
  backend: Backend
  createdAt: string
  migrations: string[]
  database: { file: string; sha256: string; bytes: number }
  /** Rows per table (SQLite: counted in the copy; PostgreSQL: null, the dump is its own record). */
  tables: Record<string, number> | null
  files: { count: number; bytes: number }
}

export type BackupProgress = (step: string, done?: number, total?: number) => void

/** Where the data of an installation is. */
export interface Installation {
  config: DatabaseConfig
  /** DATA_DIR: the uploaded files are under `blobs/`. */
  dataDir: string
}

const SHA256_NAME = /^[0-9a-f]{64}$/

/**
 * Writes a backup of the installation to `file` (replaced only when complete). `handle` is an
 * open connection to the same database (for the migrations and, on PostgreSQL, the server version).
 */
export async function backupInstallation(
  handle: DatabaseHandle,
  installation: Installation,
  file: string,
  progress: BackupProgress = () => {},
): Promise<BackupManifest> {
  const work = await mkdtemp(join(dirname(file), `.${basename(file)}.`))
  try {
    const migrations = (await migrationStatus(handle))
      .filter((m) => m.executedAt)
      .map((m) => m.name)
    let database: BackupManifest['database']
    let tables: BackupManifest['tables'] = null
    if (installation.config.kind === 'sqlite') {
      progress('database')
      const target = join(work, 'database.sqlite')
      const source = new SqliteDatabase(installation.config.file, { fileMustExist: true })
      try {
        source.pragma('busy_timeout = 5000')
        await source.backup(target)
      } finally {
        source.close()
      }
      tables = checkSqliteCopy(target)
      database = { file: 'database.sqlite', ...(await digest(target)) }
    } else {
      progress('database')
      const target = join(work, 'database.pgdump')
      await checkPgDumpVersion(handle)
      const { url, env, schema } = pgToolTarget(installation.config.url)
      await run(
        'pg_dump',
        [
          '--format=custom',
          '--no-owner',
          ...(schema ? [`--schema=${schema}`] : []),
          `--file=${target}`,
          `--dbname=${url}`,
        ],
        env,
      )
      database = { file: 'database.pgdump', ...(await digest(target)) }
    }

    progress('files')
    const blobs = await listBlobs(join(installation.dataDir, 'blobs'))
    let bytes = 0
    for (const blob of blobs) bytes += blob.bytes
    const manifest: BackupManifest = {
      format: BACKUP_FORMAT,
      formatVersion: BACKUP_FORMAT_VERSION,
      appVersion: APP_VERSION,
      backend: installation.config.kind,
      createdAt: new Date().toISOString(),
      migrations,
      database,
      tables,
      files: { count: blobs.length, bytes },
    }
    await writeFile(join(work, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`)

    progress('archive')
    const partial = join(work, 'archive.tar')
    await tar.c({ file: partial, cwd: work, portable: true }, ['manifest.json', database.file])
    if (blobs.length) {
      await tar.r(
        { file: partial, cwd: installation.dataDir, portable: true },
        blobs.map((b) => join('blobs', b.relative)),
      )
    }
    await syncFile(partial)
    await rename(partial, file)
    return manifest
  } finally {
    await rm(work, { recursive: true, force: true })
  }
}

export interface RestoreOptions {
  /** Replace a database that holds data (and, on SQLite, one that looks in use). */
  force?: boolean
}

/**
 * Restores `file` into the installation: checks the whole archive first, then replaces the
 * database and adds the files. Refuses (InputError, nothing changed) a damaged archive, another
 * backend's archive, or a database that holds data without `force`.
 */
export async function restoreInstallation(
  installation: Installation,
  file: string,
  openTarget: () => Promise<DatabaseHandle>,
  options: RestoreOptions = {},
  progress: BackupProgress = () => {},
): Promise<BackupManifest> {
  if (!existsSync(file)) throw new InputError(`no backup file ${file}`)
  const workParent =
    installation.config.kind === 'sqlite' ? dirname(installation.config.file) : dirname(file)
  await mkdir(workParent, { recursive: true })
  const work = await mkdtemp(join(workParent, '.e-akimat-restore-'))
  try {
    progress('read')
    try {
      await tar.x({
        file,
        cwd: work,
        strict: true,
        filter: (path) =>
          path === 'manifest.json' ||
          path === 'database.sqlite' ||
          path === 'database.pgdump' ||
          /^blobs\/[0-9a-f]{2}\/[0-9a-f]{2}\/[0-9a-f]{64}$/.test(path) ||
          /^blobs\/([0-9a-f]{2}\/?)?$|^blobs\/[0-9a-f]{2}\/[0-9a-f]{2}\/?$/.test(path),
      })
    } catch (error) {
      throw new InputError(`${file} is not a readable e-akimat backup: ${(error as Error).message}`)
    }
    const manifest = await readManifest(work, file)
    if (manifest.backend !== installation.config.kind) {
      throw new InputError(
        `${file} is a backup of a ${manifest.backend} database; this installation uses ${installation.config.kind} (use "db copy" to move between backends)`,
      )
    }
    const databaseFile = join(work, manifest.database.file)
    const actual = await digest(databaseFile).catch(() => undefined)
    if (!actual || actual.sha256 !== manifest.database.sha256) {
      throw new InputError(`${file} is damaged: its database part does not match its manifest`)
    }
    progress('check files')
    const blobs = await listBlobs(join(work, 'blobs'))
    if (blobs.length !== manifest.files.count) {
      throw new InputError(
        `${file} is damaged: it holds ${blobs.length} files, its manifest says ${manifest.files.count}`,
      )
    }
    for (const blob of blobs) {
      const { sha256 } = await digest(join(work, 'blobs', blob.relative))
      if (sha256 !== blob.name) {
        throw new InputError(`${file} is damaged: the file ${blob.name} does not match its name`)
      }
    }
    if (installation.config.kind === 'sqlite') checkSqliteCopy(databaseFile, manifest.tables)

    // The target must hold no data, unless the operator says to replace it.
    const existing = await targetRows(openTarget, installation.config)
    if (existing && !options.force) {
      throw new InputError(
        `the database holds data (${existing}); restoring would replace it: add --force to do so`,
      )
    }

    progress('database')
    if (installation.config.kind === 'sqlite') {
      const target = installation.config.file
      const inUse = ['-wal', '-shm'].filter((suffix) => existsSync(`${target}${suffix}`))
      if (inUse.length && !options.force) {
        throw new InputError(
          `${target} looks in use (${inUse.map((s) => basename(target) + s).join(', ')} exist): stop the server first, or add --force after a crash`,
        )
      }
      const staged = join(work, 'staged.sqlite')
      await copyFile(databaseFile, staged)
      await syncFile(staged)
      // A write-ahead log of the old database must not be applied to the restored one.
      for (const suffix of ['-wal', '-shm']) await rm(`${target}${suffix}`, { force: true })
      await rename(staged, target)
    } else {
      const { url, env } = pgToolTarget(installation.config.url)
      await run(
        'pg_restore',
        [
          '--clean',
          '--if-exists',
          '--no-owner',
          '--single-transaction',
          `--dbname=${url}`,
          databaseFile,
        ],
        env,
      )
    }

    progress('files', 0, blobs.length)
    let done = 0
    for (const blob of blobs) {
      const target = join(installation.dataDir, 'blobs', blob.relative)
      const present = await stat(target).catch(() => undefined)
      if (!present || present.size !== blob.bytes) {
        await mkdir(dirname(target), { recursive: true })
        const staged = `${target}.${process.pid}.restore.tmp`
        await copyFile(join(work, 'blobs', blob.relative), staged)
        await syncFile(staged)
        await rename(staged, target)
      }
      progress('files', ++done, blobs.length)
    }
    return manifest
  } finally {
    await rm(work, { recursive: true, force: true })
  }
}

/** Reads and checks the manifest of an unpacked archive. */
async function readManifest(work: string, file: string): Promise<BackupManifest> {
  let manifest: BackupManifest
  try {
    manifest = JSON.parse(await readFile(join(work, 'manifest.json'), 'utf8'))
  } catch {
    throw new InputError(`${file} is not an e-akimat backup: it has no readable manifest.json`)
  }
  if (manifest?.format !== BACKUP_FORMAT) {
    throw new InputError(`${file} is not an e-akimat backup`)
  }
  if (manifest.formatVersion > BACKUP_FORMAT_VERSION) {
    throw new InputError(
      `${file} was written by a newer e-akimat (backup format ${manifest.formatVersion}); upgrade first`,
    )
  }
  if (!['database.sqlite', 'database.pgdump'].includes(manifest.database?.file)) {
    throw new InputError(`${file} is damaged: its manifest names no database part`)
  }
  return manifest
}

/** "table: N rows" of the first table with rows, or null when the database holds no data. */
async function targetRows(
  openTarget: () => Promise<DatabaseHandle>,
  config: DatabaseConfig,
): Promise<string | null> {
  if (config.kind === 'sqlite' && !existsSync(config.file)) return null
  const handle = await openTarget()
  try {
    for (const shape of await tableShapes(handle)) {
      const row = await sql<{ n: number }>`
        select count(*) as n from ${sql.table(shape.name)}
      `.execute(handle.db)
      const n = Number(row.rows[0]?.n ?? 0)
      if (n > 0) return `${shape.name} has ${n} rows`
    }
    return null
  } finally {
    await handle.close()
  }
}

/** Integrity check of a SQLite copy, and its rows per table (compared with `expected` if given). */
function checkSqliteCopy(
  file: string,
  expected?: Record<string, number> | null,
): Record<string, number> {
  const copy = new SqliteDatabase(file, { readonly: true, fileMustExist: true })
  try {
    const check = copy.pragma('integrity_check', { simple: true })
    if (check !== 'ok')
      throw new InputError(`the database copy fails its integrity check: ${check}`)
    const names = copy
      .prepare(
        "select name from sqlite_master where type = 'table' and name not like 'sqlite_%' order by name",
      )
      .pluck()
      .all() as string[]
    const counts: Record<string, number> = {}
    for (const name of names) {
      counts[name] = copy
        .prepare(`select count(*) from "${name.replaceAll('"', '""')}"`)
        .pluck()
        .get() as number
    }
    if (expected) {
      for (const [name, rows] of Object.entries(expected)) {
        if (counts[name] !== rows) {
          throw new InputError(
            `the backup is damaged: ${name} has ${counts[name] ?? 0} rows, its manifest says ${rows}`,
          )
        }
      }
    }
    return counts
  } finally {
    copy.close()
  }
}

interface Blob {
  name: string
  /** aa/bb/<sha256> */
  relative: string
  bytes: number
}

/** The blobs under `root` (`aa/bb/<sha256>`); temporary and foreign files are left out. */
async function listBlobs(root: string): Promise<Blob[]> {
  const blobs: Blob[] = []
  const level = async (path: string) =>
    (await readdir(path, { withFileTypes: true }).catch(() => [])).filter(
      (e) => e.isDirectory() && /^[0-9a-f]{2}$/.test(e.name),
    )
  for (const a of await level(root)) {
    for (const b of await level(join(root, a.name))) {
      const folder = join(root, a.name, b.name)
      for (const entry of await readdir(folder, { withFileTypes: true })) {
        if (!entry.isFile() || !SHA256_NAME.test(entry.name)) continue
        const { size } = await stat(join(folder, entry.name))
        blobs.push({ name: entry.name, relative: join(a.name, b.name, entry.name), bytes: size })
      }
    }
  }
  return blobs.sort((x, y) => x.name.localeCompare(y.name))
}

async function digest(file: string): Promise<{ sha256: string; bytes: number }> {
  const hash = createHash('sha256')
  let bytes = 0
  for await (const chunk of createReadStream(file)) {
    hash.update(chunk as Buffer)
    bytes += (chunk as Buffer).length
  }
  return { sha256: hash.digest('hex'), bytes }
}

async function syncFile(file: string): Promise<void> {
  const handle = await open(file, 'r+')
  try {
    await handle.sync()
  } finally {
    await handle.close()
  }
}

/**
 * The connection for pg_dump/pg_restore: the URL without its password (given as PGPASSWORD) and
 * without `options`, and the schema that `options=-c search_path=…` selects, if any.
 */
export function pgToolTarget(raw: string): {
  url: string
  env: NodeJS.ProcessEnv
  schema: string | null
} {
  const url = new URL(raw)
  const env: NodeJS.ProcessEnv = { ...process.env }
  if (url.password) env.PGPASSWORD = decodeURIComponent(url.password)
  url.password = ''
  const options = url.searchParams.get('options')
  const schema = options ? (/search_path=([A-Za-z0-9_]+)/.exec(options)?.[1] ?? null) : null
  if (schema) {
    url.searchParams.delete('options')
    env.PGOPTIONS = `-c search_path=${schema}`
  }
  return { url: url.href, env, schema }
}

/** pg_dump must be of the server's major version or newer. */
async function checkPgDumpVersion(handle: DatabaseHandle): Promise<void> {
  const version = await run('pg_dump', ['--version'], process.env).catch((error: Error) => {
    throw new InputError(
      `pg_dump is needed to back up PostgreSQL and could not be run (${error.message}); install the PostgreSQL client (Debian: postgresql-client)`,
    )
  })
  const tool = Number(/(\d+)(?:\.\d+)?/.exec(version)?.[1])
  const server = await sql<{ v: string }>`show server_version_num`.execute(handle.db)
  const serverMajor = Math.floor(Number(server.rows[0]?.v) / 10000)
  if (tool < serverMajor) {
    throw new InputError(
      `pg_dump ${tool} is older than the server (PostgreSQL ${serverMajor}): install the client of version ${serverMajor} or newer`,
    )
  }
}

/** Runs a tool; resolves with its stdout, rejects with its stderr. */
function run(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { env, stdio: ['ignore', 'pipe', 'pipe'] })
    let out = ''
    let err = ''
    child.stdout.on('data', (d) => {
      out += d
    })
    child.stderr.on('data', (d) => {
      err += d
    })
    child.on('error', reject)
    child.on('close', (code) => {
      if (code === 0) resolve(out)
      else reject(new InputError(`${command} failed (exit ${code}): ${err.trim().slice(0, 2000)}`))
    })
  })
}
