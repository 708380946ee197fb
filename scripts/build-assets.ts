/**
 * `npm install` runs this (postinstall): builds the stylesheet, the font subsets and their brotli and
 * gzip files into ASSET_CACHE_DIR, so the first start does not wait for it. The server builds
 * whatever is missing itself, so a failure here only costs time later.
 */
import { loadConfigFromEnv } from '../src/platform/config'
import { buildAssets } from '../src/platform/http/assets'

const started = Date.now()
try {
  const dir = loadConfigFromEnv().assetCacheDir
  await buildAssets(dir)
  console.log(`Assets ready in ${dir} (${Date.now() - started} ms)`)
} catch (err) {
  console.warn('Building the assets failed; the server will try again at start-up.', err)
}
