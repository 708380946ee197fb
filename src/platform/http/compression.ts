/**
 * Compression of responses. Pages are compressed as they are sent by @fastify/compress (brotli at
 * quality 4, which it recommends for on-the-fly use, or gzip), which also adds
 * `Vary: Accept-Encoding`. Static assets come precompressed (see assets.ts), and cached public pages
 * keep their compressed variants in the cache (press/cache.ts), so neither is compressed per request.
 */
import { brotliCompressSync, constants, gzipSync } from 'node:zlib'
import { Negotiator } from '@fastify/accept-negotiator'
import compress from '@fastify/compress'
import type { App } from '../feature'

export const ENCODINGS = ['br', 'gzip'] as const
export type Encoding = (typeof ENCODINGS)[number]

/** Registers on-the-fly compression for every route registered after it. */
export async function registerCompression(app: App): Promise<void> {
  await app.register(compress, { global: true, encodings: [...ENCODINGS], threshold: 1024 })
}

const negotiator = new Negotiator<Encoding>({ supportedValues: [...ENCODINGS] })

/** The encoding to send for an Accept-Encoding header (q-values respected), or null for identity. */
export function preferredEncoding(acceptEncoding: string | undefined): Encoding | null {
  if (!acceptEncoding) return null
  return negotiator.negotiate(acceptEncoding)
}

/** Both compressed variants of a body, at the best ratio: for bodies compressed once and sent often. */
export function compressOnce(bytes: Buffer): Record<Encoding, Buffer> {
  return {
    br: brotliCompressSync(bytes, {
      params: {
        [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
        [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
        [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length,
      },
    }),
    gzip: gzipSync(bytes, { level: constants.Z_BEST_COMPRESSION }),
  }
}
