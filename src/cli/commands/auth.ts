/**
 * @module
 * `auth bootstrap`, `auth create-organisation`, `auth create-user`, `auth activation-link`,
 * `auth list`, `auth unlock`. Passwords are never taken on the command line: a new user gets a
 * one-time activation path (`/account/activate?token=…`, valid 72 hours) to open on the site.
 */
import type { Command } from 'commander'
import {
  ADMINISTRATIVE_LEVELS,
  activationPath,
  bootstrap,
  createOrganisation,
  createPasswordSetupToken,
  createUser,
  findUserByEmail,
  isAdministrativeLevel,
  isOrganisationKind,
  isRole,
  listOrganisations,
  listUsers,
  ORGANISATION_KINDS,
  ROLES,
  type Role,
  unlockUser,
} from '../../auth/index.js'
import { InputError, NotFoundError } from '../../core/index.js'
import { cliContext, withDatabase } from '../context.js'
import { formatTable, parseFormat, printJson } from '../output.js'

function collect(value: string, previous: string[]): string[] {
  return [...previous, value]
}

function linkNote(path: string): string {
  return `Activation path (works once, valid 72 hours; prefix it with the site's address):\n${path}\n`
}

export function registerAuthCommands(program: Command): void {
  const auth = program
    .command('auth')
    .description('organisations, users and roles: the first administrator, accounts, unlocking')

  auth
    .command('bootstrap')
    .description(
      'on a new installation: create the service integrator, the authorised body and its administrator',
    )
    .requiredOption('--email <email>', "the administrator's e-mail address")
    .option('--name <name>', "the administrator's name", 'Administrator')
    .option('--format <format>', 'output: table or json', 'table')
    .action(async (options: { email: string; name: string; format: string }) => {
      const format = parseFormat(options.format)
      await withDatabase(cliContext(), async (handle) => {
        const result = await bootstrap(handle.db, { email: options.email, name: options.name })
        const path = activationPath(result.token)
        if (format === 'json') {
          printJson({
            serviceIntegrator: result.serviceIntegrator,
            authorisedBody: result.authorisedBody,
            created: result.created.map((o) => o.id),
            userId: result.userId,
            activationPath: path,
          })
          return
        }
        for (const o of result.created) {
          process.stdout.write(`Created organisation ${o.id}: ${o.nameRu} (${o.kind})\n`)
        }
        process.stdout.write(
          `Created administrator ${options.email.trim().toLowerCase()} (user ${result.userId}) in organisation ${result.authorisedBody.id}.\n${linkNote(path)}`,
        )
      })
    })

  auth
    .command('create-organisation')
    .description('add an organisation')
    .requiredOption('--kind <kind>', `one of ${ORGANISATION_KINDS.join(', ')}`)
    .requiredOption('--name-kk <name>', 'name in Kazakh')
    .requiredOption('--name-ru <name>', 'name in Russian')
    .option('--bin <bin>', 'business identification number, 12 digits')
    .option(
      '--level <level>',
      `for a local-executive-body: ${ADMINISTRATIVE_LEVELS.join(', ')} (catalogue sections 1, 2, 3)`,
    )
    .option('--email <email>', "the organisation's e-mail address")
    .option('--format <format>', 'output: table or json', 'table')
    .action(
      async (options: {
        kind: string
        nameKk: string
        nameRu: string
        bin?: string
        level?: string
        email?: string
        format: string
      }) => {
        const format = parseFormat(options.format)
        if (!isOrganisationKind(options.kind)) {
          throw new InputError(
            `--kind must be one of ${ORGANISATION_KINDS.join(', ')}, not "${options.kind}"`,
          )
        }
        if (options.level !== undefined && !isAdministrativeLevel(options.level)) {
          throw new InputError(
            `--level must be one of ${ADMINISTRATIVE_LEVELS.join(', ')}, not "${options.level}"`,
          )
        }
        await withDatabase(cliContext(), async (handle) => {
          const organisation = await createOrganisation(handle.db, {
            kind: options.kind as (typeof ORGANISATION_KINDS)[number],
            nameKk: options.nameKk,
            nameRu: options.nameRu,
            bin: options.bin ?? null,
            level: (options.level as (typeof ADMINISTRATIVE_LEVELS)[number] | undefined) ?? null,
            email: options.email ?? null,
          })
          if (format === 'json') printJson(organisation)
          else {
            process.stdout.write(
              `Created organisation ${organisation.id}: ${organisation.nameRu} (${organisation.kind})\n`,
            )
          }
        })
      },
    )

  auth
    .command('create-user')
    .description('add a user with roles in an organisation; prints a one-time activation path')
    .requiredOption('--email <email>', 'e-mail address (the sign-in name)')
    .requiredOption('--name <name>', 'full name')
    .requiredOption('--organisation <id>', 'organisation id (see auth list)')
    .option('--role <role>', `${ROLES.join(', ')}; repeat for several`, collect, [] as string[])
    .option('--format <format>', 'output: table or json', 'table')
    .action(
      async (options: {
        email: string
        name: string
        organisation: string
        role: string[]
        format: string
      }) => {
        const format = parseFormat(options.format)
        if (!/^\d{1,9}$/.test(options.organisation)) {
          throw new InputError(
            `--organisation must be an organisation id (a number), not "${options.organisation}"`,
          )
        }
        if (options.role.length === 0) {
          throw new InputError(`name at least one --role: ${ROLES.join(', ')}`)
        }
        for (const role of options.role) {
          if (!isRole(role)) {
            throw new InputError(`--role must be one of ${ROLES.join(', ')}, not "${role}"`)
          }
        }
        await withDatabase(cliContext(), async (handle) => {
          const { path, userId } = await handle.db.transaction().execute(async (trx) => {
            const { userId } = await createUser(trx, {
              email: options.email,
              name: options.name,
              organisationId: Number(options.organisation),
              roles: options.role as Role[],
            })
            return { userId, path: activationPath(await createPasswordSetupToken(trx, userId)) }
          })
          if (format === 'json') printJson({ userId, activationPath: path })
          else process.stdout.write(`Created user ${userId}.\n${linkNote(path)}`)
        })
      },
    )

  auth
    .command('activation-link')
    .description('issue a new one-time activation path for a user (a forgotten password)')
    .argument('<email>', "the user's e-mail address")
    .option('--format <format>', 'output: table or json', 'table')
    .action(async (email: string, options: { format: string }) => {
      const format = parseFormat(options.format)
      await withDatabase(cliContext(), async (handle) => {
        const user = await findUserByEmail(handle.db, email)
        if (!user) throw new NotFoundError(`No user has e-mail ${email}`)
        const path = activationPath(await createPasswordSetupToken(handle.db, user.id))
        if (format === 'json') printJson({ userId: user.id, activationPath: path })
        else process.stdout.write(linkNote(path))
      })
    })

  auth
    .command('list')
    .description('organisations and users with their roles')
    .option('--format <format>', 'output: table or json', 'table')
    .action(async (options: { format: string }) => {
      const format = parseFormat(options.format)
      await withDatabase(cliContext(), async (handle) => {
        const organisations = await listOrganisations(handle.db)
        const users = await listUsers(handle.db)
        if (format === 'json') {
          printJson({ organisations, users })
          return
        }
        const roles = (u: (typeof users)[number]) =>
          u.memberships.map((m) => `${m.organisationId}:${m.role}`).join(' ')
        const state = (u: (typeof users)[number]) =>
          u.disabled
            ? 'disabled'
            : u.lockedUntil && Date.parse(u.lockedUntil) > Date.now()
              ? `locked until ${u.lockedUntil}`
              : u.hasPassword
                ? 'active'
                : 'not activated'
        process.stdout.write(
          `Organisations\n${formatTable(organisations, [
            { header: 'id', value: (o) => o.id },
            { header: 'kind', value: (o) => o.kind },
            { header: 'level', value: (o) => o.level },
            { header: 'bin', value: (o) => o.bin },
            { header: 'name (ru)', value: (o) => o.nameRu },
          ])}\n\nUsers\n${formatTable(users, [
            { header: 'id', value: (u) => u.id },
            { header: 'email', value: (u) => u.email },
            { header: 'name', value: (u) => u.name },
            { header: 'roles (organisation:role)', value: roles },
            { header: 'state', value: state },
          ])}\n`,
        )
      })
    })

  auth
    .command('unlock')
    .description('clear a lock-out after failed sign-ins')
    .argument('<email>', "the user's e-mail address")
    .action(async (email: string) => {
      await withDatabase(cliContext(), async (handle) => {
        const user = await unlockUser(handle.db, email)
        process.stdout.write(`Unlocked ${user.email}\n`)
      })
    })
}
