/**
 * `services demo-certificate` and `services sign` as a user runs them (real processes, a fresh
 * data folder), checked with the real verifier and the demo authority's trust.
 *
 * Until `services` is attached to the program (by `registerServicesCommands`), the commands run
 * in a small stand-in program with the same exit-code rules; after that, the real CLI runs.
 */
import { spawn } from 'node:child_process'
import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildProgram } from '../src/cli/program.js'
import {
  certificateSubject,
  DEMO_CA_NAME,
  demoTrust,
  signDetached,
  X509SignatureVerifier,
} from '../src/services/index.js'
import { type CliResult, cliEnv, REPO_ROOT, runCli } from './support/cli.js'

const NO_DATABASE = { DATABASE_URL: 'postgres://postgres@127.0.0.1:1/test' }

const STAND_IN = `
import { Command } from 'commander'
import { isUserFacingError } from './src/core/index.js'
import { registerServicesPkiCommands } from './src/cli/commands/services-pki.js'
const program = new Command('e-akimat').exitOverride()
registerServicesPkiCommands(program.command('services').exitOverride())
try {
  await program.parseAsync(process.argv.slice(1), { from: 'user' })
} catch (error) {
  if (typeof error?.code === 'string' && error.code.startsWith('commander.')) {
    process.exitCode = error.exitCode === 0 ? 0 : 1
  } else if (isUserFacingError(error)) {
    process.stderr.write('e-akimat: ' + error.message + '\\n')
    process.exitCode = 1
  } else {
    process.stderr.write('e-akimat: internal error: ' + error?.stack + '\\n')
    process.exitCode = 2
  }
}
`

const servicesRegistered = buildProgram().commands.some((c) => c.name() === 'services')

function runStandIn(args: string[], env: Record<string, string>): Promise<CliResult> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', '--input-type=module', '-e', STAND_IN, ...args],
    { cwd: REPO_ROOT, env: cliEnv(env), stdio: ['ignore', 'pipe', 'pipe'] },
  )
  let stdout = ''
  let stderr = ''
  child.stdout.on('data', (d) => {
    stdout += d
  })
  child.stderr.on('data', (d) => {
    stderr += d
  })
  return new Promise((resolve, reject) => {
    child.on('error', reject)
    child.on('close', (code) => resolve({ code, stdout, stderr }))
  })
}

describe('services demo-certificate and sign', () => {
  let dataDir: string
  let out: string
  let document: string
  const env = () => ({ ...NO_DATABASE, DATA_DIR: dataDir })
  const run = (args: string[]) =>
    servicesRegistered
      ? runCli(['services', ...args], env())
      : runStandIn(['services', ...args], env())
  const documentBytes = Buffer.from('Өтініш: мұрағаттық анықтама беру\r\n\u0000binary tail', 'utf8')

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'e-akimat-pki-cli-'))
    out = join(dataDir, 'certificates')
    document = join(dataDir, 'application.json')
    await writeFile(document, documentBytes)
  })
  afterAll(async () => {
    await rm(dataDir, { recursive: true, force: true })
  })

  it('a demo certificate signs a file; the signature verifies with the demo trust', async () => {
    const issued = await run([
      'demo-certificate',
      '--iin',
      '900101300123',
      '--bin',
      '120340001234',
      '--name',
      'ТЕСТОВ ТЕСТ',
      '--out',
      out,
    ])
    expect(issued.stderr).toBe('')
    expect(issued.code).toBe(0)
    // With --bin the files are the company certificate's: IIN-BIN.
    const keyPath = join(out, '900101300123-120340001234.key.pem')
    const certificatePath = join(out, '900101300123-120340001234.cert.pem')
    expect(issued.stdout).toContain(`certificate: ${certificatePath}`)
    expect((await stat(keyPath)).mode & 0o777).toBe(0o600)
    const subject = certificateSubject(await readFile(certificatePath, 'utf8'))
    expect(subject).toMatchObject({ iin: '900101300123', bin: '120340001234' })
    expect(issued.stdout).toContain(`serial:      ${subject.serialNumber}`)

    const signed = await run([
      'sign',
      '--key',
      keyPath,
      '--cert',
      certificatePath,
      '--in',
      document,
    ])
    expect(signed.stderr).toBe('')
    expect(signed.code).toBe(0)
    expect(signed.stdout).toMatch(/^[A-Za-z0-9+/]+=*\n$/)

    const verifier = new X509SignatureVerifier(() => demoTrust(dataDir))
    expect(
      await verifier.verify({ signature: signed.stdout, data: new Uint8Array(documentBytes) }),
    ).toMatchObject({ ok: true, signer: { iin: '900101300123', commonName: 'ТЕСТОВ ТЕСТ' } })
    const changed = Buffer.from(documentBytes)
    changed[changed.length - 1] = 0x21
    expect(
      await verifier.verify({ signature: signed.stdout, data: new Uint8Array(changed) }),
    ).toMatchObject({ ok: false, reason: 'data-mismatch' })
  })

  it('--revoked records the certificate, and its signatures are refused as revoked', async () => {
    const issued = await run([
      'demo-certificate',
      '--iin',
      '850202400456',
      '--name',
      'REVOKED PERSON',
      '--out',
      out,
      '--revoked',
      '--algorithm',
      'ecdsa-p256',
    ])
    expect(issued.code).toBe(0)
    expect(issued.stdout).toContain('revoked:     yes')
    const signed = await run([
      'sign',
      '--key',
      join(out, '850202400456.key.pem'),
      '--cert',
      join(out, '850202400456.cert.pem'),
      '--in',
      document,
    ])
    expect(signed.code).toBe(0)
    const check = await new X509SignatureVerifier(await demoTrust(dataDir)).verify({
      signature: signed.stdout,
      data: new Uint8Array(documentBytes),
    })
    expect(check).toMatchObject({
      ok: false,
      reason: 'revoked',
      signer: { iin: '850202400456' },
    })
    // The certificate made before is still accepted.
    const first = await run([
      'sign',
      '--key',
      join(out, '900101300123-120340001234.key.pem'),
      '--cert',
      join(out, '900101300123-120340001234.cert.pem'),
      '--in',
      document,
    ])
    expect(
      (
        await new X509SignatureVerifier(await demoTrust(dataDir)).verify({
          signature: first.stdout,
          data: new Uint8Array(documentBytes),
        })
      ).ok,
    ).toBe(true)
  })

  it('sign refuses a key that does not belong to the certificate (exit 1)', async () => {
    const r = await run([
      'sign',
      '--key',
      join(out, '850202400456.key.pem'),
      '--cert',
      join(out, '900101300123-120340001234.cert.pem'),
      '--in',
      document,
    ])
    expect(r.code).toBe(1)
    expect(r.stdout).toBe('')
    expect(r.stderr).toBe('e-akimat: The private key does not belong to the certificate\n')
  })
})

