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
 *
 * Claiming an account (GET/POST /citizen/claim?iin=…): registering proves nothing, so someone may
 * register another person's IIN first. Its owner takes the account back by signing, with their
 * own EDS certificate (this IIN, no BIN), the text of {@link claimChallenge}: it names the IIN,
 * is bound to this browser (a hash of its CSRF token, so a signature copied to another browser
 * does not work there) and to the moment the page was shown (accepted for 15 minutes, at most a
 * minute ahead). The signature is checked by the e-services' verifier (no verifier: 503); then
 * the account gets the name, e-mail and password given, all its sessions end and the owner is
 * signed in (rotation as at sign-in).
 */
import { createHash } from 'node:crypto'
import type { Context, Hono } from 'hono'
import { getCookie } from 'hono/cookie'
import type { Child } from 'hono/jsx'
import {
  endPersonSession,
  findPersonByIin,
  loginPerson,
  normaliseIin,
  openPersonSession,
  PASSWORD_MAX_LENGTH,
  PASSWORD_MIN_LENGTH,
  type Person,
  personClaimStamp,
  registerPerson,
  replacePersonCredentials,
} from '../../../auth/index.js'
import { AppError, InputError } from '../../../core/index.js'
import { isMessageKey, type MessageKey, type Translator } from '../../../i18n/index.js'
import {
  CSRF_COOKIE,
  clearPersonCookie,
  PERSON_COOKIE,
  PERSON_HOME,
  PERSON_LOGIN_PATH,
  PERSON_LOGOUT_PATH,
  PERSON_REGISTER_PATH,
  rateLimitMessage,
  safeNext,
  setPersonCookie,
  signInRequest,
} from '../../auth.js'
import type { AppEnv } from '../../context.js'
import { CsrfField, NewPasswordFields } from '../../forms.js'
import { Layout } from '../../layout.js'
import { timeOfDay } from '../auth/labels.js'
import { sendDataToSign } from '../services/downloads.js'

