/**
 * @module
 * English texts: security (sign-in rate limit, the security audit log, operations). Keys are defined in security.en.ts; security.kk.ts and security.ru.ts must have every one, with the same `{param}` placeholders.
 */
export const securityEn = {}
