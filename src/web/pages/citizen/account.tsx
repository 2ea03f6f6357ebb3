/**
 * @module
 * Applicants' accounts in the browser: registration (GET/POST /citizen/register), sign-in
 * (GET/POST /citizen/login) and sign-out (POST /citizen/logout) of citizens and company
 * representatives, who sign in with their IIN. Their session lives in its own cookie
 * (`eakimat_person`, src/web/auth.ts), so a staff user and an applicant may be signed in in the
 * same browser at once; signing one in or out leaves the other alone.
 *
 * A new session is opened at every sign-in and registration and the browser's previous applicant
 * session is ended then (rotation). A wrong IIN or password gets one message whatever was wrong;
 * a locked account says until when.
 */
import type { Context, Hono } from 'hono'
import { getCookie } from 'hono/cookie'
import type { Child } from 'hono/jsx'
import {
  endPersonSession,
  loginPerson,
  openPersonSession,
  PASSWORD_MAX_LENGTH,
  PASSWORD_MIN_LENGTH,
  type Person,
  registerPerson,
} from '../../../auth/index.js'
import { AppError } from '../../../core/index.js'
import { isMessageKey, type Translator } from '../../../i18n/index.js'
import {
  clearPersonCookie,
  PERSON_COOKIE,
  PERSON_HOME,
  PERSON_LOGIN_PATH,
  PERSON_LOGOUT_PATH,
  PERSON_REGISTER_PATH,
  safeNext,
  setPersonCookie,
} from '../../auth.js'
import type { AppEnv } from '../../context.js'
import { CsrfField } from '../../forms.js'
import { Layout } from '../../layout.js'
import { timeOfDay } from '../auth/labels.js'

const IIN_MAX_INPUT = 20
const NAME_MAX_INPUT = 300

type Body = Record<string, unknown>

function field(body: Body, name: string): string {
  const value = body[name]
  return typeof value === 'string' ? value : ''
}

/** `next` as given, made safe; `/` (nowhere in particular) becomes the applicant's home. */
function destination(value: unknown): string {
  const next = safeNext(value)
  return next === '/' ? PERSON_HOME : next
}

function noStore(c: Context<AppEnv>) {
  c.header('Cache-Control', 'no-store')
}

function translated(t: Translator, error: AppError): string {
  return isMessageKey(error.messageKey) ? t(error.messageKey, error.params) : error.message
}

function ErrorMessage({ message }: { message?: string }) {
  if (!message) return null
  return (
    <p class="error-message" role="alert">
      {message}
    </p>
  )
}

function CitizenPage({
  c,
  title,
  children,
}: {
  c: Context<AppEnv>
  title: string
  children?: Child
}) {
  const t = c.get('t')
  return (
    <Layout
      t={t}
      language={c.get('language')}
      url={c.req.url}
      title={title}
      actor={c.get('actor') ?? null}
      csrfToken={c.get('csrfToken')}
    >
      {children}
    </Layout>
  )
}

function IinField({ t, id, value }: { t: Translator; id: string; value: string }) {
  return (
    <p>
      <label for={id}>{t('persons.field.iin')}</label>
      <br />
      <input
        type="text"
        id={id}
        name="iin"
        value={value}
        inputmode="numeric"
        autocomplete="username"
        required
        maxlength={IIN_MAX_INPUT}
        aria-describedby={`${id}-hint`}
      />
      <br />
      <small id={`${id}-hint`} class="muted">
        {t('persons.field.iinHint')}
      </small>
    </p>
  )
}

function LoginPage({
  c,
  next,
  iin = '',
  error,
}: {
  c: Context<AppEnv>
  next: string
  iin?: string
  error?: string
}) {
  const t = c.get('t')
  const register =
    next === '/' ? PERSON_REGISTER_PATH : `${PERSON_REGISTER_PATH}?next=${encodeURIComponent(next)}`
  return (
    <CitizenPage c={c} title={t('persons.login.title')}>
      <h1>{t('persons.login.title')}</h1>
      <p class="lead">{t('persons.login.intro')}</p>
      <ErrorMessage message={error} />
      <form method="post" action={PERSON_LOGIN_PATH} class="auth-form">
        <CsrfField token={c.get('csrfToken')} />
        <input type="hidden" name="next" value={next} />
        <IinField t={t} id="citizen-login-iin" value={iin} />
        <p>
          <label for="citizen-login-password">{t('persons.field.password')}</label>
          <br />
          <input
            type="password"
            id="citizen-login-password"
            name="password"
            autocomplete="current-password"
            required
            maxlength={PASSWORD_MAX_LENGTH}
          />
        </p>
        <p>
          <button type="submit">{t('persons.login.submit')}</button>
        </p>
      </form>
      <p>
        {t('persons.login.noAccount')} <a href={register}>{t('persons.login.registerLink')}</a>
      </p>
      <p class="muted">
        <a href="/login">{t('persons.login.staffLink')}</a>
      </p>
    </CitizenPage>
  )
}

interface RegisterValues {
  iin: string
  name: string
  email: string
}

