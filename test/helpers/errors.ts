/**
 * Matchers for `assert.rejects` / `assert.throws`: every expected failure names what it expects, so a
 * different error (a typo in the SQL, a missing table) never passes for the refusal under test.
 * Drizzle wraps driver errors ("Failed query: …") and keeps the database's error as `cause`.
 */
export function dbError(pattern: RegExp): (err: unknown) => boolean {
  return (err: unknown) => {
    const e = err as { message?: unknown; cause?: { message?: unknown; constraint?: unknown } }
    const text = [e?.message, e?.cause?.message, e?.cause?.constraint].map((x) => String(x ?? '')).join(' ')
    if (pattern.test(text)) return true
    // assert.rejects reports a false result without the actual error; this says what came instead.
    throw new Error(`expected an error matching ${pattern}, got: ${text.trim() || String(err)}`)
  }
}

/** The audit log's append-only triggers (migration 0001) refusing one kind of statement. */
export const auditRefused = (op: 'UPDATE' | 'DELETE' | 'TRUNCATE') =>
  dbError(new RegExp(`audit_log is append-only \\(${op} refused\\)`))

/** The trigger that keeps issued grant notices unchanged (migration 0005). */
export const noticeImmutable = dbError(/funding_notices rows cannot be changed or deleted/)
