/**
 * @module
 * Public verification of result and refusal documents by their code: a form to enter a code,
 * the code's page (that it exists and its signature holds, and only what the applicant chose to
 * share), a check whether an uploaded PDF is the document issued under the code (which then
 * shows its details to the holder), and the document and its `.p7s` when the applicant shared
 * it. Unknown codes are a 404 page that says so.
 */
import type { Context, Hono } from 'hono'
import type { Translator } from '../../../i18n/index.js'
import {
  MAX_ATTACHMENT_BYTES,
  matchesIssuedDocument,
  normaliseVerificationCode,
  sharedDocument,
  type Verification,
  verification,
} from '../../../services/index.js'
import type { AppEnv } from '../../context.js'
import { CsrfField } from '../../forms.js'
import { ErrorBox } from '../portal/frame.js'
import { formatSize } from './detail.js'
import { sendResultPdf, sendSignature } from './downloads.js'
import { dbOf, orgName, ServicesPage, serviceNameOf, servicesContext } from './frame.js'

/** Registers /verify, /verify/:code (GET, POST) and /verify/:code/document. */
export function registerVerifyPages(app: Hono<AppEnv>): void {
  app.get('/verify', (c) => {
    const typed = c.req.query('code')
    if (typed !== undefined) {
      const code = normaliseVerificationCode(typed)
      if (code) return c.redirect(`/verify/${code}`, 303)
      return c.html(
        <VerifyForm
          c={c}
          value={typed.slice(0, 64)}
          error={c.get('t')('services.verify.badCode')}
        />,
        400,
      )
    }
    return c.html(<VerifyForm c={c} value="" />)
  })

  app.get('/verify/:code', async (c) => {
    const found = await verification(dbOf(c), c.req.param('code'), servicesContext(c))
    if (!found) return notFound(c)
    return c.html(<VerifyPage c={c} v={found} />)
  })

  app.post('/verify/:code', async (c) => {
    const t = c.get('t')
    const db = dbOf(c)
    const found = await verification(db, c.req.param('code'), servicesContext(c))
    if (!found) return notFound(c)
    const body = (await c.req.parseBody()) as Record<string, unknown>
    const file = body.document
    if (!(file instanceof File) || file.size === 0) {
      return c.html(<VerifyPage c={c} v={found} error={t('services.verify.noFile')} />, 400)
    }
    if (file.size > MAX_ATTACHMENT_BYTES) {
      return c.html(
        <VerifyPage
          c={c}
          v={found}
          error={t('services.verify.tooLarge', { max: formatSize(t, MAX_ATTACHMENT_BYTES) })}
        />,
        413,
      )
    }
    const same = await matchesIssuedDocument(
      db,
      found.code,
      new Uint8Array(await file.arrayBuffer()),
    )
    // Whoever holds the issued document may see its details: they are printed on it.
    const shown =
      same === true
        ? ((await verification(db, found.code, servicesContext(c), { holdsDocument: true })) ??
          found)
        : found
    return c.html(<VerifyPage c={c} v={shown} match={same === true} checked />)
  })

  app.get('/verify/:code/document.p7s', async (c) => {
    const code = normaliseVerificationCode(c.req.param('code'))
    const document = code ? await sharedDocument(dbOf(c), servicesContext(c), code) : undefined
    if (!document?.signature) return notFound(c, true)
    return sendSignature(c, {
      bytes: new Uint8Array(Buffer.from(document.signature, 'base64')),
      fileName: `${document.fileName}.p7s`,
    })
  })

  app.get('/verify/:code/document', async (c) => {
    const code = normaliseVerificationCode(c.req.param('code'))
    const document = code ? await sharedDocument(dbOf(c), servicesContext(c), code) : undefined
    if (!document) return notFound(c, true)
    return sendResultPdf(c, document)
  })
}

function notFound(c: Context<AppEnv>, document = false) {
  const t = c.get('t')
  const typed = c.req.param('code') ?? ''
  return c.html(
    <ServicesPage c={c} title={t('services.verify.notFoundTitle')} tab="verify">
      <h1>{t('services.verify.notFoundTitle')}</h1>
      <p class="error-message" role="alert">
        {document
          ? t('services.verify.documentNotShared')
          : t('services.verify.notFound', { code: typed.slice(0, 64) })}
      </p>
      <p>{t('services.verify.notFoundHint')}</p>
      <CodeForm t={t} value={typed.slice(0, 64)} />
    </ServicesPage>,
    404,
  )
}

