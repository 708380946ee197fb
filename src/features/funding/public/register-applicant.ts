import { createHash, randomBytes } from 'node:crypto'
import { eq } from 'drizzle-orm'
import { type Actor, writeAudit } from '../../../platform/audit'
import { hashPassword, PASSWORD_MIN_LENGTH } from '../../../platform/auth/passwords'
import { users } from '../../../platform/auth/tables'
import { findUserByEmail } from '../../../platform/auth/users'
import { inTransaction } from '../../../platform/db'
import type { AppDeps } from '../../../platform/feature'
import type { FieldProblem } from '../../../platform/http/forms'
import { DEFAULT_LOCALE, type Locale } from '../../../platform/i18n'
import { type Outcome, Refused, refusable, refuse } from '../../../platform/outcome'
import { createOrganisation, createPerson, placeByKey } from '../../directory/public'
import { normaliseIban } from '../iban'
import { fundingMail } from '../mails'
import { fundingApplicants, fundingApplicantUsers } from '../tables'

/**
 * The registration's own rules, checked on whatever was typed (also when other fields are still
 * missing), so a person learns about a wrong IBAN or a short password in the same answer as about
 * an empty field. The use case checks them again; the place lookup needs the database and stays there.
 */
export function registrationProblems(input: Readonly<Record<string, unknown>>): FieldProblem[] {
  const out: FieldProblem[] = []
  const text = (name: string) => (typeof input[name] === 'string' ? (input[name] as string) : undefined)
  const iban = text('iban')
  if (iban && !normaliseIban(iban)) out.push({ field: 'iban', key: 'funding.error.iban' })
  const password = text('password')
  if (password !== undefined && password.length < PASSWORD_MIN_LENGTH) {
    out.push({ field: 'password', key: 'funding.error.passwordShort', params: { min: PASSWORD_MIN_LENGTH } })
  }
  const kind = text('kind')
  if (
    (kind === 'association' || kind === 'migrant_organisation') &&
    text('registerNumber') &&
    !text('registerCourt')
  ) {
    out.push({ field: 'registerCourt', key: 'funding.register.msg.registerCourt' })
  }
  if (kind === 'municipality' && !text('officialKey')) {
    out.push({ field: 'officialKey', key: 'funding.register.msg.officialKeyRequired' })
  }
  return out
}

export const APPLICANT_KINDS = [
  'migrant_organisation',
  'association',
  'municipality',
  'counselling_centre',
] as const

export interface Registration {
  organisationName: string
  kind: (typeof APPLICANT_KINDS)[number]
  legalForm: string
  registerCourt?: string | undefined
  registerNumber?: string | undefined
  nonProfit: boolean
  officialKey?: string | undefined
  street: string
  postcode: string
  city: string
  representativeGivenName: string
  representativeFamilyName: string
  iban: string
  accountHolder: string
  displayName: string
  email: string
  password: string
  /** The language the person registers in; mail to them is written in it. German when absent. */
  locale?: Locale | undefined
}

const hashToken = (token: string) => createHash('sha256').update(token).digest('hex')

async function newApplicantUser(
  tx: Parameters<Parameters<typeof inTransaction>[1]>[0],
  deps: Pick<AppDeps, 'mail' | 'jobs' | 'config'>,
  actor: Actor,
  organisationId: string,
  input: { email: string; displayName: string; password: string; locale?: Locale | undefined },
  invitedBy: string | null = null,
): Promise<string> {
  if (await findUserByEmail(tx, input.email)) throw new Refused(refuse('funding.error.emailTaken', 'email'))
  const [user] = await tx
    .insert(users)
    .values({
      email: input.email.trim(),
      displayName: input.displayName,
      passwordHash: await hashPassword(input.password),
      roles: ['applicant'],
      locale: input.locale ?? DEFAULT_LOCALE,
    })
    .returning({ id: users.id })
  const token = randomBytes(24).toString('base64url')
  await tx.insert(fundingApplicantUsers).values({
    userId: user!.id,
    organisationId,
    confirmTokenHash: hashToken(token),
    mustSetPassword: invitedBy !== null,
    invitedBy,
  })
  await writeAudit(tx, actor, {
    action: 'user.create',
    entityType: 'user',
    entityId: user!.id,
    summary: { roles: ['applicant'], organisation: organisationId },
  })
  const link = `${deps.config.publicUrl}/foerderung/bestaetigen?token=${token}`
  await deps.mail.enqueue(
    tx,
    deps.jobs,
    fundingMail(
      { email: input.email.trim(), locale: input.locale ?? DEFAULT_LOCALE },
      {
        subject: 'funding.mail.confirm.subject',
        text: invitedBy ? 'funding.mail.invite.text' : 'funding.mail.confirm.text',
      },
      { link },
      input.displayName,
    ),
  )
  return user!.id
}

/**
 * Registers an applicant organisation: the organisation and its representative go into the shared
 * directory, the bank account into funding_applicants, and the first user (role applicant) gets a
 * confirmation link by mail. All or nothing.
 *
 * An address that already has an account (any account, staff included) registers nothing: its owner
 * gets a mail saying so, with the ways to sign in, and the answer is the same as for a new
 * registration (an empty id instead of the organisation's), so the form does not tell anyone which
 * addresses have accounts. The password is hashed either way, so the time taken does not tell either.
 */
