/**
 * Only same-site paths are followed after sign-in (no open redirect): the target must start with
 * one slash, and may hold no backslash or control character and no whitespace, which browsers strip
 * or turn into slashes (`/\tevil.example` would become `//evil.example`).
 */
export function safeNext(next: string | undefined): string {
  if (!next?.startsWith('/') || next.startsWith('//')) return '/'
  // biome-ignore lint/suspicious/noControlCharactersInRegex: refusing control characters is the point
  if (/[\\\u0000-\u0020\u007f]/.test(next)) return '/'
  return next
}
