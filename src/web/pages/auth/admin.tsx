/**
 * @module
 * Administering users and organisations in the browser: `/admin/users` (list, filter, add a user
 * and show their one-time activation link once), `/admin/users/:id` (roles per organisation,
 * disable / enable, a new activation link) and `/admin/organisations` (list; overseer admins add
 * organisations). The auth module decides who may do what; this layer only shows and forwards,
 * and re-renders a form with the translated error when the module refuses.
 */
import type { Context, Hono } from 'hono'
import {
  type Actor,
  ADMINISTRATIVE_LEVELS,
  type AdminEvent,
  type AdministeredUser,
  addOrganisation,
  addUser,
  adminEventsFor,
  getUserFor,
  isOverseerAdmin,
  listOrganisationsFor,
  listUsers,
  listUsersFor,
  newActivationLink,
  ORGANISATION_KINDS,
  type Organisation,
  ROLES,
  type Role,
  setDisabled,
  setRoles,
} from '../../../auth/index.js'
import { isMessageKey, type MessageKey, type Translator } from '../../../i18n/index.js'
import { enqueueNotification } from '../../../portal/index.js'
import { requireActor } from '../../auth.js'
import type { AppEnv } from '../../context.js'
import { CsrfField } from '../../forms.js'
import { siteOrigin } from '../../site.js'
import {
  ErrorBox,
  errorMessage,
  errorStatus,
  field,
  idParam,
  kzDateTime,
  organisationName,
  PortalPage,
} from '../portal/frame.js'

const USERS = '/admin/users'
const ORGANISATIONS = '/admin/organisations'
const userPath = (id: number) => `${USERS}/${id}`

const db = (c: Context<AppEnv>) => c.get('services').database.db

type Body = Record<string, string | File | (string | File)[]>

/** Every string value of a repeated form field (checkboxes). */
function values(body: Body, name: string): string[] {
  const value = body[name]
  const all = Array.isArray(value) ? value : value === undefined ? [] : [value]
  return all.filter((v): v is string => typeof v === 'string')
}

/** The translated message of a refused change, or rethrows anything else. */
function refusal(c: Context<AppEnv>, error: unknown): string {
  const message = errorMessage(c.get('t'), error)
  if (message === undefined) throw error
  return message
}

