/**
 * The ceiling the benchmarks measure the app against: a bare node:http server in its own process,
 * on the same Node, answering each recorded path with the bytes and headers the app sent for it.
 */
import { createServer, type Server } from 'node:http'

/** Headers the server itself writes per response; everything else the baseline copies. */
export const OWN_HEADERS = ['date', 'connection', 'keep-alive', 'content-length', 'transfer-encoding']

/** The headers of a fetched answer without the per-response ones (OWN_HEADERS). */
export function copiedHeaders(headers: Headers): Record<string, string> {
  return Object.fromEntries([...headers].filter(([k]) => !OWN_HEADERS.includes(k)))
}

export interface BaselinePage {
  readonly status?: number
  readonly headers: Record<string, string>
  readonly bytes: Buffer
}

/**
 * Serves `pages` (looked up by path, or by path and query with `withQuery`; 404 for anything else,
 * pages added later are served too) on a free loopback port; resolves with its base URL. Ends its
 * process when the parent disconnects.
 */
export function startBaseline(
  pages: Map<string, BaselinePage>,
  options: { withQuery?: boolean } = {},
): Promise<{ server: Server; base: string }> {
  const server = createServer((request, response) => {
    const url = request.url ?? ''
    const page = pages.get(options.withQuery ? url : url.split('?')[0]!)
    if (!page) {
      response.writeHead(404).end()
      return
    }
    response.writeHead(page.status ?? 200, { ...page.headers, 'content-length': String(page.bytes.length) })
    response.end(page.bytes)
  })
  process.on('disconnect', () => server.close(() => process.exit(0)))
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number }
      resolve({ server, base: `http://127.0.0.1:${port}` })
    }),
  )
}