function RegisterPage({
  c,
  next,
  values = { iin: '', name: '', email: '' },
  error,
}: {
  c: Context<AppEnv>
  next: string
  values?: RegisterValues
  error?: string
}) {
  const t = c.get('t')
  const login =
    next === '/' ? PERSON_LOGIN_PATH : `${PERSON_LOGIN_PATH}?next=${encodeURIComponent(next)}`
  return (
    <CitizenPage c={c} title={t('persons.register.title')}>
      <h1>{t('persons.register.title')}</h1>
      <p class="lead">{t('persons.register.intro')}</p>
      <p>{t('persons.password.policy', { min: PASSWORD_MIN_LENGTH })}</p>
      <ErrorMessage message={error} />
      <form method="post" action={PERSON_REGISTER_PATH} class="auth-form">
        <CsrfField token={c.get('csrfToken')} />
        <input type="hidden" name="next" value={next} />
        <IinField t={t} id="citizen-register-iin" value={values.iin} />
        <p>
          <label for="citizen-register-name">{t('persons.field.name')}</label>
          <br />
          <input
            type="text"
            id="citizen-register-name"
            name="name"
            value={values.name}
            autocomplete="name"
            required
            maxlength={NAME_MAX_INPUT}
          />
        </p>
        <p>
          <label for="citizen-register-email">{t('persons.field.email')}</label>
          <br />
          <input
            type="email"
            id="citizen-register-email"
            name="email"
            value={values.email}
            autocomplete="email"
            maxlength={254}
          />
        </p>
        {[
          { suffix: '', name: 'password', label: t('persons.field.password') },
          { suffix: '2', name: 'password2', label: t('persons.field.repeatPassword') },
        ].map((f) => (
          <p>
            <label for={`citizen-register-password${f.suffix}`}>{f.label}</label>
            <br />
            <input
              type="password"
              id={`citizen-register-password${f.suffix}`}
              name={f.name}
              autocomplete="new-password"
              required
              minlength={PASSWORD_MIN_LENGTH}
              maxlength={PASSWORD_MAX_LENGTH}
            />
          </p>
        ))}
        <p>
          <button type="submit">{t('persons.register.submit')}</button>
        </p>
      </form>
      <p>
        {t('persons.register.haveAccount')} <a href={login}>{t('persons.register.loginLink')}</a>
      </p>
    </CitizenPage>
  )
}

/**
 * Opens a new applicant session for `person` and puts it in the cookie, ending the one the
 * browser had (rotation).
 */
async function signIn(c: Context<AppEnv>, person: Person): Promise<void> {
  const db = c.get('services').database.db
  const previous = getCookie(c, PERSON_COOKIE)
  if (previous) await endPersonSession(db, previous)
  const { token } = await openPersonSession(db, person, {
    userAgent: c.req.header('user-agent') ?? null,
  })
  setPersonCookie(c, token)
}

/** Registers the applicants' pages: /citizen/register, /citizen/login, /citizen/logout. */
export function registerCitizenPages(app: Hono<AppEnv>): void {
  app.get(PERSON_REGISTER_PATH, (c) => {
    const next = safeNext(c.req.query('next'))
    if (c.get('person')) return c.redirect(destination(next), 303)
    noStore(c)
    return c.html(<RegisterPage c={c} next={next} />)
  })

  app.post(PERSON_REGISTER_PATH, async (c) => {
    const t = c.get('t')
    const body = await c.req.parseBody()
    const next = safeNext(field(body, 'next'))
    const values: RegisterValues = {
      iin: field(body, 'iin').slice(0, IIN_MAX_INPUT),
      name: field(body, 'name').slice(0, NAME_MAX_INPUT),
      email: field(body, 'email').slice(0, 254),
    }
    const password = field(body, 'password')
    noStore(c)
    if (password !== field(body, 'password2')) {
      return c.html(
        <RegisterPage c={c} next={next} values={values} error={t('auth.error.passwordMismatch')} />,
        400,
      )
    }
    let person: Person
    try {
      person = await registerPerson(c.get('services').database.db, {
        iin: field(body, 'iin'),
        name: field(body, 'name'),
        email: field(body, 'email'),
        password,
      })
    } catch (error) {
      if (!(error instanceof AppError)) throw error
      const status = error.status === 409 ? 409 : 400
      return c.html(
        <RegisterPage c={c} next={next} values={values} error={translated(t, error)} />,
        status,
      )
    }
    await signIn(c, person)
    return c.redirect(destination(next), 303)
  })

  app.get(PERSON_LOGIN_PATH, (c) => {
    const next = safeNext(c.req.query('next'))
    if (c.get('person')) return c.redirect(destination(next), 303)
    noStore(c)
    return c.html(<LoginPage c={c} next={next} />)
  })

  app.post(PERSON_LOGIN_PATH, async (c) => {
    const t = c.get('t')
    const body = await c.req.parseBody()
    const iin = field(body, 'iin')
    const next = safeNext(field(body, 'next'))
    const db = c.get('services').database.db
    const result = await loginPerson(db, {
      iin,
      password: field(body, 'password'),
      userAgent: c.req.header('user-agent') ?? null,
    })
    noStore(c)
    if (!result.ok) {
      const error =
        result.reason === 'locked'
          ? t('persons.login.locked', { time: timeOfDay(result.lockedUntil) })
          : t('persons.login.invalid')
      return c.html(
        <LoginPage c={c} next={next} iin={iin.slice(0, IIN_MAX_INPUT)} error={error} />,
        result.reason === 'locked' ? 423 : 401,
      )
    }
    // Rotation: the session this browser had ends; the new one replaces it.
    const previous = getCookie(c, PERSON_COOKIE)
    if (previous) await endPersonSession(db, previous)
    setPersonCookie(c, result.token)
    return c.redirect(destination(next), 303)
  })

  app.post(PERSON_LOGOUT_PATH, async (c) => {
    const token = getCookie(c, PERSON_COOKIE)
    if (token) await endPersonSession(c.get('services').database.db, token)
    clearPersonCookie(c)
    return c.redirect('/', 303)
  })
}
