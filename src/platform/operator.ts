import { eq, inArray } from 'drizzle-orm'
import { type Actor, writeAudit } from './audit'
import { type Db, inTransaction } from './db'
import { systemSettings } from './db/tables'

/**
 * Who runs this installation, in one place: the Impressum, the accessibility statement (feedback
 * contact, enforcement procedure), the press contact of releases without a contact of their own and
 * the Atom feeds' author all read it, so they cannot disagree. Edited by the administration
 * (/verwaltung/betreiber); stored in system_settings under "operator".
 */
export interface Operator {
  /** The authority, e.g. "Hessisches Ministerium für …". */
  readonly name: string
  /** Who represents it (Impressum), e.g. "vertreten durch die Ministerin …". */
  readonly representedBy?: string | undefined
  readonly street: string
  readonly postcode: string
  readonly city: string
  readonly email: string
  readonly phone: string
  /** Where accessibility feedback goes (BITV 2.0 § 7). */
  readonly accessibilityEmail: string
  readonly accessibilityPhone?: string | undefined
  /** The enforcement body for accessible IT, with its address (several lines). */
  readonly enforcementBody: string
  readonly enforcementUrl?: string | undefined
  /** The press office, e.g. "Pressestelle", with its contacts. */
  readonly pressOffice: string
  readonly pressEmail: string
  readonly pressPhone: string
}

const OPERATOR_KEY = 'operator'
const DEMO_KEY = 'demo_seeded'

/**
 * What every page needs to know about the installation, read once when the app is built and
 * refreshed by the writes made in this process (the operator form, loading the demo data), so
 * pages need no query for it. Another instance on the same database sees a change after a restart.
 */
export class Installation {
  private loads = 0

  private constructor(
    private db: Db,
    private state: { demo: boolean; operator: Operator | null },
  ) {}

  static async load(db: Db): Promise<Installation> {
    const installation = new Installation(db, { demo: false, operator: null })
    await installation.reload()
    return installation
  }

  /** Goes up with every reload: caches of rendered pages include it in their keys. */
  get version(): number {
    return this.loads
  }

  /** True while the demo data is loaded: every page says so. */
  get demo(): boolean {
    return this.state.demo
  }

  /** The operator's details, or null until the administration has entered them. */
  get operator(): Operator | null {
    return this.state.operator
  }

  async reload(): Promise<void> {
    const rows = await this.db
      .select()
      .from(systemSettings)
      .where(inArray(systemSettings.key, [OPERATOR_KEY, DEMO_KEY]))
    const operator = rows.find((r) => r.key === OPERATOR_KEY)?.value as Operator | undefined
    this.state = { demo: rows.some((r) => r.key === DEMO_KEY), operator: operator ?? null }
    this.loads++
  }
}

/** Saves the operator's details (audited, old and new values named by field) and refreshes the installation. */
export async function updateOperator(
  db: Db,
  installation: Installation,
  actor: Actor,
  input: Operator,
): Promise<void> {
  const clean = Object.fromEntries(
    Object.entries(input).filter(([, v]) => v !== undefined && v !== ''),
  ) as unknown as Operator
  await inTransaction(db, async (tx) => {
    const [old] = await tx.select().from(systemSettings).where(eq(systemSettings.key, OPERATOR_KEY))
    const before = (old?.value ?? {}) as Record<string, unknown>
    const changed = Object.keys({ ...before, ...clean }).filter(
      (k) => before[k] !== (clean as unknown as Record<string, unknown>)[k],
    )
    await tx
      .insert(systemSettings)
      .values({ key: OPERATOR_KEY, value: clean })
      .onConflictDoUpdate({ target: systemSettings.key, set: { value: clean, updatedAt: new Date() } })
    await writeAudit(tx, actor, {
      action: 'operator.update',
      entityType: 'operator',
      entityId: OPERATOR_KEY,
      summary: { changed },
    })
  })
  await installation.reload()
}
