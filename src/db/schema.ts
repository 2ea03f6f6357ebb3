/**
 * @module
 * The database shape as Kysely sees it: every module's tables in one interface. Each module owns
 * its tables (named with the module's prefix) and declares their row types in its own folder.
 */

import type { ActsTables } from '../acts/index.js'
import type { AkimatTables } from '../akimat/index.js'
import type { AuthTables } from '../auth/index.js'
import type { AutomationTables } from '../automation/index.js'
import type { CatalogTables } from '../catalog/index.js'
import type { PortalTables } from '../portal/index.js'
import type { ServicesTables } from '../services/index.js'
import type { SystemTables } from '../system/index.js'

/** All tables of e-akimat. */
export interface Database
  extends SystemTables,
    ActsTables,
    CatalogTables,
    AuthTables,
    PortalTables,
    ServicesTables,
    AkimatTables,
    AutomationTables {}
