/**
 * `npm install` runs this (postinstall): builds the stylesheet, the font subsets and their brotli and
 * gzip files into ASSET_CACHE_DIR, so the first start does not wait for it, and beside them the
 * migrated template of an empty embedded database, which a first start on PGlite loads instead of
 * running initdb and every migration (docs/performance.md). The server builds the missing assets
 * itself and runs initdb without a template, so a failure here only costs time later.
 */
import { loadConfigFromEnv } from '../src/platform/config'
import { buildPgliteTemplate } from '../src/platform/db'
import { buildAssets } from '../src/platform/http/assets'

const started = Date.now()
const dir = (() => {
  try {
    return loadConfigFromEnv().assetCacheDir
  } catch (err) {
    console.warn('Building the assets failed; the server will try again at start-up.', err)
    return undefined
  }
})()
if (dir) {
  try {
    await buildAssets(dir)
    console.log(`Assets ready in ${dir} (${Date.now() - started} ms)`)
  } catch (err) {
    console.warn('Building the assets failed; the server will try again at start-up.', err)
  }
  const t1 = Date.now()
  try {
    const file = await buildPgliteTemplate(dir)
    console.log(`Database template ready in ${file} (${Date.now() - t1} ms)`)
  } catch (err) {
    console.warn('Building the database template failed; a first start runs initdb instead.', err)
  }
}