export function registerAdminPages(app: Hono<AppEnv>): void {
  app.get(USERS, async (c) => {
    const actor = requireActor(c)
    return c.html(await usersPage(c, actor, {}))
  })

  app.post(USERS, async (c) => {
    const actor = requireActor(c)
    const body = (await c.req.parseBody({ all: true })) as Body
    const input = {
      email: field(body, 'email'),
      name: field(body, 'name'),
      organisationId: Number(field(body, 'organisationId')) || 0,
      roles: values(body, 'roles') as Role[],
    }
    try {
      const added = await addUser(db(c), actor, input)
      // The page holds a live one-time link: never kept by a cache, never shown again.
      c.header('Cache-Control', 'no-store')
      return c.html(
        <LinkPage
          c={c}
          title={c.get('t')('admin.added.title')}
          text={c.get('t')('admin.added.text', { email: input.email.trim().toLowerCase() })}
          link={new URL(added.activationPath, siteOrigin(c)).href}
          userId={added.userId}
        />,
      )
    } catch (error) {
      const message = refusal(c, error)
      return c.html(await usersPage(c, actor, { error: message, form: input }), errorStatus(error))
    }
  })

  app.get(`${USERS}/:id`, async (c) => {
    const actor = requireActor(c)
    return c.html(await userPage(c, actor, idParam(c), { done: c.req.query('done') }))
  })

  app.post(`${USERS}/:id/roles`, async (c) => {
    const actor = requireActor(c)
    const id = idParam(c)
    const body = (await c.req.parseBody({ all: true })) as Body
    const organisationId = Number(field(body, 'organisationId')) || 0
    try {
      await setRoles(db(c), actor, id, organisationId, values(body, 'roles') as Role[])
      return c.redirect(`${userPath(id)}?done=roles`, 303)
    } catch (error) {
      const message = refusal(c, error)
      return c.html(await userPage(c, actor, id, { error: message }), errorStatus(error))
    }
  })

  app.post(`${USERS}/:id/disabled`, async (c) => {
    const actor = requireActor(c)
    const id = idParam(c)
    const body = await c.req.parseBody()
    const disabled = field(body, 'disabled') === '1'
    try {
      await setDisabled(db(c), actor, id, disabled)
      return c.redirect(`${userPath(id)}?done=${disabled ? 'disabled' : 'enabled'}`, 303)
    } catch (error) {
      const message = refusal(c, error)
      return c.html(await userPage(c, actor, id, { error: message }), errorStatus(error))
    }
  })

  app.post(`${USERS}/:id/activation`, async (c) => {
    const actor = requireActor(c)
    const id = idParam(c)
    try {
      // The link and the message that carries it to the user are one transaction.
      const issued = await db(c)
        .transaction()
        .execute(async (trx) => {
          const result = await newActivationLink(trx, actor, id)
          await enqueueNotification(trx, [{ userId: id, email: result.user.email }], {
            subject: 'admin.mail.link.subject',
            body: 'admin.mail.link.body',
            params: { name: result.user.name },
            link: result.activationPath,
          })
          return result
        })
      const t = c.get('t')
      c.header('Cache-Control', 'no-store')
      if (!issued.showToAdministrator) {
        // An account in use: the link goes to its owner only, never to the administrator.
        return c.html(
          <LinkPage
            c={c}
            title={t('admin.link.title')}
            text={t('admin.link.mailed', { email: issued.user.email })}
            userId={id}
          />,
        )
      }
      return c.html(
        <LinkPage
          c={c}
          title={t('admin.link.title')}
          text={t('admin.link.text', { email: issued.user.email })}
          link={new URL(issued.activationPath, siteOrigin(c)).href}
          userId={id}
        />,
      )
    } catch (error) {
      const message = refusal(c, error)
      return c.html(await userPage(c, actor, id, { error: message }), errorStatus(error))
    }
  })

  app.get(ORGANISATIONS, async (c) => {
    const actor = requireActor(c)
    const added = Number(c.req.query('added')) || undefined
    return c.html(await organisationsPage(c, actor, { added }))
  })

  app.post(ORGANISATIONS, async (c) => {
    const actor = requireActor(c)
    const body = await c.req.parseBody()
    const form = Object.fromEntries(
      ['kind', 'nameKk', 'nameRu', 'bin', 'level'].map((name) => [name, field(body, name)]),
    )
    try {
      const organisation = await addOrganisation(db(c), actor, {
        kind: form.kind as Organisation['kind'],
        nameKk: form.nameKk ?? '',
        nameRu: form.nameRu ?? '',
        bin: form.bin || null,
        level: (form.level || null) as Organisation['level'],
      })
      return c.redirect(`${ORGANISATIONS}?added=${organisation.id}`, 303)
    } catch (error) {
      const message = refusal(c, error)
      return c.html(await organisationsPage(c, actor, { error: message, form }), errorStatus(error))
    }
  })
}

function StateBadge({ t, user }: { t: Translator; user: AdministeredUser }) {
  return <span class={`badge user-${user.state}`}>{t(`admin.state.${user.state}`)}</span>
}

/** "Organisation: role, role" for each organisation the user belongs to. */
function membershipLines(
  c: Context<AppEnv>,
  user: AdministeredUser,
  organisations: Map<number, Organisation>,
) {
  const t = c.get('t')
  const byOrg = new Map<number, Role[]>()
  for (const m of user.memberships) {
    byOrg.set(m.organisationId, [...(byOrg.get(m.organisationId) ?? []), m.role])
  }
  return [...byOrg].map(([orgId, roles]) => ({
    orgId,
    organisation: organisationName(organisations.get(orgId), c.get('language')),
    roles: roles.map((r) => t(`auth.role.${r}`)).join(', '),
  }))
}

