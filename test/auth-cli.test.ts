/**
 * The `auth` commands as an administrator runs them: real processes on a real database.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { checkPasswordSetupToken, findUserByEmail } from '../src/auth/index.js'
import { openDatabase } from '../src/db/index.js'
import { runCli } from './support/cli.js'
import { BACKENDS, createEmptyTestDatabase, type TestDatabase } from './support/database.js'

const ACTIVATION = /^\/account\/activate\?token=([A-Za-z0-9_-]{43})$/m

describe.concurrent('auth commands: input refused before the database is opened', () => {
  it.each([
    [
      ['auth', 'create-organisation', '--kind', 'ministry', '--name-kk', 'А', '--name-ru', 'А'],
      '--kind must be one of',
    ],
    [
      ['auth', 'create-user', '--email', 'x@y.kz', '--name', 'X', '--organisation', '1'],
      'name at least one --role',
    ],
    [
      [
        'auth',
        'create-user',
        '--email',
        'x@y.kz',
        '--name',
        'X',
        '--organisation',
        '1',
        '--role',
        'boss',
      ],
      '--role must be one of editor, reviewer, admin, reader, operator, signer, not "boss"',
    ],
    [['auth', 'bootstrap'], "required option '--email <email>' not specified"],
  ])('refuses %j with a message and exit 1', async (args, message) => {
    const r = await runCli(args, { DATABASE_URL: 'sqlite::memory:' })
    expect(r.code).toBe(1)
    expect(r.stderr).toContain(message)
    expect(r.stderr).not.toMatch(/^\s+at /m)
  })
})

describe.each(BACKENDS)('auth commands [%s]', (backend) => {
  let database: TestDatabase
  const env = () => ({ DATABASE_URL: database.url })
  beforeAll(async () => {
    database = await createEmptyTestDatabase(backend)
  })
  afterAll(async () => database.drop())

  async function tokenWorks(token: string, email: string): Promise<void> {
    const handle = await openDatabase(database.config)
    try {
      expect((await checkPasswordSetupToken(handle.db, token)).email).toBe(email)
    } finally {
      await handle.close()
    }
  }

  it('bootstrap creates the two organisations and an administrator, once', async () => {
    const r = await runCli(['auth', 'bootstrap', '--email', 'Admin@MDAI.gov.kz'], env())
    expect(r.code).toBe(0)
    expect(r.stdout).toContain('АО «Национальные информационные технологии» (service-integrator)')
    expect(r.stdout).toContain('(authorised-body)')
    const token = ACTIVATION.exec(r.stdout)?.[1]
    expect(token).toBeDefined()
    await tokenWorks(token!, 'admin@mdai.gov.kz')

    const again = await runCli(['auth', 'bootstrap', '--email', 'other@mdai.gov.kz'], env())
    expect(again.code).toBe(1)
    expect(again.stderr.trim()).toBe(
      'e-akimat: An administrator already exists; create further users with auth create-user',
    )
  })

  it('creates an organisation and a user with two roles, printing the activation path', async () => {
    const org = await runCli(
      [
        'auth',
        'create-organisation',
        '--kind',
        'local-executive-body',
        '--level',
        'rural',
        '--name-kk',
        'Шаян ауылдық округі әкімінің аппараты',
        '--name-ru',
        'Аппарат акима Шаянского сельского округа',
        '--bin',
        '123456789013',
        '--format',
        'json',
      ],
      env(),
    )
    expect(org.code).toBe(0)
    const created = JSON.parse(org.stdout)
    expect(created).toMatchObject({ kind: 'local-executive-body', level: 'rural' })

    const user = await runCli(
      [
        'auth',
        'create-user',
        '--email',
        'editor@shayan.kz',
        '--name',
        'Ерлан Бекұлы',
        '--organisation',
        String(created.id),
        '--role',
        'editor',
        '--role',
        'reader',
      ],
      env(),
    )
    expect(user.code).toBe(0)
    await tokenWorks(ACTIVATION.exec(user.stdout)![1]!, 'editor@shayan.kz')

    const list = JSON.parse((await runCli(['auth', 'list', '--format', 'json'], env())).stdout)
    const listed = list.users.find((u: { email: string }) => u.email === 'editor@shayan.kz')
    expect(listed.memberships).toEqual([
      { organisationId: created.id, role: 'editor' },
      { organisationId: created.id, role: 'reader' },
    ])
    expect(list.users[0]).not.toHaveProperty('passwordHash')
    const table = await runCli(['auth', 'list'], env())
    expect(table.stdout).toMatch(
      /editor@shayan\.kz\s+Ерлан Бекұлы\s+\d+:editor \d+:reader\s+not activated/,
    )
  })

  it.each([
    [
      [
        'auth',
        'create-organisation',
        '--kind',
        'local-executive-body',
        '--name-kk',
        'А',
        '--name-ru',
        'А',
      ],
      'A local executive body needs its level: region, district, rural',
    ],
    [
      [
        'auth',
        'create-user',
        '--email',
        'x@y.kz',
        '--name',
        'X',
        '--organisation',
        '3',
        '--role',
        'reviewer',
      ],
      'The reviewer role exists only in a service-integrator organisation',
    ],
    [
      [
        'auth',
        'create-user',
        '--email',
        'ADMIN@mdai.gov.kz',
        '--name',
        'X',
        '--organisation',
        '2',
        '--role',
        'reader',
      ],
      'A user with e-mail admin@mdai.gov.kz already exists',
    ],
    [['auth', 'unlock', 'nobody@y.kz'], 'No user has e-mail nobody@y.kz'],
  ])('refuses %j with a message and exit 1', async (args, message) => {
    const r = await runCli(args, env())
    expect(r.code).toBe(1)
    expect(r.stderr).toContain(message)
    expect(r.stderr).not.toMatch(/^\s+at /m)
  })

  it('unlocks a user and issues a new activation path', async () => {
    const unlock = await runCli(['auth', 'unlock', 'EDITOR@shayan.kz'], env())
    expect(unlock.code).toBe(0)
    expect(unlock.stdout.trim()).toBe('Unlocked editor@shayan.kz')
    const link = await runCli(['auth', 'activation-link', 'editor@shayan.kz'], env())
    expect(link.code).toBe(0)
    await tokenWorks(ACTIVATION.exec(link.stdout)![1]!, 'editor@shayan.kz')
    const handle = await openDatabase(database.config)
    try {
      expect((await findUserByEmail(handle.db, 'editor@shayan.kz'))?.hasPassword).toBe(false)
    } finally {
      await handle.close()
    }
  })
})