export async function registerApplicant(
  deps: Pick<AppDeps, 'db' | 'mail' | 'jobs' | 'config'>,
  actor: Actor,
  input: Registration,
): Promise<Outcome<string | null>> {
  const iban = normaliseIban(input.iban)
  if (!iban) return refuse('funding.error.iban', 'iban')
  if (input.password.length < PASSWORD_MIN_LENGTH) {
    return refuse('funding.error.passwordShort', 'password', { min: PASSWORD_MIN_LENGTH })
  }
  if (
    (input.kind === 'association' || input.kind === 'migrant_organisation') &&
    input.registerNumber &&
    !input.registerCourt
  ) {
    return refuse('form.required', 'registerCourt')
  }
  let placeId: string | null = null
  if (input.officialKey) {
    const place = await placeByKey(deps.db, input.officialKey)
    if (!place) return refuse('funding.error.officialKey', 'officialKey')
    placeId = place.id
  } else if (input.kind === 'municipality') {
    return refuse('form.required', 'officialKey')
  }
  const existing = await findUserByEmail(deps.db, input.email)
  if (existing) {
    // The answer must not tell which addresses have accounts (staff ones included): the same
    // work (a password hash) and the same answer as a registration; the owner learns the rest by mail.
    await hashPassword(input.password)
    await inTransaction(deps.db, async (tx) => {
      // Written in the language of the account, not of whoever typed the address.
      await deps.mail.enqueue(
        tx,
        deps.jobs,
        fundingMail(
          { email: input.email.trim(), locale: existing.locale },
          { subject: 'funding.mail.existing.subject', text: 'funding.mail.existing.text' },
          {
            signIn: `${deps.config.publicUrl}/anmelden`,
            reset: `${deps.config.publicUrl}/anmelden/passwort-vergessen`,
          },
        ),
      )
      await writeAudit(tx, actor, {
        action: 'funding.register.existing_address',
        entityType: 'user',
        entityId: existing.id,
        summary: { organisation: input.organisationName },
      })
    })
    return { ok: true, value: '' }
  }
  return refusable(() =>
    inTransaction(deps.db, async (tx) => {
      const orgId = await createOrganisation(
        tx,
        actor,
        {
          kind: input.kind,
          name: input.organisationName,
          legalForm: input.legalForm,
          registerCourt: input.registerCourt ?? null,
          registerNumber: input.registerNumber ?? null,
          nonProfit: input.nonProfit,
          placeId,
          street: input.street,
          postcode: input.postcode,
          city: input.city,
          email: input.email.trim(),
        },
        { via: 'funding.register' },
      )
      const personId = await createPerson(tx, actor, {
        givenName: input.representativeGivenName,
        familyName: input.representativeFamilyName,
        organisationId: orgId,
      })
      await tx.insert(fundingApplicants).values({
        organisationId: orgId,
        iban,
        accountHolder: input.accountHolder,
        representativeId: personId,
      })
      await newApplicantUser(tx, deps, actor, orgId, input)
      return orgId
    }),
  )
}

/**
 * A further user for the inviting user's organisation (several users per organisation). The colleague
 * gets a confirmation link and chooses a password when confirming.
 */
export async function inviteApplicantUser(
  deps: Pick<AppDeps, 'db' | 'mail' | 'jobs' | 'config'>,
  actor: Actor & { id: string },
  /** `locale`: the language of the inviting page; the invitation (and later mail) is written in it. */
  input: { email: string; displayName: string; locale?: Locale | undefined },
): Promise<Outcome<string>> {
  const [me] = await deps.db
    .select()
    .from(fundingApplicantUsers)
    .where(eq(fundingApplicantUsers.userId, actor.id))
  if (!me?.emailConfirmedAt) return refuse('funding.mine.unconfirmed', 'email')
  const unusable = randomBytes(32).toString('base64url')
  return refusable(() =>
    inTransaction(deps.db, (tx) =>
      newApplicantUser(tx, deps, actor, me.organisationId, { ...input, password: unusable }, actor.id),
    ),
  )
}

/** Whether a confirmation token belongs to an invited user who still has to choose a password. */
export async function tokenNeedsPassword(deps: Pick<AppDeps, 'db'>, token: string): Promise<boolean> {
  if (!/^[A-Za-z0-9_-]{20,64}$/.test(token)) return false
  const [row] = await deps.db
    .select({ must: fundingApplicantUsers.mustSetPassword })
    .from(fundingApplicantUsers)
    .where(eq(fundingApplicantUsers.confirmTokenHash, hashToken(token)))
  return row?.must ?? false
}

/** Confirms an applicant user's e-mail address with the token from the mail. */
export async function confirmEmail(
  deps: Pick<AppDeps, 'db'>,
  actor: Actor,
  token: string,
  password?: string,
): Promise<Outcome<string>> {
  if (!/^[A-Za-z0-9_-]{20,64}$/.test(token)) return refuse('funding.error.token', 'token')
  const needsPassword = await tokenNeedsPassword(deps, token)
  if (needsPassword && (password ?? '').length < PASSWORD_MIN_LENGTH) {
    return refuse('funding.error.passwordShort', 'password', { min: PASSWORD_MIN_LENGTH })
  }
  const passwordHash = needsPassword ? await hashPassword(password ?? '') : null
  return refusable(() =>
    inTransaction(deps.db, async (tx) => {
      const rows = await tx
        .update(fundingApplicantUsers)
        .set({ emailConfirmedAt: new Date(), confirmTokenHash: null, mustSetPassword: false })
        .where(eq(fundingApplicantUsers.confirmTokenHash, hashToken(token)))
        .returning({ userId: fundingApplicantUsers.userId })
      if (!rows.length) throw new Refused(refuse('funding.error.token', 'token'))
      if (passwordHash) {
        await tx
          .update(users)
          .set({ passwordHash, passwordChangedAt: new Date(), updatedAt: new Date() })
          .where(eq(users.id, rows[0]!.userId))
      }
      await writeAudit(tx, actor, {
        action: 'funding.applicant.confirm',
        entityType: 'user',
        entityId: rows[0]!.userId,
        summary: { passwordSet: passwordHash !== null },
      })
      return rows[0]!.userId
    }),
  )
}