const IIN_MAX_INPUT = 20
const NAME_MAX_INPUT = 300
/** Where the owner of an IIN claims its account with their EDS. */
export const PERSON_CLAIM_PATH = '/citizen/claim'
/** How long the text to sign is accepted after the claim page showed it. */
export const CLAIM_VALID_MS = 15 * 60 * 1000
/** How far ahead of the server's clock the text's time may be. */
const CLAIM_AHEAD_MS = 60 * 1000
/** Longest signature text read (a CMS signature with its certificate is a few kilobytes). */
const SIGNATURE_MAX_INPUT = 100_000
const ISO_INSTANT = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/

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
  claimIin,
}: {
  c: Context<AppEnv>
  next: string
  values?: RegisterValues
  error?: string
  /** The IIN registered already: the page offers to claim its account. */
  claimIin?: string
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
      {claimIin ? (
        <p class="notice">
          {t('persons.register.claimOffer')}{' '}
          <a href={claimHref(claimIin)}>{t('persons.register.claimLink')}</a>
        </p>
      ) : null}
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

function claimHref(iin: string): string {
  return `${PERSON_CLAIM_PATH}?iin=${encodeURIComponent(iin)}`
}

/**
 * The exact text the owner of `iin` signs to claim its account: the IIN, the first 16 hex digits
 * of sha256(`csrfToken`) (the browser's token, not the token itself) and the instant `at`, each
 * on its own line, ending with a newline. The POST rebuilds it from the IIN, the request's CSRF
 * token and the posted time, so a signature fits only this IIN, this browser and this moment.
 * @example claimChallenge('900101300017', token, new Date('2026-11-26T10:00:00.000Z'))
 * // 'e-akimat: I claim the applicant account of IIN 900101300017\nToken: 3f…\nTime: 2026-11-26T10:00:00.000Z\n'
 */
export function claimChallenge(iin: string, csrfToken: string, at: Date, account: string): string {
  const token = createHash('sha256').update(csrfToken, 'utf8').digest('hex').slice(0, 16)
  return `e-akimat: I claim the applicant account of IIN ${iin}\nAccount: ${account}\nToken: ${token}\nTime: ${at.toISOString()}\n`
}

/**
 * The instant of a claim text as the form posted it back (ISO, exactly as `toISOString` writes
 * it), when it is at most {@link CLAIM_VALID_MS} old and at most a minute ahead of `now`;
 * otherwise undefined (expired, from the future, or not an instant).
 */
function claimTime(value: string, now: Date): Date | undefined {
  if (!ISO_INSTANT.test(value)) return undefined
  const at = new Date(value)
  if (Number.isNaN(at.getTime()) || at.toISOString() !== value) return undefined
  const age = now.getTime() - at.getTime()
  return age > CLAIM_VALID_MS || age < -CLAIM_AHEAD_MS ? undefined : at
}

/** The IIN of a claim page's address, checked; an InputError when it is malformed. */
function claimIinOf(value: string): string {
  return normaliseIin(value.slice(0, IIN_MAX_INPUT))
}

/** The first step of a claim: which IIN (or why that one cannot be claimed). */
function ClaimIinPage({
  c,
  iin = '',
  error,
  register,
}: {
  c: Context<AppEnv>
  iin?: string
  error?: string
  /** Offer registration instead: no account has the IIN. */
  register?: boolean
}) {
  const t = c.get('t')
  return (
    <CitizenPage c={c} title={t('persons.claim.title')}>
      <h1>{t('persons.claim.title')}</h1>
      <ErrorMessage message={error} />
      {register ? (
        <p>
          <a href={PERSON_REGISTER_PATH}>{t('persons.claim.registerLink')}</a>
        </p>
      ) : null}
      <p class="lead">{t('persons.claim.askIin')}</p>
      <form method="get" action={PERSON_CLAIM_PATH} class="auth-form">
        <IinField t={t} id="citizen-claim-iin" value={iin} />
        <p>
          <button type="submit">{t('persons.claim.next')}</button>
        </p>
      </form>
    </CitizenPage>
  )
}

/**
 * The claim itself: the text to sign (on the page and as a download), how to sign it, and the
 * form with the new name, e-mail, password and the signature.
 */
function ClaimPage({
  c,
  iin,
  at,
  account,
  values = { iin, name: '', email: '' },
  signature = '',
  error,
}: {
  c: Context<AppEnv>
  iin: string
  /** The instant in the text to sign (the hidden `time` field). */
  at: Date
  /** The account's stamp now (`personClaimStamp`): the text names it. */
  account: string
  values?: RegisterValues
  signature?: string
  error?: string
}) {
  const t = c.get('t')
  const time = at.toISOString()
  const fileName = `claim-${iin}-data-to-sign.txt`
  const download = `${PERSON_CLAIM_PATH}/challenge?iin=${iin}&time=${encodeURIComponent(time)}`
  return (
    <CitizenPage c={c} title={t('persons.claim.title')}>
      <h1>{t('persons.claim.title')}</h1>
      <p class="lead">{t('persons.claim.intro', { iin })}</p>
      <ErrorMessage message={error} />
      <ol>
        <li>
          {t('services.sign.step1')} <a href={download}>{t('services.sign.download')}</a>
        </li>
        <li>
          {t('services.sign.step2')}
          <br />
          <code class="command">
            {`npm run --silent cli -- services sign --key certs/${iin}.key.pem --cert certs/${iin}.cert.pem --in ${fileName}`}
          </code>
          <br />
          <span class="hint">{t('services.sign.demoCertificate')}</span>
          <br />
          <code class="command">
            {`npm run --silent cli -- services demo-certificate --iin ${iin} --name "…" --out certs`}
          </code>
        </li>
        <li>{t('services.sign.step3')}</li>
      </ol>
      <h2 id="claim-data-h">{t('services.sign.data')}</h2>
      <pre class="data-to-sign">{claimChallenge(iin, c.get('csrfToken'), at, account)}</pre>
      <p class="muted">{t('persons.claim.validity')}</p>
      <p>{t('persons.password.policy', { min: PASSWORD_MIN_LENGTH })}</p>
      <form method="post" action={claimHref(iin)} class="auth-form">
        <CsrfField token={c.get('csrfToken')} />
        <input type="hidden" name="time" value={time} />
        <p>
          <label for="citizen-claim-name">{t('persons.field.name')}</label>
          <br />
          <input
            type="text"
            id="citizen-claim-name"
            name="name"
            value={values.name}
            autocomplete="name"
            required
            maxlength={NAME_MAX_INPUT}
          />
        </p>
        <p>
          <label for="citizen-claim-email">{t('persons.field.email')}</label>
          <br />
          <input
            type="email"
            id="citizen-claim-email"
            name="email"
            value={values.email}
            autocomplete="email"
            maxlength={254}
          />
        </p>
        <NewPasswordFields t={t} id="citizen-claim" />
        <p>
          <label for="citizen-claim-signature">{t('services.sign.field')}</label>
          <br />
          <textarea
            id="citizen-claim-signature"
            name="signature"
            rows={6}
            required
            spellcheck={false}
            aria-describedby="citizen-claim-signature-hint"
          >
            {signature}
          </textarea>
          <br />
          <small id="citizen-claim-signature-hint" class="muted">
            {t('services.sign.hint')}
          </small>
        </p>
        <p>
          <button type="submit">{t('persons.claim.submit')}</button>
        </p>
      </form>
    </CitizenPage>
  )
}

/** Why a claim's signature is not accepted, as a message key. */
function signatureFailureKey(reason: string): MessageKey {
  if (reason === 'data-mismatch') return 'persons.claim.dataMismatch'
  const key = `services.signature.${reason}`
  return isMessageKey(key) ? key : 'services.signature.malformed'
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

/**
 * Registers the applicants' pages: /citizen/register, /citizen/login, /citizen/logout and the
 * claim of an account with an EDS (/citizen/claim, /citizen/claim/challenge).
 */
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
      const taken = error.messageKey === 'persons.error.iinTaken' ? error.params.iin : undefined
      return c.html(
        <RegisterPage
          c={c}
          next={next}
          values={values}
          error={translated(t, error)}
          claimIin={taken === undefined ? undefined : String(taken)}
        />,
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
      request: signInRequest(c),
    })
    noStore(c)
    if (!result.ok) {
      const error =
        result.reason === 'rate-limited'
          ? rateLimitMessage(c, result.retryAfterSeconds)
          : result.reason === 'locked'
            ? t('persons.login.locked', { time: timeOfDay(result.lockedUntil) })
            : t('persons.login.invalid')
      const status = result.reason === 'rate-limited' ? 429 : result.reason === 'locked' ? 423 : 401
      return c.html(
        <LoginPage c={c} next={next} iin={iin.slice(0, IIN_MAX_INPUT)} error={error} />,
        status,
      )
    }
    // Rotation: the session this browser had ends; the new one replaces it.
    const previous = getCookie(c, PERSON_COOKIE)
    if (previous) await endPersonSession(db, previous)
    setPersonCookie(c, result.token)
    return c.redirect(destination(next), 303)
  })

  app.get(PERSON_CLAIM_PATH, async (c) => {
    const t = c.get('t')
    noStore(c)
    const raw = c.req.query('iin') ?? ''
    if (!raw.trim()) return c.html(<ClaimIinPage c={c} />)
    const shown = raw.slice(0, IIN_MAX_INPUT)
    let iin: string
    try {
      iin = claimIinOf(raw)
    } catch (error) {
      if (!(error instanceof InputError)) throw error
      return c.html(<ClaimIinPage c={c} iin={shown} error={translated(t, error)} />, 400)
    }
    if (!(await findPersonByIin(c.get('services').database.db, iin))) {
      const error = t('persons.claim.noAccount', { iin })
      return c.html(<ClaimIinPage c={c} iin={iin} error={error} register />, 404)
    }
    const account = (await personClaimStamp(c.get('services').database.db, iin)) ?? ''
    if (!c.get('services').services) {
      const error = t('persons.claim.unavailable')
      return c.html(
        <ClaimPage c={c} iin={iin} at={new Date()} account={account} error={error} />,
        503,
      )
    }
    return c.html(<ClaimPage c={c} iin={iin} at={new Date()} account={account} />)
  })

  app.get(`${PERSON_CLAIM_PATH}/challenge`, async (c) => {
    const iin = claimIinOf(c.req.query('iin') ?? '')
    const at = claimTime(c.req.query('time') ?? '', new Date())
    if (!at) {
      throw new InputError('The text to sign has expired', 'persons.claim.expired', {})
    }
    // Signed out, the token is the double-submit cookie's: without that cookie it would be a new
    // one each time, so the text would never match. The claim page sets the cookie.
    const bound = c.get('session') || c.get('personSession')
    if (!bound && getCookie(c, CSRF_COOKIE) !== c.get('csrfToken')) {
      return c.redirect(claimHref(iin), 303)
    }
    const account = (await personClaimStamp(c.get('services').database.db, iin)) ?? ''
    return sendDataToSign(c, `claim-${iin}`, claimChallenge(iin, c.get('csrfToken'), at, account))
  })

  app.post(PERSON_CLAIM_PATH, async (c) => {
    const t = c.get('t')
    const body = await c.req.parseBody()
    const db = c.get('services').database.db
    noStore(c)
    const raw = c.req.query('iin') ?? field(body, 'iin')
    let iin: string
    try {
      iin = claimIinOf(raw)
    } catch (error) {
      if (!(error instanceof InputError)) throw error
      const shown = raw.slice(0, IIN_MAX_INPUT)
      return c.html(<ClaimIinPage c={c} iin={shown} error={translated(t, error)} />, 400)
    }
    if (!(await findPersonByIin(db, iin))) {
      const error = t('persons.claim.noAccount', { iin })
      return c.html(<ClaimIinPage c={c} iin={iin} error={error} register />, 400)
    }
    const values: RegisterValues = {
      iin,
      name: field(body, 'name').slice(0, NAME_MAX_INPUT),
      email: field(body, 'email').slice(0, 254),
    }
    const now = new Date()
    const at = claimTime(field(body, 'time'), now)
    const account = (await personClaimStamp(db, iin)) ?? ''
    const signature = field(body, 'signature').trim()
    // The page again: the same text while it is still accepted (the signature kept when it was
    // not what failed), else a new one.
    const again = (error: string, status: 400 | 403 | 503, keepSignature = false) =>
      c.html(
        <ClaimPage
          c={c}
          iin={iin}
          at={at ?? now}
          account={account}
          values={values}
          signature={keepSignature && at ? signature.slice(0, SIGNATURE_MAX_INPUT) : ''}
          error={error}
        />,
        status,
      )
    const services = c.get('services').services
    if (!services) return again(t('persons.claim.unavailable'), 503)
    if (!at) return again(t('persons.claim.expired'), 400)
    const password = field(body, 'password')
    if (password !== field(body, 'password2')) {
      return again(t('auth.error.passwordMismatch'), 400, true)
    }
    if (!signature) return again(t('services.error.signatureEmpty'), 400)
    if (signature.length > SIGNATURE_MAX_INPUT) return again(t('services.signature.malformed'), 400)
    const check = await services.adapters.signatures.verify({
      signature,
      // The account's stamp as it is now: a signature used once no longer matches it.
      data: new TextEncoder().encode(claimChallenge(iin, c.get('csrfToken'), at, account)),
      at: now,
    })
    if (!check.ok) return again(t(signatureFailureKey(check.reason)), 400)
    // A person's own certificate: issued to this IIN, and not a company's (no BIN).
    if (check.signer.iin !== iin) return again(t('persons.claim.otherIin', { iin }), 400)
    if (check.signer.bin !== null) return again(t('persons.claim.company'), 400)
    let claimed: Awaited<ReturnType<typeof replacePersonCredentials>>
    try {
      claimed = await replacePersonCredentials(db, iin, {
        name: values.name,
        email: values.email,
        password,
      })
    } catch (error) {
      if (!(error instanceof AppError)) throw error
      return again(translated(t, error), 400, true)
    }
    c.get('services').logger.info(
      {
        requestId: c.get('requestId'),
        personId: claimed.personId,
        certificate: check.signer.serialNumber,
        issuer: check.signer.issuer,
      },
      'applicant account claimed with an EDS',
    )
    const { disabled, ...person } = claimed
    if (disabled) return again(t('persons.claim.disabled'), 403)
    await signIn(c, person)
    return c.redirect(PERSON_HOME, 303)
  })

  app.post(PERSON_LOGOUT_PATH, async (c) => {
    const token = getCookie(c, PERSON_COOKIE)
    if (token) await endPersonSession(c.get('services').database.db, token)
    clearPersonCookie(c)
    return c.redirect('/', 303)
  })
}
