/**
 * @module
 * The few domain errors every module throws. Each carries a stable `code`, a translation key with
 * named parameters (so the web layer can answer in kk, ru or en) and an English message for logs
 * and the command line. The web layer maps them to HTTP statuses in one place.
 */

/** Parameters substituted into a translated message: `{name}` in the text. */
export type MessageParams = Record<string, string | number>

/** Base class of errors caused by the user or the input rather than by a bug. */
export abstract class AppError extends Error {
  /** Stable machine-readable code, e.g. `input.invalid`. */
  abstract readonly code: string
  /** HTTP status the web layer answers with. */
  abstract readonly status: 400 | 403 | 404 | 409 | 413 | 422 | 503

  constructor(
    message: string,
    /** Translation key; the web layer falls back to `message` when a language lacks it. */
    readonly messageKey: string,
    readonly params: MessageParams = {},
    options?: { cause?: unknown },
  ) {
    super(message, options)
    this.name = new.target.name
  }
}

/**
 * Bad input: a malformed value, a file that is not what it claims, a wrong option.
 * @example throw new InputError('PORT must be a whole number', 'error.input', { detail: 'PORT' })
 */
export class InputError extends AppError {
  readonly code = 'input.invalid'
  readonly status = 400 as const
  constructor(
    message: string,
    messageKey = 'error.input',
    params: MessageParams = { detail: message },
    options?: { cause?: unknown },
  ) {
    super(message, messageKey, params, options)
  }
}

/** The thing asked for does not exist (or is not visible to the asker). */
export class NotFoundError extends AppError {
  readonly code = 'not_found'
  readonly status = 404 as const
  constructor(message: string, messageKey = 'error.notFound', params: MessageParams = {}) {
    super(message, messageKey, params)
  }
}

/** The request conflicts with what is stored (a duplicate, a stale version, a wrong state). */
export class ConflictError extends AppError {
  readonly code = 'conflict'
  readonly status = 409 as const
  constructor(
    message: string,
    messageKey = 'error.conflict',
    params: MessageParams = { detail: message },
  ) {
    super(message, messageKey, params)
  }
}

/** The acting user may not do this. */
export class ForbiddenError extends AppError {
  readonly code = 'forbidden'
  readonly status = 403 as const
  constructor(message: string, messageKey = 'error.forbidden', params: MessageParams = {}) {
    super(message, messageKey, params)
  }
}

/** A service the application depends on (the database) cannot be reached or refused us. */
export class UnavailableError extends AppError {
  readonly code = 'unavailable'
  readonly status = 503 as const
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, 'error.unavailable', { detail: message }, options)
  }
}

/** Configuration that cannot be used; the message names the variable and the reason. */
export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    readonly reason: string,
  ) {
    super(`${variable}: ${reason}`)
    this.name = 'ConfigError'
  }
}

/** True for errors a person can act on (bad input, bad configuration, unreachable database). */
export function isUserFacingError(error: unknown): error is AppError | ConfigError {
  return error instanceof AppError || error instanceof ConfigError
}
