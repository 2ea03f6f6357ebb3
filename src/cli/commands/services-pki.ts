/**
 * @module
 * `services demo-certificate` and `services sign`: demo signing certificates from the local demo
 * authority in `DATA_DIR/pki` (not NCA RK; see `src/services/pki.ts`), and CMS signatures over a
 * file's exact bytes, as NCALayer would make them, for trying the e-services by hand. No
 * database. Attached to the `services` command by `registerServicesCommands`.
 */
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import type { Command } from 'commander'
import { InputError } from '../../core/index.js'
import {
  issueDemoCertificate,
  KEY_ALGORITHMS,
  type KeyAlgorithm,
  pkiDirectory,
  signDetached,
} from '../../services/index.js'
import { cliContext } from '../context.js'

async function readInput(path: string, what: string): Promise<Buffer> {
  try {
    return await readFile(path)
  } catch (error) {
    const reason =
      (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message
    throw new InputError(`Cannot read the ${what} ${path}: ${reason}`)
  }
}

function parseAlgorithm(value: string): KeyAlgorithm {
  if (!(KEY_ALGORITHMS as readonly string[]).includes(value)) {
    throw new InputError(`--algorithm must be one of ${KEY_ALGORITHMS.join(', ')}, not "${value}"`)
  }
  return value as KeyAlgorithm
}

/** Adds `demo-certificate` and `sign` to the `services` command. */
export function registerServicesPkiCommands(services: Command): void {
  services
    .command('demo-certificate')
    .description(
      'issue a demo signing certificate (IIN, optional BIN) from the demo authority in DATA_DIR/pki',
    )
    .requiredOption('--iin <iin>', "the holder's IIN, 12 digits")
    .option('--bin <bin>', "the legal entity's BIN, 12 digits (an employee's certificate)")
    .requiredOption('--name <name>', 'the common name, e.g. "ТЕСТОВ ТЕСТ"')
    .requiredOption(
      '--out <dir>',
      'where to write <iin>.key.pem and <iin>.cert.pem (<iin>-<bin>.… with --bin)',
    )
    .option('--revoked', 'record the certificate as revoked on the demo revocation list')
    .option(
      '--algorithm <algorithm>',
      `key type: ${KEY_ALGORITHMS.join(', ')} (rsa-pss keys need "services sign --pss")`,
      'rsa',
    )
    .action(
      async (options: {
        iin: string
        bin?: string
        name: string
        out: string
        revoked?: boolean
        algorithm: string
      }) => {
        const algorithm = parseAlgorithm(options.algorithm)
        const { config } = cliContext()
        const issued = await issueDemoCertificate(config.dataDir, {
          iin: options.iin,
          bin: options.bin ?? null,
          commonName: options.name,
          algorithm,
          revoked: options.revoked ?? false,
        })
        const out = resolve(options.out)
        // A company's certificate is another file than the person's own.
        const stem = options.bin ? `${options.iin}-${options.bin}` : options.iin
        const keyPath = join(out, `${stem}.key.pem`)
        const certificatePath = join(out, `${stem}.cert.pem`)
        try {
          await mkdir(out, { recursive: true })
          await writeFile(keyPath, issued.privateKey, { mode: 0o600 })
          await chmod(keyPath, 0o600)
          await writeFile(certificatePath, issued.certificate)
        } catch (error) {
          throw new InputError(`Cannot write to ${out}: ${(error as Error).message}`)
        }
        const lines = [
          `certificate: ${certificatePath}`,
          `key:         ${keyPath}`,
          `serial:      ${issued.serialNumber}`,
          `authority:   ${join(pkiDirectory(config.dataDir), 'demo-ca.pem')}`,
        ]
        if (options.revoked) {
          lines.push(`revoked:     yes (${join(pkiDirectory(config.dataDir), 'revoked.json')})`)
        }
        process.stdout.write(`${lines.join('\n')}\n`)
      },
    )

  services
    .command('sign')
    .description("print a detached CMS signature (base64) of a file's exact bytes")
    .requiredOption('--key <file>', 'the private key, PKCS #8 PEM')
    .requiredOption('--cert <file>', 'the certificate, PEM')
    .requiredOption('--in <file>', 'the file to sign')
    .option('--pss', 'sign with RSA-PSS instead of PKCS #1 v1.5 (RSA keys)')
    .action(async (options: { key: string; cert: string; in: string; pss?: boolean }) => {
      const [key, certificate, data] = await Promise.all([
        readInput(options.key, 'key'),
        readInput(options.cert, 'certificate'),
        readInput(options.in, 'input file'),
      ])
      const signature = await signDetached({
        certificate: certificate.toString('utf8'),
        privateKey: key.toString('utf8'),
        data: new Uint8Array(data),
        ...(options.pss ? { algorithm: 'rsa-pss' as const } : {}),
      })
      process.stdout.write(`${signature}\n`)
    })
}
