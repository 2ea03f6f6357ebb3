/**
 * @module
 * `akimat list`, `akimat example`, `akimat export` and `akimat import`: the akimats'
 * architectures from the command line, for the operator of the installation.
 *
 * Reading (list, export) is done as an overseer: the installation's service integrator with the
 * reader role, or, before `auth bootstrap` has made one, a stand-in of it that nothing in the
 * database belongs to. An overseer reads every akimat, and sees the registry objects overseers
 * see (submitted or accepted): an akimat's own object still in draft is exported by its number,
 * without its name. `--user EMAIL` reads as that user instead. Writing (import) is always done as
 * a named editor or administrator of the akimat, so the history says who.
 */
import { readFile, stat } from 'node:fs/promises'
import type { Command } from 'commander'
import type { Kysely } from 'kysely'
import {
  type AkimatArchitecture,
  akimatArchitecture,
  akimatsWithCounts,
  canEditAkimat,
  EXAMPLE_AKIMATS,
  ImportRejected,
  importArchitecture,
  MAX_ARCHITECTURE_FILE_BYTES,
  readableAkimats,
  seedExampleAkimat,
  writeAkimatArchimate,
  writeAkimatBackstage,
  writeArchitectureCsv,
  writeArchitectureXlsx,
} from '../../akimat/index.js'
import {
  type Actor,
  actorFor,
  findUserByEmail,
  listOrganisations,
  type Organisation,
} from '../../auth/index.js'
import {
  type CatalogSnapshot,
  importBundledActs,
  loadCatalogSnapshot,
  writeAtomically,
} from '../../catalog/index.js'
import { InputError, NotFoundError } from '../../core/index.js'
import type { Database } from '../../db/index.js'
import { isMessageKey, translate } from '../../i18n/index.js'
import { cliContext, withDatabase } from '../context.js'
import { formatTable, parseFormat, printJson } from '../output.js'
import { createProgress } from '../progress.js'

type Db = Kysely<Database>

const EXPORT_FORMATS = ['xlsx', 'csv', 'archimate', 'backstage'] as const
type ExportFormat = (typeof EXPORT_FORMATS)[number]

const READER_HELP =
  '\nReading: as an overseer of the installation (the service integrator, reader role; before\n' +
  '`auth bootstrap` a stand-in of it). It sees every akimat and the registry objects overseers\n' +
  'see (submitted or accepted): an akimat’s draft object is exported by its number only.\n' +
  'With --user EMAIL, read as that user (who must be able to read the akimat).\n'

/**
 * The operator's read actor: the service integrator (the first one) with the reader role, or a
 * stand-in of it when there is none yet. It is never stored anywhere: only reads use it.
 */
async function overseer(db: Db): Promise<Actor> {
  const integrator = (await listOrganisations(db)).find((o) => o.kind === 'service-integrator')
  const organisation: Organisation = integrator ?? {
    id: 0,
    kind: 'service-integrator',
    nameKk: 'Сервистік интегратор',
    nameRu: 'Сервисный интегратор',
    bin: null,
    level: null,
    email: null,
    createdAt: new Date(0).toISOString(),
  }
  return { userId: 0, email: '', name: 'e-akimat command line', organisation, roles: ['reader'] }
}

/** A user's actor in an organisation, or InputError saying why not. */
async function userActor(db: Db, email: string, organisationId: number): Promise<Actor> {
  const user = await findUserByEmail(db, email)
  if (!user) throw new NotFoundError(`There is no user ${email}`)
  if (user.disabled) throw new InputError(`The user ${user.email} is disabled`)
  const actor = await actorFor(db, user.id, organisationId)
  if (!actor) {
    throw new InputError(`${user.email} is not a member of organisation ${organisationId}`)
  }
  return actor
}

/** The akimat named by `--akimat`: a nine-digit KATO code, or an organisation id. */
async function findAkimat(db: Db, value: string) {
  const wanted = value.trim()
  if (!/^\d{1,9}$/.test(wanted)) {
    throw new InputError(`--akimat is an organisation id or a nine-digit KATO code, not "${value}"`)
  }
  const akimats = await readableAkimats(db, await overseer(db))
  const found =
    wanted.length === 9
      ? (akimats.find((a) => a.profile?.kato === wanted) ??
        akimats.find((a) => a.organisation.id === Number(wanted)))
      : akimats.find((a) => a.organisation.id === Number(wanted))
  if (!found) throw new NotFoundError(`There is no akimat ${wanted} (id or KATO code)`)
  return found
}

/** The loaded catalogue; on a new database the bundled acts are imported first. */
async function catalogue(db: Db): Promise<CatalogSnapshot> {
  let snapshot = await loadCatalogSnapshot(db)
  if (snapshot.acts.length === 0) {
    process.stderr.write('No acts imported yet: importing the bundled acts first.\n')
    await importBundledActs(db)
    snapshot = await loadCatalogSnapshot(db)
  }
  return snapshot
}

