/**
 * Only same-site paths are followed after sign-in (no open redirect): the target must start with
 * one slash, and may hold no backslash or control character and no whitespace, which browsers strip
 * or turn into slashes (`/\tevil.example` would become `//evil.example`). Characters beyond ASCII
 * are percent-encoded: a Location header holds only ASCII (Node refuses the rest, which used to
 * end a correct sign-in in a 500), and a lone surrogate sends the visitor to the start page.
 */
export function safeNext(next: string | undefined): string {
  if (!next?.startsWith('/') || next.startsWith('//')) return '/'
  // biome-ignore lint/suspicious/noControlCharactersInRegex: refusing control characters is the point
  if (/[\\\u0000-\u0020\u007f-\u009f]/.test(next)) return '/'
  try {
    return next.replace(/[^\x21-\x7e]+/g, (s) => encodeURI(s))
  } catch {
    return '/'
  }
}
