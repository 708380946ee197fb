/**
 * The modules whose invariants mutation testing watches (`npm run test:mutation`), each with the test
 * files that prove its rule. `mutate` is narrow on purpose: the lines that hold the rule (Stryker's
 * `file:from-to` ranges), not the rendering around them. Line ranges follow the code: when you move
 * a rule, move its range (`npm run test:mutation -- --list` shows them; a range that no longer holds
 * the rule shows up as a sudden drop in mutants).
 *
 * New features add their invariant modules here when they land: offers (budget of sub-grants).
 */
export interface MutationModule {
  /** Short name for the command line and docs/testing.md. */
  readonly name: string
  /** The rule, in one line. */
  readonly invariant: string
  readonly mutate: readonly string[]
  /** Test files run against each mutant (PGlite). */
  readonly tests: readonly string[]
  /**
   * Only the tests (or suites) whose names match, for test files much larger than the rule
   * (node --test-name-pattern; suites without a matching test do not even set up).
   */
  readonly testNamePattern?: string
}

export const MUTATION_MODULES: readonly MutationModule[] = [
  {
    name: 'money',
    invariant: 'amounts typed by people become exact integer cents, or a named error',
    mutate: ['src/features/funding/money.ts'],
    tests: ['src/features/funding/money.test.ts'],
  },
  {
    name: 'funding-rules',
    invariant: 'costs within the caps of the line, financing adds up per financing type',
    mutate: ['src/features/funding/rules.ts:496-504', 'src/features/funding/rules.ts:532-692'],
    // The answer-for-answer tests; rules.test.ts's property tests would make every mutant take seconds.
    tests: ['src/features/funding/rules-exact.test.ts'],
  },
  {
    name: 'budget',
    invariant: 'a line’s budget per year is never overspent: the guarded UPDATE on approval and amendment',
    mutate: [
      'src/features/funding/budget.ts',
      'src/features/funding/review/decide-application.ts:258-269',
      'src/features/funding/review/amend-grant.ts:388-402',
    ],
    tests: ['src/features/funding/budget.test.ts', 'src/features/funding/safety-layers-guard.test.ts'],
  },
  {
    name: 'four-eyes',
    invariant: 'the person who proposed a decision or amendment never approves it',
    mutate: [
      'src/features/funding/policies.ts:42-44',
      'src/features/funding/review/decide-application.ts:225-225',
      'src/features/funding/review/decide-application.ts:240-256',
      'src/features/funding/review/amend-grant.ts:348-348',
      'src/features/funding/review/amend-grant.ts:367-378',
    ],
    tests: ['src/features/funding/safety-layers-guard.test.ts'],
  },
  {
    name: 'notices',
    invariant: 'grant notices are numbered versions; a new one never replaces an issued one',
    // Numbering and kind of a decision's notice; an amending notice as the next version of the one it
    // amends, refused as stale when that is no longer the latest (early, or by the unique version).
    mutate: [
      'src/features/funding/review/decide-application.ts:118-118',
      'src/features/funding/review/decide-application.ts:171-208',
      'src/features/funding/review/amend-grant.ts:351-351',
      'src/features/funding/review/amend-grant.ts:356-356',
      'src/features/funding/review/amend-grant.ts:422-437',
      'src/features/funding/review/amend-grant.ts:453-455',
    ],
    tests: ['src/features/funding/safety-layers-guard.test.ts'],
  },
  {
    name: 'oparl-visibility',
    invariant: 'non-public agenda items, their papers and files never appear in OParl',
    mutate: ['src/features/oparl/find-oparl.ts:328-343', 'src/features/oparl/objects.ts:263-316'],
    tests: [
      'src/features/oparl/hidden-closure.test.ts',
      // The liveness rules beside the non-public rule, on worlds built by hand.
      'src/features/oparl/liveness.test.ts',
      'src/features/oparl/oparl.test.ts',
    ],
    // oparl.test.ts crawls the whole API several times: only its tests about what is hidden or live.
    testNamePattern:
      'hiddenClosure|OParl liveness|never shows|nothing of non-public|embeds uploaded files|only under modified_since|public agenda in order|agah state seats',
  },
  {
    name: 'council-visibility',
    invariant: 'papers on non-public items and their files only for staff and the body’s delegates',
    mutate: [
      'src/features/councils/papers-and-files/paper-visibility.ts',
      // managesCouncil, readsNonPublic and downloadsPaperFile (the record-level rules).
      'src/features/councils/policies.ts:24-57',
    ],
    tests: [
      'src/features/councils/papers-and-files/visibility.test.ts',
      'src/features/councils/papers-and-files/files.test.ts',
      'src/features/councils/policies.test.ts',
    ],
  },
  {
    name: 'file-access',
    invariant:
      'a stored file only for whom its owner’s rule allows; attachments for reviewers and the applicant',
    mutate: [
      'src/platform/files/index.ts:25-33',
      'src/platform/files/index.ts:97-100',
      'src/platform/files/routes.ts:19-35',
      'src/features/funding/applicant/attachment-access.ts',
      'src/features/councils/papers-and-files/files-access.ts',
    ],
    tests: [
      'src/platform/files/files.test.ts',
      'src/features/funding/applicant/attachment-access.test.ts',
      'src/features/councils/papers-and-files/files-access.test.ts',
    ],
  },
  {
    name: 'csrf',
    invariant: 'no unsafe request without a valid signed double-submit token from our own origin',
    // The plugin's check of forms and of uploads (first part, empty body); not the log line between.
    mutate: [
      'src/platform/http/csrf.ts',
      'src/platform/http/plugin.tsx:232-236',
      'src/platform/http/plugin.tsx:268-268',
      'src/platform/http/plugin.tsx:382-393',
      'src/platform/http/plugin.tsx:395-395',
    ],
    tests: ['src/platform/http/csrf.test.ts', 'src/platform/http/csrf-hook.test.ts'],
  },
  {
    name: 'sessions',
    invariant: 'a session is live only until it expires, for an active user, and ends when told',
    mutate: ['src/platform/auth/sessions.ts'],
    tests: ['src/platform/auth/sessions.test.ts'],
  },
  {
    name: 'audit',
    invariant: 'every change is written with its actor; the log is filtered exactly as asked',
    mutate: ['src/platform/audit/index.ts'],
    tests: ['src/platform/audit/audit.test.ts'],
  },
  {
    name: 'case-encryption',
    invariant:
      'a report’s fields open only with its own data key, in their own field, from the key file that wrapped it',
    mutate: ['src/features/antidiscrimination/cases/case-crypto.ts', 'src/platform/crypto.ts:57-151'],
    tests: ['src/features/antidiscrimination/cases/case-crypto.test.ts'],
  },
  {
    name: 'case-access',
    invariant:
      'only a counsellor of the owning centre reads a report; routing gives it to the one fitting centre',
    mutate: ['src/features/antidiscrimination/policies.ts'],
    tests: ['src/features/antidiscrimination/policies.test.ts'],
  },
  {
    name: 'receipt-codes',
    invariant:
      'receipt codes are 16 random digits, typed leniently, stored only as argon2id; wrong codes are throttled',
    mutate: [
      'src/features/antidiscrimination/reporting/receipt.ts',
      'src/features/antidiscrimination/reporting/throttle.ts',
    ],
    tests: ['src/features/antidiscrimination/reporting/receipt.test.ts'],
  },
  {
    name: 'small-cells',
    invariant: 'published statistics show no count of 1 to 4, and no total that gives one away',
    mutate: ['src/features/antidiscrimination/statistics/suppression.ts'],
    tests: ['src/features/antidiscrimination/statistics/suppression.test.ts'],
  },
]
