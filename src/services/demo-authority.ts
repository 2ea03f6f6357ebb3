/**
 * @module
 * The local demo authority in `DATA_DIR/pki/`, so a fresh machine can sign and check signatures
 * without NCA RK: `demo-ca.pem` + `demo-ca.key` (made on first use), `revoked.json` (demo
 * certificates revoked with `services demo-certificate --revoked`) and a revocation list issued
 * afresh from it by `demoTrust`. Not a production CA (see `pki.ts`).
 *
 * Files are made safe for several processes starting at once: one process at a time creates
 * them (an exclusive lock file, `*.lock`, removed when done or when older than 30 s), each file
 * is written to a temporary name and renamed into place, the certificate last, and everyone
 * then reads what is on disk. Keys are written with mode 0600.
 */
import { randomBytes } from 'node:crypto'
import { mkdir, open, readFile, rename, rm, stat } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { InputError } from '../core/index.js'
import {
  type Authority,
  type CertificateRequest,
  checkCertificateRequest,
  createAuthority,
  type IssuedCertificate,
  issueCertificate,
  issueRevocationList,
} from './pki.js'
import type { TrustMaterial } from './signature.js'
import { keyAlgorithmOf, pemBlocks } from './x509.js'

export const DEMO_CA_CERTIFICATE = 'demo-ca.pem'
export const DEMO_CA_KEY = 'demo-ca.key'
export const DEMO_REVOCATIONS = 'revoked.json'

/** The common name of the demo authority. */
export const DEMO_CA_NAME = 'e-akimat demo certification authority (not for real use)'

const STALE_LOCK_MS = 30_000
const WAIT_LIMIT_MS = 60_000
const DAY = 86_400_000

/** The folder of keys and certificates: `<dataDir>/pki`. */
export function pkiDirectory(dataDir: string): string {
  return join(dataDir, 'pki')
}

/** Creates `<dataDir>/pki` (mode 0700) and the data folder above it if needed. */
export async function makePkiDirectory(dir: string): Promise<void> {
  await mkdir(dirname(dir), { recursive: true })
  await mkdir(dir, { recursive: true, mode: 0o700 })
}

const isErrno = (error: unknown, code: string) =>
  error instanceof Error && (error as NodeJS.ErrnoException).code === code

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/** Writes a file whole or not at all: a temporary file in the same folder, fsynced, renamed. */
export async function writeFileAtomic(
  path: string,
  content: string,
  mode: number = 0o644,
): Promise<void> {
  const temporary = `${path}.${randomBytes(6).toString('hex')}.tmp`
  const handle = await open(temporary, 'wx', mode)
  try {
    await handle.writeFile(content)
    await handle.sync()
  } finally {
    await handle.close()
  }
  try {
    await rename(temporary, path)
  } catch (error) {
    await rm(temporary, { force: true })
    throw error
  }
}

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path)
    return true
  } catch (error) {
    if (isErrno(error, 'ENOENT')) return false
    throw error
  }
}

/**
 * Runs `work` while holding the lock file `lockPath` (created exclusively; a lock older than
 * 30 s is taken to be left by a crashed process and removed). Waits up to a minute for it.
 */
export async function withFileLock<T>(lockPath: string, work: () => Promise<T>): Promise<T> {
  const deadline = Date.now() + WAIT_LIMIT_MS
  for (;;) {
    try {
      const handle = await open(lockPath, 'wx', 0o600)
      await handle.close()
      break
    } catch (error) {
      if (!isErrno(error, 'EEXIST')) throw error
    }
    const since = await stat(lockPath).then(
      (s) => Date.now() - s.mtimeMs,
      () => 0,
    )
    if (since > STALE_LOCK_MS) {
      await rm(lockPath, { force: true })
      continue
    }
    if (Date.now() > deadline) {
      throw new InputError(
        `${lockPath} has been held for a minute; remove it if nothing is running`,
      )
    }
    await sleep(25 + Math.random() * 50)
  }
  try {
    return await work()
  } finally {
    await rm(lockPath, { force: true })
  }
}

/**
 * Makes files once: if `marker` (the file written last) is missing, takes the lock, checks
 * again, and runs `create`.
 */
export async function createOnce(
  marker: string,
  lockPath: string,
  create: () => Promise<void>,
): Promise<void> {
  if (await exists(marker)) return
  await withFileLock(lockPath, async () => {
    if (!(await exists(marker))) await create()
  })
}

async function readText(path: string): Promise<string> {
  try {
    return await readFile(path, 'utf8')
  } catch (error) {
    throw new InputError(`${path} cannot be read: ${(error as Error).message}`)
  }
}

