/**
 * @module
 * The page frame every page shares: header with the language switch, main, footer.
 */
import { raw } from 'hono/html'
import type { Child } from 'hono/jsx'
import type { Actor, Person } from '../auth/index.js'
import { LANGUAGE_NAMES, LANGUAGES, type Language, type Translator } from '../i18n/index.js'
import { asset } from './assets.js'
import { PERSON_HOME, PERSON_LOGIN_PATH, PERSON_LOGOUT_PATH } from './auth.js'
import { CsrfField } from './forms.js'
import { urlWithLanguage } from './language.js'

export interface LayoutProps {
  t: Translator
  language: Language
  /** The full request URL, so the language links keep the page and its query. */
  url: string
  title: string
  /**
   * The signed-in user, shown in the header with a sign-out button (which needs `csrfToken`);
   * `null` = signed out (a sign-in link); left out = the page does not say (nothing shown).
   * `{...layoutAuth(c)}` from forms.tsx passes both.
   */
  actor?: Actor | null
  /**
   * The signed-in applicant (citizen or company representative), shown with a sign-out button;
   * `null` = none (a "sign in (citizens)" link); left out = the page does not say (nothing shown).
   */
  person?: Person | null
  /** The request's CSRF token (`c.get('csrfToken')`), for the sign-out forms. */
  csrfToken?: string
  children?: Child
}

export function Layout({
  t,
  language,
  url,
  title,
  actor,
  person,
  csrfToken,
  children,
}: LayoutProps) {
  const fullTitle = title === t('app.name') ? title : `${title} — ${t('app.name')}`
  return (
    <>
      {raw('<!DOCTYPE html>')}
      <html lang={language}>
        <head>
          <meta charset="utf-8" />
          <meta name="viewport" content="width=device-width, initial-scale=1" />
          <title>{fullTitle}</title>
          <link rel="stylesheet" href={asset('styles.css')} />
          <link rel="icon" href={asset('favicon.svg')} type="image/svg+xml" />
        </head>
        <body>
          <a class="skip" href="#content">
            {t('nav.skipToContent')}
          </a>
          <header class="site-header">
            <a class="brand" href="/">
              <span class="brand-name">{t('app.name')}</span>
              <span class="brand-tagline">{t('app.tagline')}</span>
            </a>
            <nav class="site-nav" aria-label={t('nav.main')}>
              <ul>
                <li>
                  <a href="/catalog">{t('nav.catalog')}</a>
                </li>
                <li>
                  <a href="/portal">{t('nav.portal')}</a>
                </li>
                <li>
                  <a href="/services">{t('nav.services')}</a>
                </li>
                <li>
                  <a href="/akimats">{t('akimat.nav.akimats')}</a>
                </li>
              </ul>
            </nav>
            <search class="header-search" aria-label={t('search.label')}>
              <form method="get" action="/search">
                <label for="header-q" class="visually-hidden">
                  {t('search.label')}
                </label>
                <input
                  type="search"
                  id="header-q"
                  name="q"
                  placeholder={t('search.placeholder')}
                  maxlength={200}
                />
                <button type="submit">{t('search.submit')}</button>
              </form>
            </search>
            <nav class="language-switch" aria-label={t('nav.language')}>
              <ul>
                {LANGUAGES.map((code) => (
                  <li>
                    <a
                      href={urlWithLanguage(url, code)}
                      hreflang={code}
                      lang={code}
                      aria-current={code === language ? 'true' : undefined}
                    >
                      {LANGUAGE_NAMES[code]}
                    </a>
                  </li>
                ))}
              </ul>
            </nav>
            <AccountMenu t={t} url={url} actor={actor} csrfToken={csrfToken} />
            <PersonMenu t={t} url={url} person={person} csrfToken={csrfToken} />
          </header>
          <main id="content">{children}</main>
          <footer class="site-footer">
            <p>{t('footer.text')}</p>
            <p>
              <a href="/api/openapi.json">{t('footer.api')}</a>
            </p>
          </footer>
        </body>
      </html>
    </>
  )
}

/** Who is signed in and a sign-out button, or a sign-in link. */
function AccountMenu({
  t,
  url,
  actor,
  csrfToken,
}: Pick<LayoutProps, 't' | 'url' | 'actor' | 'csrfToken'>) {
  if (actor === undefined) return null
  if (actor === null) {
    const here = new URL(url)
    const next = `${here.pathname}${here.search}`
    const login =
      here.pathname === '/' ||
      here.pathname.startsWith('/login') ||
      here.pathname.startsWith('/account/activate')
        ? '/login'
        : `/login?next=${encodeURIComponent(next)}`
    return (
      <nav class="account-menu" aria-label={t('auth.menu.label')}>
        <a href={login}>{t('auth.menu.signIn')}</a>
      </nav>
    )
  }
  return (
    <nav class="account-menu at-form" aria-label={t('auth.menu.label')}>
      <a href="/account">{actor.name}</a>
      {csrfToken ? (
        <form method="post" action="/logout">
          <CsrfField token={csrfToken} />
          <button type="submit">{t('auth.menu.signOut')}</button>
        </form>
      ) : null}
    </nav>
  )
}

/** The signed-in applicant and a sign-out button, or a sign-in link for citizens. */
function PersonMenu({
  t,
  url,
  person,
  csrfToken,
}: Pick<LayoutProps, 't' | 'url' | 'person' | 'csrfToken'>) {
  if (person === undefined) return null
  if (person === null) {
    const here = new URL(url)
    const login =
      here.pathname === '/' || here.pathname.startsWith('/citizen/')
        ? PERSON_LOGIN_PATH
        : `${PERSON_LOGIN_PATH}?next=${encodeURIComponent(`${here.pathname}${here.search}`)}`
    return (
      <nav class="account-menu" aria-label={t('persons.menu.label')}>
        <a href={login}>{t('persons.menu.signIn')}</a>
      </nav>
    )
  }
  return (
    <nav class="account-menu at-form" aria-label={t('persons.menu.label')}>
      <a href={PERSON_HOME}>{person.name}</a>
      {csrfToken ? (
        <form method="post" action={PERSON_LOGOUT_PATH}>
          <CsrfField token={csrfToken} />
          <button type="submit">{t('persons.menu.signOut')}</button>
        </form>
      ) : null}
    </nav>
  )
}