describe('services demo-certificate: processes starting at once', () => {
  let dataDir: string
  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'e-akimat-pki-cli-'))
  })
  afterAll(async () => {
    await rm(dataDir, { recursive: true, force: true })
  })

  it('end up sharing one demo authority', async () => {
    const env = { ...NO_DATABASE, DATA_DIR: dataDir }
    const iins = ['900101300001', '900101300002', '900101300003']
    const results = await Promise.all(
      iins.map((iin) => {
        const args = ['services', 'demo-certificate', '--iin', iin, '--name', iin, '--out', dataDir]
        return servicesRegistered ? runCli(args, env) : runStandIn(args, env)
      }),
    )
    for (const r of results) expect(r.code).toBe(0)
    const authority = certificateSubject(
      await readFile(join(dataDir, 'pki', 'demo-ca.pem'), 'utf8'),
    )
    for (const iin of iins) {
      const certificate = certificateSubject(
        await readFile(join(dataDir, `${iin}.cert.pem`), 'utf8'),
      )
      expect(certificate.issuer).toBe(`C=KZ, CN=${DEMO_CA_NAME}`)
      const signature = await signDetached({
        certificate: await readFile(join(dataDir, `${iin}.cert.pem`), 'utf8'),
        privateKey: await readFile(join(dataDir, `${iin}.key.pem`), 'utf8'),
        data: new Uint8Array([1, 2, 3]),
      })
      const check = await new X509SignatureVerifier(await demoTrust(dataDir)).verify({
        signature,
        data: new Uint8Array([1, 2, 3]),
      })
      expect(check.ok).toBe(true)
    }
    expect(authority.commonName).toBe(DEMO_CA_NAME)
    expect((await readdir(join(dataDir, 'pki'))).sort()).toEqual(['demo-ca.key', 'demo-ca.pem'])
  })
})

describe.concurrent('services demo-certificate and sign: bad input', () => {
  let dataDir: string
  const run = (args: string[]) =>
    servicesRegistered
      ? runCli(['services', ...args], { ...NO_DATABASE, DATA_DIR: dataDir })
      : runStandIn(['services', ...args], { ...NO_DATABASE, DATA_DIR: dataDir })
  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'e-akimat-pki-cli-'))
  })
  afterAll(async () => {
    await rm(dataDir, { recursive: true, force: true })
  })

  it.each([
    [
      ['demo-certificate', '--iin', '123', '--name', 'X', '--out', 'OUT'],
      'The IIN must be 12 digits, not "123"',
    ],
    [
      ['demo-certificate', '--iin', '900101300123', '--bin', 'x', '--name', 'X', '--out', 'OUT'],
      'The BIN must be 12 digits, not "x"',
    ],
    [
      [
        'demo-certificate',
        '--iin',
        '900101300123',
        '--name',
        'X',
        '--out',
        'OUT',
        '--algorithm',
        'gost',
      ],
      '--algorithm must be one of rsa, rsa-pss, ecdsa-p256, ecdsa-p384, not "gost"',
    ],
    [
      ['demo-certificate', '--iin', '900101300123', '--out', 'OUT'],
      "required option '--name <name>'",
    ],
    [
      [
        'sign',
        '--key',
        '/nonexistent/k.pem',
        '--cert',
        '/nonexistent/c.pem',
        '--in',
        '/nonexistent/f',
      ],
      'Cannot read the key /nonexistent/k.pem: no such file',
    ],
  ])('%j: a message on stderr, exit 1, nothing written', async (args, message) => {
    const r = await run(args.map((a) => (a === 'OUT' ? join(dataDir, 'out') : a)))
    expect(r.code).toBe(1)
    expect(r.stdout).toBe('')
    expect(r.stderr).toContain(message)
    expect(r.stderr).not.toMatch(/^\s+at /m)
    await expect(stat(join(dataDir, 'out'))).rejects.toThrow(/ENOENT/)
    await expect(stat(join(dataDir, 'pki'))).rejects.toThrow(/ENOENT/)
  })
})