function CodeForm({ t, value }: { t: Translator; value: string }) {
  return (
    <form method="get" action="/verify" class="portal-form">
      <p>
        <label for="code">{t('services.verify.code')}</label>
        <input
          id="code"
          name="code"
          value={value}
          maxlength={64}
          autocomplete="off"
          spellcheck={false}
          placeholder="XXXX-XXXX-XXXX"
          aria-describedby="code-hint"
          required
        />
        <span class="hint" id="code-hint">
          {t('services.verify.codeHint')}
        </span>
      </p>
      <p>
        <button type="submit">{t('services.verify.submit')}</button>
      </p>
    </form>
  )
}

function VerifyForm({ c, value, error }: { c: Context<AppEnv>; value: string; error?: string }) {
  const t = c.get('t')
  return (
    <ServicesPage c={c} title={t('services.verify.title')} tab="verify">
      <h1>{t('services.verify.title')}</h1>
      <p class="lead">{t('services.verify.intro')}</p>
      <ErrorBox message={error} />
      <CodeForm t={t} value={value} />
    </ServicesPage>
  )
}

function VerifyPage({
  c,
  v,
  error,
  match,
  checked,
}: {
  c: Context<AppEnv>
  v: Verification
  error?: string
  match?: boolean
  checked?: boolean
}) {
  const t = c.get('t')
  const language = c.get('language')
  const base = `/verify/${v.code}`
  return (
    <ServicesPage c={c} title={t('services.verify.codeTitle', { code: v.code })} tab="verify">
      <p class="breadcrumbs">
        <a href="/verify">{t('services.verify.title')}</a>
      </p>
      <h1>
        {t('services.verify.found')} <span class="code">{v.code}</span>
      </h1>
      {checked ? (
        <p class={match ? 'notice verified' : 'notice not-verified'} role="status">
          <strong>{match ? t('services.verify.match') : t('services.verify.noMatch')}</strong>
        </p>
      ) : null}
      <ErrorBox message={error} />
      {v.detailsShown ? null : <p class="hint">{t('services.verify.detailsHidden')}</p>}
      <dl class="facts narrow-stack">
        {v.kind && v.serviceCode && v.providerName && v.issuedOn ? (
          <>
            <dt>{t('services.verify.kind')}</dt>
            <dd>
              {v.kind === 'result'
                ? t('services.verify.kindResult')
                : t('services.verify.kindRefusal')}
            </dd>
            <dt>{t('services.verify.service')}</dt>
            <dd>{serviceNameOf(v.serviceCode, language)}</dd>
            <dt>{t('services.verify.provider')}</dt>
            <dd>{orgName({ nameKk: v.providerName.kk, nameRu: v.providerName.ru }, language)}</dd>
            <dt>{t('services.verify.issued')}</dt>
            <dd>
              <time datetime={v.issuedOn}>{v.issuedOn}</time>
            </dd>
          </>
        ) : null}
        <dt>{t('services.verify.signer')}</dt>
        <dd>
          {v.signer.name ?? t('services.verify.notSignedYet')}
          {v.signer.serial ? (
            <>
              <br />
              <span class="muted">
                {t('services.verify.serial')} <span class="code wrap">{v.signer.serial}</span>
              </span>
            </>
          ) : null}
        </dd>
        <dt>{t('services.verify.signature')}</dt>
        <dd>
          {v.signatureValid === true
            ? t('services.verify.signatureValid')
            : v.signatureValid === false
              ? t('services.verify.signatureInvalid')
              : t('services.verify.notSignedYet')}
        </dd>
        {v.sha256 ? (
          <>
            <dt>SHA-256</dt>
            <dd class="code wrap">{v.sha256}</dd>
          </>
        ) : null}
        {v.recipientName !== null ? (
          <>
            <dt>{t('services.verify.recipient')}</dt>
            <dd>{v.recipientName}</dd>
          </>
        ) : null}
        {v.applicationNumber !== null ? (
          <>
            <dt>{t('services.verify.number')}</dt>
            <dd class="code">{v.applicationNumber}</dd>
          </>
        ) : null}
      </dl>
      <p class="hint">{t('services.verify.privacy')}</p>
      {v.documentShared ? (
        <p>
          <a href={`${base}/document`}>{t('services.verify.download')}</a>
          {' · '}
          <a href={`${base}/document.p7s`}>{t('services.result.downloadSignature')}</a>
        </p>
      ) : null}
      <section aria-labelledby="check-h">
        <h2 id="check-h">{t('services.verify.checkTitle')}</h2>
        <p>{t('services.verify.checkIntro')}</p>
        <form method="post" action={base} enctype="multipart/form-data" class="portal-form">
          <CsrfField token={c.get('csrfToken')} />
          <p>
            <label for="document">{t('services.verify.file')}</label>
            <input
              type="file"
              id="document"
              name="document"
              accept=".pdf,application/pdf"
              required
            />
          </p>
          <p>
            <button type="submit">{t('services.verify.check')}</button>
          </p>
        </form>
      </section>
    </ServicesPage>
  )
}
