/**
 * @module
 * A tiny browser for HTTP tests: keeps cookies, reads the CSRF field of a page, posts forms
 * (urlencoded or multipart) and signs in, without following redirects.
 */

export class WebSession {
  cookies = new Map<string, string>()
  constructor(
    private readonly base: () => string,
    private readonly language = 'en',
  ) {}

  header(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ')
  }

  keep(res: Response): void {
    for (const line of res.headers.getSetCookie()) {
      const [pair = ''] = line.split(';')
      const eq = pair.indexOf('=')
      const name = pair.slice(0, eq).trim()
      const value = pair.slice(eq + 1).trim()
      if (!value || /max-age=0/i.test(line)) this.cookies.delete(name)
      else this.cookies.set(name, value)
    }
  }

  async get(path: string): Promise<Response> {
    const res = await fetch(`${this.base()}${path}`, {
      headers: { cookie: this.header(), 'accept-language': this.language },
      redirect: 'manual',
    })
    this.keep(res)
    return res
  }

  async post(
    path: string,
    fields: Record<string, string> | FormData,
    headers: Record<string, string> = {},
  ): Promise<Response> {
    const form = fields instanceof FormData
    const res = await fetch(`${this.base()}${path}`, {
      method: 'POST',
      headers: {
        cookie: this.header(),
        'accept-language': this.language,
        ...(form ? {} : { 'content-type': 'application/x-www-form-urlencoded' }),
        ...headers,
      },
      body: form ? fields : new URLSearchParams(fields).toString(),
      redirect: 'manual',
    })
    this.keep(res)
    return res
  }

  /** The `_csrf` value of the first form on a page. */
  async csrfFrom(path: string): Promise<string> {
    const html = await (await this.get(path)).text()
    const token = /name="_csrf" value="([^"]+)"/.exec(html)?.[1]
    if (!token) throw new Error(`no _csrf field on ${path}`)
    return token
  }

  async signIn(email: string, password: string, next = '/account'): Promise<Response> {
    const _csrf = await this.csrfFrom('/login')
    return this.post('/login', { _csrf, email, password, next })
  }
}
