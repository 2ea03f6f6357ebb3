import { openDatabase } from '../src/db/index.js'
import { loadCatalogSnapshot } from '../src/catalog/index.js'
import { searchIndexFor } from '../src/search/index.js'
import { SEARCH_QUERIES } from '../bench/http.js'
const h = await openDatabase({ kind: 'sqlite', file: '/tmp/dev.db' } as never)
const idx = searchIndexFor(await loadCatalogSnapshot(h.db))
const t = performance.now()
for (let i = 0; i < 200; i++) for (const q of SEARCH_QUERIES) idx.search(q, { limit: 10, cache: false })
console.log('mean ms', ((performance.now() - t) / 200 / SEARCH_QUERIES.length).toFixed(3))
await h.close()