const gaps = (counts: AkimatArchitecture['counts']) =>
  counts['not-automated'] + counts['non-recommended'] + counts['below-level']

async function fileOf(
  architecture: AkimatArchitecture,
  snapshot: CatalogSnapshot,
  format: ExportFormat,
): Promise<Buffer> {
  switch (format) {
    case 'xlsx':
      return writeArchitectureXlsx(architecture, snapshot)
    case 'csv':
      return writeArchitectureCsv(architecture, snapshot)
    case 'archimate':
      return Buffer.from(writeAkimatArchimate(architecture, snapshot), 'utf8')
    case 'backstage':
      return Buffer.from(writeAkimatBackstage(architecture, snapshot), 'utf8')
  }
}

export function registerAkimatCommands(program: Command): void {
  const akimat = program
    .command('akimat')
    .description("akimats' architectures: list, example akimats, export and import")

  akimat
    .command('list')
    .description('the akimats, their KATO codes, typical sets and counts of functions')
    .option('--format <format>', 'output: table or json', 'table')
    .addHelpText('after', READER_HELP)
    .action(async (options: { format: string }) => {
      const format = parseFormat(options.format)
      await withDatabase(cliContext(), async (handle) => {
        const db = handle.db
        const reader = await overseer(db)
        const snapshot = await loadCatalogSnapshot(db)
        const list = []
        for (const { counts, ...a } of await akimatsWithCounts(db, reader, snapshot)) {
          list.push({
            id: a.organisation.id,
            kato: a.profile?.kato ?? null,
            level: a.organisation.level,
            name: { kk: a.organisation.nameKk, ru: a.organisation.nameRu },
            typicalAt: a.profile?.typicalAt ?? null,
            functions: counts?.total ?? null,
            automated: counts?.automated ?? null,
            gaps: counts ? gaps(counts) : null,
          })
        }
        list.sort((a, b) => (a.kato ?? '~').localeCompare(b.kato ?? '~') || a.id - b.id)
        if (format === 'json') {
          printJson({ akimats: list })
          return
        }
        if (list.length === 0) {
          process.stdout.write('No akimats yet (try: e-akimat akimat example).\n')
          return
        }
        process.stdout.write(
          `${formatTable(list, [
            { header: 'Id', value: (a) => a.id },
            { header: 'KATO', value: (a) => a.kato },
            { header: 'Level', value: (a) => a.level },
            { header: 'Typical set', value: (a) => a.typicalAt },
            { header: 'Functions', value: (a) => a.functions },
            { header: 'Automated', value: (a) => a.automated },
            { header: 'Gaps', value: (a) => a.gaps },
            { header: 'Атауы', value: (a) => a.name.kk },
          ])}\n`,
        )
      })
    })

  akimat
    .command('example')
    .description(
      'create the three example akimats of Akmola region (region, district, rural) where their KATO codes are free',
    )
    .option('--format <format>', 'output: table or json', 'table')
    .addHelpText(
      'after',
      '\nEach example gets an editor (example-KATO@example.invalid, who cannot sign in), its own\n' +
        'information system in the registry, the fullest typical set of its level and decisions\n' +
        'of every kind. Running it again creates nothing and says the examples exist.\n',
    )
    .action(async (options: { format: string }) => {
      const format = parseFormat(options.format)
      await withDatabase(cliContext(), async (handle) => {
        const db = handle.db
        const snapshot = await catalogue(db)
        const taken = new Map(
          (await readableAkimats(db, await overseer(db)))
            .filter((a) => a.profile)
            .map((a) => [a.profile!.kato, a.organisation.id]),
        )
        const results: { kato: string; level: string; id: number; created: boolean }[] = []
        const progress = createProgress('Example akimats', EXAMPLE_AKIMATS.length)
        try {
          for (const example of EXAMPLE_AKIMATS) {
            const existing = taken.get(example.kato)
            if (existing !== undefined) {
              results.push({
                kato: example.kato,
                level: example.level,
                id: existing,
                created: false,
              })
            } else {
              const made = await seedExampleAkimat(db, snapshot, example)
              results.push({
                kato: example.kato,
                level: example.level,
                id: made.organisationId,
                created: true,
              })
            }
            progress.tick(1, example.kato)
          }
        } finally {
          progress.stop()
        }
        if (format === 'json') {
          printJson({ akimats: results })
          return
        }
        for (const r of results) {
          const example = EXAMPLE_AKIMATS.find((e) => e.kato === r.kato)!
          process.stdout.write(
            r.created
              ? `Created akimat ${r.id} (${r.level}, KATO ${r.kato}): ${example.nameKk}\n`
              : `Akimat with KATO ${r.kato} exists already (id ${r.id}); not changed.\n`,
          )
        }
      })
    })

  akimat
    .command('export')
    .description("write an akimat's architecture to a file")
    .requiredOption('--akimat <id|KATO>', 'the akimat: organisation id or KATO code')
    .requiredOption(
      '--format <format>',
      `${EXPORT_FORMATS.join(', ')}: the workbook to fill in (xlsx), the same table as CSV, ` +
        'the ArchiMate exchange XML or Backstage catalog-info.yaml',
    )
    .requiredOption('--out <file>', 'the file to write (written whole or not at all)')
    .option('--user <email>', 'read as this user instead of as an overseer')
    .addHelpText(
      'after',
      `${READER_HELP}Example: e-akimat akimat export --akimat 114200000 --format xlsx --out zerendi.xlsx\n`,
    )
    .action(async (options: { akimat: string; format: string; out: string; user?: string }) => {
      const format = options.format as ExportFormat
      if (!EXPORT_FORMATS.includes(format)) {
        throw new InputError(
          `--format must be one of ${EXPORT_FORMATS.join(', ')}, not "${options.format}"`,
        )
      }
      await withDatabase(cliContext(), async (handle) => {
        const db = handle.db
        const snapshot = await loadCatalogSnapshot(db)
        const found = await findAkimat(db, options.akimat)
        const id = found.organisation.id
        const reader = options.user ? await userActor(db, options.user, id) : await overseer(db)
        const architecture = await akimatArchitecture(db, reader, snapshot, id)
        await writeAtomically(options.out, await fileOf(architecture, snapshot, format))
        process.stderr.write(
          `Wrote the architecture of akimat ${id} (KATO ${architecture.akimat.profile.kato}, ` +
            `${architecture.functions.length} functions, typical set ${architecture.akimat.profile.typicalAt}) ` +
            `as ${format} to ${options.out}\n`,
        )
      })
    })

  akimat
    .command('import')
    .description("read a filled-in workbook into an akimat's architecture (all rows or none)")
    .argument('<file>', 'the XLSX workbook (as exported with --format xlsx, at most 5 MiB)')
    .requiredOption('--akimat <id|KATO>', 'the akimat: organisation id or KATO code')
    .requiredOption(
      '--user <email>',
      'the editor or administrator of the akimat in whose name the decisions are recorded',
    )
    .option('--format <format>', 'output: table or json', 'table')
    .addHelpText(
      'after',
      '\nOnly the columns key, performed, system id (or system name), object id (or object code),\n' +
        'level, target level and note of the sheet Architecture are read, by their headers. With\n' +
        'any problem, each is printed as "row N, column C: message", nothing is saved and the\n' +
        'exit code is 1.\n' +
        'Example: e-akimat akimat import --akimat 114200000 --user editor@akimat.kz zerendi.xlsx\n',
    )
    .action(async (file: string, options: { akimat: string; user: string; format: string }) => {
      const format = parseFormat(options.format)
      const info = await stat(file).catch(() => null)
      if (!info?.isFile()) throw new InputError(`Cannot read ${file}: no such file`)
      if (info.size > MAX_ARCHITECTURE_FILE_BYTES) {
        throw new InputError(
          `${file} has ${info.size} bytes; at most ${MAX_ARCHITECTURE_FILE_BYTES} (5 MiB) are read`,
        )
      }
      const bytes = await readFile(file)
      await withDatabase(cliContext(), async (handle) => {
        const db = handle.db
        const snapshot = await loadCatalogSnapshot(db)
        const found = await findAkimat(db, options.akimat)
        const id = found.organisation.id
        const actor = await userActor(db, options.user, id)
        if (!canEditAkimat(actor, id)) {
          throw new InputError(
            `${actor.email} is neither an editor nor an administrator of akimat ${id}; nothing was imported`,
          )
        }
        try {
          const result = await importArchitecture(db, actor, snapshot, id, bytes)
          if (format === 'json') printJson({ akimat: id, ...result })
          else {
            process.stdout.write(
              `Imported ${file} into akimat ${id} as ${actor.email}: ${result.rows} rows read, ` +
                `${result.changed} functions changed.\n`,
            )
          }
        } catch (error) {
          if (!(error instanceof ImportRejected)) throw error
          if (format === 'json') printJson({ akimat: id, problems: error.problems })
          for (const p of error.problems) {
            const message = isMessageKey(p.messageKey)
              ? translate('en', p.messageKey, p.params)
              : p.message
            process.stderr.write(`row ${p.row}, column ${p.column}: ${message}\n`)
          }
          throw new InputError(
            `${error.problems.length} problem(s) in ${file}; nothing was saved`,
            error.messageKey,
            error.params,
          )
        }
      })
    })
}
