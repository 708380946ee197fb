import { eq, inArray } from 'drizzle-orm'
import { type Actor, writeAudit } from './audit'
import { type Db, inTransaction } from './db'
import { notificationsOf } from './db/notify'
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

/** Published when the operator's details or the demo marker change: every node reads them again. */
export const INSTALLATION_TOPIC = 'platform.installation'

/**
 * What every page needs to know about the installation, read once when the app is built and
 * refreshed after each write (the operator form, loading the demo data), so pages need no query for
 * it. The write is published on the database's notifications: every other node reads it again too.
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
    notificationsOf(db).subscribe(INSTALLATION_TOPIC, () => {
      installation.reload().catch(() => {})
    })
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

  /** Reads the state again here and tells every other node to do the same. */
  async changed(): Promise<void> {
    await this.reload()
    await notificationsOf(this.db).publish(INSTALLATION_TOPIC)
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
  await installation.changed()
}
