/**
 * The verdict of a test run from node:test's TAP summary. Under CI a skipped or todo test fails the
 * run: the suite is complete or it is red, never quietly smaller.
 */
export interface RunSummary {
  pass: number
  fail: number
  skipped: number
  todo: number
}

export function readSummary(tap: string): RunSummary {
  const count = (name: string) => Number(tap.match(new RegExp(`^# ${name} (\\d+)$`, 'm'))?.[1] ?? 0)
  return { pass: count('pass'), fail: count('fail'), skipped: count('skipped'), todo: count('todo') }
}

/** The exit code of `npm test` and the line that explains it. */
export function verdict(
  s: RunSummary,
  childCode: number,
  ci: boolean,
): { code: number; line: string; problem?: string } {
  const notRun = s.skipped + s.todo
  const line = `${s.pass} passed, ${s.fail} failed${s.skipped ? `, ${s.skipped} skipped` : ''}${s.todo ? `, ${s.todo} todo` : ''}`
  if (childCode !== 0) return { code: childCode, line }
  if (ci && notRun > 0) {
    return {
      code: 1,
      line,
      problem: `CI=true but ${notRun} test(s) were skipped or marked todo: in CI every test runs.`,
    }
  }
  if (s.pass === 0) return { code: 1, line, problem: 'no test passed: nothing was tested' }
  return { code: 0, line }
}
