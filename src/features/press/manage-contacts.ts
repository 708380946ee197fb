import { eq } from 'drizzle-orm'
import { type Actor, writeAudit } from '../../platform/audit'
import { type Db, inTransaction } from '../../platform/db'
import { isUuid } from '../../platform/ids'
import { pageCache } from './cache'
import { pressContacts } from './tables'

export interface ContactInput {
  name: string
  organisation: string
  street?: string | undefined
  postalCode?: string | undefined
  city?: string | undefined
  phone?: string | undefined
  fax?: string | undefined
  email?: string | undefined
}

function values(input: ContactInput) {
  const opt = (v: string | undefined) => v?.trim() || null
  return {
    name: input.name.trim(),
    organisation: input.organisation.trim(),
    street: opt(input.street),
    postalCode: opt(input.postalCode),
    city: opt(input.city),
    phone: opt(input.phone),
    fax: opt(input.fax),
    email: opt(input.email),
  }
}

export async function createContact(db: Db, actor: Actor, input: ContactInput): Promise<string> {
  const id = await inTransaction(db, async (tx) => {
    const v = values(input)
    const [row] = await tx.insert(pressContacts).values(v).returning({ id: pressContacts.id })
    await writeAudit(tx, actor, {
      action: 'press.contact.create',
      entityType: 'press_contact',
      entityId: row!.id,
      summary: { name: v.name, organisation: v.organisation },
    })
    return row!.id
  })
  await pageCache.invalidate(db)
  return id
}

export async function updateContact(db: Db, actor: Actor, id: string, input: ContactInput): Promise<boolean> {
  if (!isUuid(id)) return false
  const ok = await inTransaction(db, async (tx) => {
    const v = values(input)
    const rows = await tx
      .update(pressContacts)
      .set({ ...v, updatedAt: new Date() })
      .where(eq(pressContacts.id, id))
      .returning({ id: pressContacts.id })
    if (rows.length === 0) return false
    await writeAudit(tx, actor, {
      action: 'press.contact.update',
      entityType: 'press_contact',
      entityId: id,
      summary: { name: v.name, organisation: v.organisation },
    })
    return true
  })
  if (ok) await pageCache.invalidate(db)
  return ok
}