async function usersPage(
  c: Context<AppEnv>,
  actor: Actor,
  options: {
    error?: string
    form?: { email: string; name: string; organisationId: number; roles: string[] }
  },
) {
  const organisations = await listOrganisationsFor(db(c), actor)
  const overseer = isOverseerAdmin(actor)
  const wanted = Number(c.req.query('organisation')) || undefined
  const filter = overseer && organisations.some((o) => o.id === wanted) ? wanted : undefined
  const users = await listUsersFor(db(c), actor, { organisationId: filter })
  return (
    <UsersPage
      c={c}
      actor={actor}
      users={users}
      organisations={organisations}
      filter={filter}
      {...options}
    />
  )
}

function UsersPage({
  c,
  actor,
  users,
  organisations,
  filter,
  error,
  form,
}: {
  c: Context<AppEnv>
  actor: Actor
  users: AdministeredUser[]
  organisations: Organisation[]
  filter?: number
  error?: string
  form?: { email: string; name: string; organisationId: number; roles: string[] }
}) {
  const t = c.get('t')
  const language = c.get('language')
  const overseer = isOverseerAdmin(actor)
  const byId = new Map(organisations.map((o) => [o.id, o]))
  const chosenOrg = form?.organisationId || filter || (overseer ? 0 : actor.organisation.id)
  const chosenRoles = form?.roles ?? ['editor']
  return (
    <PortalPage c={c} title={t('admin.users.title')} tab="users">
      <h1>{t('admin.users.title')}</h1>
      <p class="lead">{t(overseer ? 'admin.users.introOverseer' : 'admin.users.intro')}</p>
      {overseer ? (
        <p>
          <a href={ORGANISATIONS}>{t('admin.orgs.title')}</a> ·{' '}
          <a href="/admin/security">{t('security.audit.link')}</a>
        </p>
      ) : null}
      {overseer ? (
        <form method="get" action={USERS} class="filters">
          <p>
            <label for="admin-filter">{t('auth.field.organisation')}</label>
            <select id="admin-filter" name="organisation">
              <option value="">{t('admin.users.allOrganisations')}</option>
              {organisations.map((o) => (
                <option value={String(o.id)} selected={o.id === filter}>
                  {organisationName(o, language)}
                </option>
              ))}
            </select>{' '}
            <button type="submit">{t('admin.users.show')}</button>
          </p>
        </form>
      ) : null}
      <p>{t('admin.users.count', { count: users.length })}</p>
      {users.length ? (
        <section class="table-scroll" tabindex={0} aria-label={t('admin.users.title')}>
          <table>
            <thead>
              <tr>
                <th scope="col">{t('auth.field.name')}</th>
                <th scope="col">{t('auth.field.email')}</th>
                <th scope="col">{t('auth.field.organisation')}</th>
                <th scope="col">{t('auth.field.roles')}</th>
                <th scope="col">{t('admin.column.state')}</th>
              </tr>
            </thead>
            <tbody>
              {users.map((u) => {
                const lines = membershipLines(c, u, byId)
                return (
                  <tr>
                    <td>
                      <a href={userPath(u.id)}>{u.name}</a>
                      {u.id === actor.userId ? (
                        <span class="muted"> {t('admin.users.you')}</span>
                      ) : null}
                    </td>
                    <td>{u.email}</td>
                    <td>
                      {lines.map((l, i) => (
                        <>
                          {i ? <br /> : null}
                          {l.organisation}
                        </>
                      ))}
                    </td>
                    <td>
                      {lines.map((l, i) => (
                        <>
                          {i ? <br /> : null}
                          {l.roles}
                        </>
                      ))}
                    </td>
                    <td>
                      <StateBadge t={t} user={u} />
                    </td>
                  </tr>
                )
              })}
            </tbody>
          </table>
        </section>
      ) : (
        <p class="muted">{t('admin.users.none')}</p>
      )}
      <section aria-labelledby="add-user-h">
        <h2 id="add-user-h">{t('admin.add.title')}</h2>
        <p>{t('admin.add.intro')}</p>
        <ErrorBox message={error} />
        <form method="post" action={USERS} class="portal-form">
          <CsrfField token={c.get('csrfToken')} />
          <p>
            <label for="admin-name">{t('auth.field.name')}</label>
            <input
              id="admin-name"
              name="name"
              required
              maxlength={300}
              autocomplete="off"
              value={form?.name ?? ''}
            />
          </p>
          <p>
            <label for="admin-email">{t('auth.field.email')}</label>
            <input
              id="admin-email"
              name="email"
              type="email"
              required
              maxlength={254}
              autocomplete="off"
              value={form?.email ?? ''}
            />
          </p>
          <p>
            <label for="admin-organisation">{t('auth.field.organisation')}</label>
            <select id="admin-organisation" name="organisationId" required>
              {overseer ? <option value="">{t('admin.choose')}</option> : null}
              {organisations.map((o) => (
                <option value={String(o.id)} selected={o.id === chosenOrg}>
                  {organisationName(o, language)}
                </option>
              ))}
            </select>
          </p>
          <RoleBoxes t={t} idPrefix="add-role" checked={chosenRoles} />
          <p>
            <button type="submit">{t('admin.add.submit')}</button>
          </p>
        </form>
      </section>
    </PortalPage>
  )
}