/**
 * Reads a PEM certificate and PKCS #8 key pair from disk as an Authority (its key type read
 * from the key).
 */
export async function readAuthority(certificatePath: string, keyPath: string): Promise<Authority> {
  const [certificate, privateKey] = await Promise.all([
    readText(certificatePath),
    readText(keyPath),
  ])
  const key = pemBlocks(privateKey).find((b) => b.label === 'PRIVATE KEY')
  if (!key) throw new InputError(`${keyPath} holds no PKCS #8 "PRIVATE KEY"`)
  try {
    return { certificate, privateKey, algorithm: keyAlgorithmOf(key.der) }
  } catch (error) {
    throw new InputError(`${keyPath}: ${(error as Error).message}`)
  }
}

/** The demo authority of this data folder, created on first use (ECDSA P-256, 20 years). */
export async function demoAuthority(dataDir: string): Promise<Authority> {
  const dir = pkiDirectory(dataDir)
  await makePkiDirectory(dir)
  const certificatePath = join(dir, DEMO_CA_CERTIFICATE)
  const keyPath = join(dir, DEMO_CA_KEY)
  await createOnce(certificatePath, join(dir, 'demo-ca.lock'), async () => {
    const authority = await createAuthority({ commonName: DEMO_CA_NAME })
    await writeFileAtomic(keyPath, authority.privateKey, 0o600)
    await writeFileAtomic(certificatePath, authority.certificate)
  })
  return readAuthority(certificatePath, keyPath)
}

/** A demo certificate recorded as revoked in `revoked.json`. */
export interface DemoRevocation {
  serialNumber: string
  revokedAt: string
  iin: string | null
  commonName: string
}

/** The demo revocations recorded so far (none when the file does not exist). */
export async function demoRevocations(dataDir: string): Promise<DemoRevocation[]> {
  const path = join(pkiDirectory(dataDir), DEMO_REVOCATIONS)
  let text: string
  try {
    text = await readFile(path, 'utf8')
  } catch (error) {
    if (isErrno(error, 'ENOENT')) return []
    throw error
  }
  let entries: unknown
  try {
    entries = JSON.parse(text)
  } catch {
    throw new InputError(`${path} is not JSON`)
  }
  if (
    !Array.isArray(entries) ||
    !entries.every(
      (e) =>
        typeof e?.serialNumber === 'string' &&
        /^[0-9a-f]{1,40}$/.test(e.serialNumber) &&
        typeof e.revokedAt === 'string' &&
        !Number.isNaN(Date.parse(e.revokedAt)),
    )
  ) {
    throw new InputError(`${path} is not a list of { serialNumber (hex), revokedAt (ISO date) }`)
  }
  return entries as DemoRevocation[]
}

/** Records a demo certificate as revoked (once per serial number). */
export async function revokeDemoCertificate(
  dataDir: string,
  revocation: DemoRevocation,
): Promise<void> {
  const dir = pkiDirectory(dataDir)
  await makePkiDirectory(dir)
  await withFileLock(join(dir, 'revoked.lock'), async () => {
    const entries = await demoRevocations(dataDir)
    if (entries.some((e) => e.serialNumber === revocation.serialNumber)) return
    entries.push(revocation)
    await writeFileAtomic(join(dir, DEMO_REVOCATIONS), `${JSON.stringify(entries, null, 2)}\n`)
  })
}

/**
 * Issues a certificate from the demo authority (see `issueCertificate`); with `revoked`, records
 * it in `revoked.json` at once, so the next `demoTrust` lists it.
 */
export async function issueDemoCertificate(
  dataDir: string,
  request: CertificateRequest & { revoked?: boolean },
): Promise<IssuedCertificate> {
  checkCertificateRequest(request)
  const authority = await demoAuthority(dataDir)
  const issued = await issueCertificate(authority, request)
  if (request.revoked) {
    await revokeDemoCertificate(dataDir, {
      serialNumber: issued.serialNumber,
      revokedAt: new Date().toISOString(),
      iin: request.iin,
      commonName: request.commonName,
    })
  }
  return issued
}

/**
 * Trust for the demo authority: its certificate and a revocation list issued now from
 * `revoked.json` (valid for a day). Pass `() => demoTrust(dataDir)` to `X509SignatureVerifier`
 * to pick up new revocations at every check.
 */
export async function demoTrust(dataDir: string): Promise<TrustMaterial> {
  const authority = await demoAuthority(dataDir)
  const revoked = await demoRevocations(dataDir)
  const now = Date.now()
  const crl = await issueRevocationList(authority, {
    revoked,
    thisUpdate: new Date(now - 5 * 60_000),
    nextUpdate: new Date(now + DAY),
  })
  return { certificates: [authority.certificate], crls: [crl] }
}
