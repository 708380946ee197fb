import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import fc from 'fast-check'
import { balanceChange } from './ledger'
import {
  addDays,
  checkPaymentRequest,
  daysOverWindow,
  interestRisk,
  isFinalInstalment,
  needWindow,
  yearFigures,
} from './payment-rules'
import { paidShare } from './views/staff'

const window = { from: '2027-03-01', to: '2027-04-12' }
const figures = yearFigures(
  [
    { year: 2027, cents: 1_000_000 },
    { year: 2028, cents: 500_000 },
  ],
  [{ year: 2027, paidCents: 400_000, repaidCents: 50_000 }],
  [{ year: 2027, amountCents: 150_000 }],
)
const input = { year: 2027, amountCents: 100_000, dueOn: '2027-03-20', purpose: 'Miete' }

describe('payment arithmetic', () => {
  it('approved, paid (net of repayments), open and left per year', () => {
    assert.deepEqual(figures, [
      { year: 2027, approvedCents: 1_000_000, paidCents: 350_000, openCents: 150_000, leftCents: 500_000 },
      { year: 2028, approvedCents: 500_000, paidCents: 0, openCents: 0, leftCents: 500_000 },
    ])
  })

  it('the need window: 42 days from today, across month and year ends', () => {
    assert.deepEqual(needWindow('2027-03-01', 42), window)
    assert.equal(addDays('2026-12-01', 42), '2027-01-12')
    assert.equal(addDays('2028-02-28', 1), '2028-02-29')
  })

  // request → the fields refused (a table: each row names the field the message goes to)
  const TABLE: [string, Partial<typeof input>, string[]][] = [
    ['a request within window and what is left', {}, []],
    ['exactly what is left', { amountCents: 500_000 }, []],
    ['one cent more than is left', { amountCents: 500_001 }, ['amount']],
    ['nothing', { amountCents: 0 }, ['amount']],
    ['a fraction of a cent', { amountCents: 0.5 }, ['amount']],
    ['a year without a grant', { year: 2029, dueOn: '2029-03-20' }, ['year', 'dueOn']],
    ['a due day after the window', { dueOn: '2027-04-13' }, ['dueOn']],
    ['a due day before today', { dueOn: '2027-02-28' }, ['dueOn']],
    ['the last day of the window', { dueOn: '2027-04-12' }, []],
    ['next year’s money for a payment due this year', { year: 2028 }, ['dueOn']],
  ]
  for (const [label, change, fields] of TABLE) {
    it(`${label}: ${fields.length ? `refused on ${fields.join(', ')}` : 'accepted'}`, () => {
      const problems = checkPaymentRequest({ ...input, ...change }, figures, window)
      assert.deepEqual(
        problems.map((p) => p.field),
        fields,
      )
    })
  }

  it('the refusal of too much names what is left', () => {
    const [p] = checkPaymentRequest({ ...input, amountCents: 600_000 }, figures, window)
    assert.deepEqual(p, {
      field: 'amount',
      key: 'funding.pay.error.tooMuch',
      params: { remaining: 500_000, year: 2027 },
    })
  })

  it('property: accepted requests never take a year beyond what was approved', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 10_000_000 }),
        fc.array(fc.integer({ min: 1, max: 3_000_000 }), { maxLength: 20 }),
        (approved, requests) => {
          let open: { year: number; amountCents: number }[] = []
          for (const amountCents of requests) {
            const f = yearFigures([{ year: 2027, cents: approved }], [], open)
            const ok = checkPaymentRequest({ ...input, amountCents }, f, window).length === 0
            if (ok) open = [...open, { year: 2027, amountCents }]
            const total = open.reduce((s, o) => s + o.amountCents, 0)
            assert.ok(total <= approved)
            assert.equal(
              yearFigures([{ year: 2027, cents: approved }], [], open)[0]!.leftCents,
              approved - total,
            )
          }
        },
      ),
    )
  })

  it('property: the ledger balances are the sums of the postings', () => {
    const posting = fc.record({
      kind: fc.constantFrom('commitment', 'payment', 'repayment' as const),
      up: fc.boolean(),
      amountCents: fc.integer({ min: 1, max: 1_000_000_000 }),
    })
    fc.assert(
      fc.property(fc.array(posting, { maxLength: 50 }), (list) => {
        let committed = 0
        let paid = 0
        let repaid = 0
        let signed = 0
        for (const p of list) {
          const debit = p.kind === 'commitment' ? (p.up ? 'commitment' : 'budget') : 'recipient'
          const d = balanceChange({ kind: p.kind, debit, amountCents: p.amountCents })
          committed += d.committed
          paid += d.paid
          repaid += d.repaid
          signed += p.kind === 'commitment' ? (p.up ? p.amountCents : -p.amountCents) : 0
          // integers only: no binary fraction ever enters a balance
          assert.ok(
            Number.isSafeInteger(committed) && Number.isSafeInteger(paid) && Number.isSafeInteger(repaid),
          )
        }
        assert.equal(committed, signed)
        assert.equal(
          paid,
          list.filter((p) => p.kind === 'payment').reduce((s, p) => s + p.amountCents, 0),
        )
        assert.equal(
          repaid,
          list.filter((p) => p.kind === 'repayment').reduce((s, p) => s + p.amountCents, 0),
        )
      }),
    )
  })

  it('the final instalment takes the last year to what was approved', () => {
    const single = yearFigures(
      [{ year: 2027, cents: 300_000 }],
      [{ year: 2027, paidCents: 200_000, repaidCents: 0 }],
      [],
    )
    assert.equal(isFinalInstalment({ year: 2027, amountCents: 100_000 }, single), true)
    assert.equal(isFinalInstalment({ year: 2027, amountCents: 99_999 }, single), false)
    assert.equal(isFinalInstalment({ year: 2027, amountCents: 500_000 }, figures), false, 'not the last year')
    assert.equal(isFinalInstalment({ year: 2028, amountCents: 500_000 }, figures), true)
  })

  it('interest risk: flagged from the day after the need window ends', () => {
    assert.equal(interestRisk('2027-03-01', '2027-04-12', 42), false)
    assert.equal(interestRisk('2027-03-01', '2027-04-13', 42), true)
    assert.equal(daysOverWindow('2027-03-01', '2027-04-12', 42), 0)
    assert.equal(daysOverWindow('2027-03-01', '2027-04-20', 42), 8)
  })

  it('share paid of the plan in whole percent, rounded down, without floating point on cents', () => {
    assert.equal(paidShare(333_333, 1_000_000), 33)
    assert.equal(paidShare(1_000_000, 1_000_000), 100)
    assert.equal(paidShare(5, 0), 0)
  })
})