/** Where a role may be held, shown beside it (the auth module's ROLE_KINDS decides). */
const ROLE_HINTS: Partial<Record<Role, MessageKey>> = {
  reviewer: 'admin.reviewerHint',
  operator: 'admin.operatorHint',
  signer: 'admin.signerHint',
}

function RoleBoxes({
  t,
  idPrefix,
  checked,
  legend,
}: {
  t: Translator
  idPrefix: string
  checked: readonly string[]
  legend?: string
}) {
  return (
    <fieldset>
      <legend>{legend ?? t('auth.field.roles')}</legend>
      {ROLES.map((role) => (
        <p class="checkbox">
          <input
            type="checkbox"
            id={`${idPrefix}-${role}`}
            name="roles"
            value={role}
            checked={checked.includes(role)}
          />{' '}
          <label for={`${idPrefix}-${role}`}>{t(`auth.role.${role}`)}</label>
          {ROLE_HINTS[role] ? <span class="muted"> — {t(ROLE_HINTS[role])}</span> : null}
        </p>
      ))}
    </fieldset>
  )
}

async function userPage(
  c: Context<AppEnv>,
  actor: Actor,
  id: number,
  options: { error?: string; done?: string },
) {
  const user = await getUserFor(db(c), actor, id)
  const organisations = await listOrganisationsFor(db(c), actor)
  const events = await adminEventsFor(db(c), actor, id)
  const names = new Map((await listUsers(db(c))).map((u) => [u.id, u.name]))
  return (
    <UserPage
      c={c}
      actor={actor}
      user={user}
      organisations={organisations}
      events={events}
      names={names}
      {...options}
    />
  )
}

