export { catalogCacheFor, createApp, DEFAULT_BODY_LIMIT_BYTES } from './app.js'
export type { AppServices } from './context.js'
export { type RunningServer, type ServerOptions, startServer } from './server.js'