function UserPage({
  c,
  actor,
  user,
  organisations,
  events,
  names,
  error,
  done,
}: {
  c: Context<AppEnv>
  actor: Actor
  user: AdministeredUser
  organisations: Organisation[]
  events: AdminEvent[]
  names: Map<number, string>
  error?: string
  done?: string
}) {
  const t = c.get('t')
  const language = c.get('language')
  const byId = new Map(organisations.map((o) => [o.id, o]))
  const orgIds = [...new Set(user.memberships.map((m) => m.organisationId))]
  const notice =
    done === 'roles'
      ? t('admin.user.rolesSaved')
      : done === 'disabled'
        ? t('admin.user.disabledDone')
        : done === 'enabled'
          ? t('admin.user.enabledDone')
          : undefined
  const title = t('admin.user.title', { name: user.name })
  return (
    <PortalPage c={c} title={title} tab="users">
      <p class="breadcrumbs">
        <a href={USERS}>{t('admin.user.back')}</a>
      </p>
      <h1>{title}</h1>
      {notice ? (
        <p class="notice" role="status">
          {notice}
        </p>
      ) : null}
      <ErrorBox message={error} />
      <dl class="facts">
        <dt>{t('auth.field.email')}</dt>
        <dd>{user.email}</dd>
        <dt>{t('admin.column.state')}</dt>
        <dd>
          <StateBadge t={t} user={user} />
        </dd>
      </dl>
      {orgIds.map((orgId) => (
        <section aria-labelledby={`roles-${orgId}-h`}>
          <h2 id={`roles-${orgId}-h`}>
            {t('admin.user.rolesIn', { organisation: organisationName(byId.get(orgId), language) })}
          </h2>
          <form method="post" action={`${userPath(user.id)}/roles`} class="portal-form">
            <CsrfField token={c.get('csrfToken')} />
            <input type="hidden" name="organisationId" value={String(orgId)} />
            <RoleBoxes
              t={t}
              idPrefix={`role-${orgId}`}
              checked={user.memberships
                .filter((m) => m.organisationId === orgId)
                .map((m) => m.role)}
            />
            <p>
              <button type="submit">{t('admin.user.saveRoles')}</button>
            </p>
          </form>
        </section>
      ))}
      <section aria-labelledby="access-h">
        <h2 id="access-h">{t('admin.user.access')}</h2>
        {user.id === actor.userId ? (
          <p class="muted">{t('admin.user.self')}</p>
        ) : (
          <form method="post" action={`${userPath(user.id)}/disabled`}>
            <CsrfField token={c.get('csrfToken')} />
            <input type="hidden" name="disabled" value={user.disabled ? '0' : '1'} />
            <p>{t(user.disabled ? 'admin.user.enableNote' : 'admin.user.disableNote')}</p>
            <button type="submit">
              {t(user.disabled ? 'admin.user.enable' : 'admin.user.disable')}
            </button>
          </form>
        )}
      </section>
      <section aria-labelledby="link-h">
        <h2 id="link-h">{t('admin.link.title')}</h2>
        <p>{t('admin.user.linkIntro')}</p>
        <form method="post" action={`${userPath(user.id)}/activation`}>
          <CsrfField token={c.get('csrfToken')} />
          <button type="submit">{t('admin.user.linkSubmit')}</button>
        </form>
      </section>
      {events.length ? (
        <section aria-labelledby="admin-history-h">
          <h2 id="admin-history-h">{t('admin.history.title')}</h2>
          <ol class="timeline">
            {events.map((e) => (
              <li>
                <time datetime={e.at}>{kzDateTime(e.at)}</time> —{' '}
                <strong>
                  {isMessageKey(`admin.event.${e.kind}`)
                    ? t(`admin.event.${e.kind}` as MessageKey)
                    : e.kind}
                </strong>
                {Array.isArray(e.details.after)
                  ? `: ${(e.details.after as string[]).join(', ')}`
                  : Array.isArray(e.details.roles)
                    ? `: ${(e.details.roles as string[]).join(', ')}`
                    : ''}
                {' · '}
                {e.actorUserId ? (names.get(e.actorUserId) ?? `#${e.actorUserId}`) : '—'}
              </li>
            ))}
          </ol>
        </section>
      ) : null}
    </PortalPage>
  )
}

function LinkPage({
  c,
  title,
  text,
  link,
  userId,
}: {
  c: Context<AppEnv>
  title: string
  text: string
  link?: string
  userId: number
}) {
  const t = c.get('t')
  return (
    <PortalPage c={c} title={title} tab="users">
      <p class="breadcrumbs">
        <a href={USERS}>{t('admin.user.back')}</a>
      </p>
      <h1>{title}</h1>
      <p role="status">{text}</p>
      {link ? (
        <>
          <p class="activation-link">
            <code>{link}</code>
          </p>
          <p class="notice">{t('admin.link.note')}</p>
        </>
      ) : null}
      <p>
        <a href={userPath(userId)}>{t('admin.link.toUser')}</a>
      </p>
    </PortalPage>
  )
}

async function organisationsPage(
  c: Context<AppEnv>,
  actor: Actor,
  options: { error?: string; form?: Record<string, string>; added?: number },
) {
  const organisations = await listOrganisationsFor(db(c), actor)
  return <OrganisationsPage c={c} actor={actor} organisations={organisations} {...options} />
}

function OrganisationsPage({
  c,
  actor,
  organisations,
  error,
  form = {},
  added,
}: {
  c: Context<AppEnv>
  actor: Actor
  organisations: Organisation[]
  error?: string
  form?: Record<string, string>
  added?: number
}) {
  const t = c.get('t')
  const language = c.get('language')
  const overseer = isOverseerAdmin(actor)
  const addedOrg = organisations.find((o) => o.id === added)
  return (
    <PortalPage c={c} title={t('admin.orgs.title')} tab="users">
      <p class="breadcrumbs">
        <a href={USERS}>{t('admin.user.back')}</a>
      </p>
      <h1>{t('admin.orgs.title')}</h1>
      {addedOrg ? (
        <p class="notice" role="status">
          {t('admin.orgs.added', { name: organisationName(addedOrg, language) })}
        </p>
      ) : null}
      <section class="table-scroll" tabindex={0} aria-label={t('admin.orgs.title')}>
        <table>
          <thead>
            <tr>
              <th scope="col">{t('admin.field.nameKk')}</th>
              <th scope="col">{t('admin.field.nameRu')}</th>
              <th scope="col">{t('admin.field.kind')}</th>
              <th scope="col">{t('admin.field.bin')}</th>
              <th scope="col">{t('admin.users.title')}</th>
            </tr>
          </thead>
          <tbody>
            {organisations.map((o) => (
              <tr>
                <td lang="kk">{o.nameKk}</td>
                <td lang="ru">{o.nameRu}</td>
                <td>
                  {t(`auth.kind.${o.kind}`)}
                  {o.level ? <span class="muted"> ({t(`auth.level.${o.level}`)})</span> : null}
                </td>
                <td>{o.bin ?? '—'}</td>
                <td>
                  <a href={overseer ? `${USERS}?organisation=${o.id}` : USERS}>
                    {t('admin.orgs.users')}
                  </a>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      {overseer ? (
        <section aria-labelledby="add-org-h">
          <h2 id="add-org-h">{t('admin.orgs.addTitle')}</h2>
          <ErrorBox message={error} />
          <form method="post" action={ORGANISATIONS} class="portal-form">
            <CsrfField token={c.get('csrfToken')} />
            <p>
              <label for="org-kind">{t('admin.field.kind')}</label>
              <select id="org-kind" name="kind" required>
                <option value="">{t('admin.choose')}</option>
                {ORGANISATION_KINDS.map((k) => (
                  <option value={k} selected={form.kind === k}>
                    {t(`auth.kind.${k}`)}
                  </option>
                ))}
              </select>
            </p>
            <p>
              <label for="org-level">{t('admin.field.level')}</label>
              <select id="org-level" name="level">
                <option value="">{t('admin.field.levelNone')}</option>
                {ADMINISTRATIVE_LEVELS.map((l) => (
                  <option value={l} selected={form.level === l}>
                    {t(`auth.level.${l}`)}
                  </option>
                ))}
              </select>
            </p>
            <p>
              <label for="org-nameKk">{t('admin.field.nameKk')}</label>
              <input
                id="org-nameKk"
                name="nameKk"
                lang="kk"
                required
                maxlength={500}
                value={form.nameKk ?? ''}
              />
            </p>
            <p>
              <label for="org-nameRu">{t('admin.field.nameRu')}</label>
              <input
                id="org-nameRu"
                name="nameRu"
                lang="ru"
                required
                maxlength={500}
                value={form.nameRu ?? ''}
              />
            </p>
            <p>
              <label for="org-bin">{t('admin.field.bin')}</label>
              <input
                id="org-bin"
                name="bin"
                inputmode="numeric"
                maxlength={20}
                value={form.bin ?? ''}
              />
            </p>
            <p>
              <button type="submit">{t('admin.orgs.addSubmit')}</button>
            </p>
          </form>
        </section>
      ) : null}
    </PortalPage>
  )
}
