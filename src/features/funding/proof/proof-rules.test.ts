import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { checkReceipts, parseDay, parseHoursCsv, parseReceiptsCsv, proofPeriods } from './proof-rules'

const CATS = [
  { key: 'staff', names: ['Personalausgaben', 'Staff costs'] },
  { key: 'material', names: ['Sachausgaben', 'Material costs'] },
]
const PERIOD = { from: '2026-01-01', to: '2027-12-31' }

describe('proof of use rules', () => {
  it('owes an interim proof per budget year but the last, and the final one months after the end', () => {
    assert.deepEqual(proofPeriods([2027, 2026], '2027-12-31', 6), [
      { period: '2026', kind: 'interim', dueOn: '2027-04-30', years: [2026] },
      { period: 'final', kind: 'final', dueOn: '2028-06-30', years: [2026, 2027] },
    ])
    assert.deepEqual(proofPeriods([2026], '2026-12-31', 3), [
      { period: 'final', kind: 'final', dueOn: '2027-03-31', years: [2026] },
    ])
    assert.deepEqual(proofPeriods([], '2026-12-31', 6), [])
  })

  it('reads days in ISO and German form and refuses impossible ones', () => {
    assert.equal(parseDay('2026-03-01'), '2026-03-01')
    assert.equal(parseDay('1.3.2026'), '2026-03-01')
    assert.equal(parseDay('31.02.2026'), null)
    assert.equal(parseDay('2026/03/01'), null)
  })

  it('imports receipts with German or English headers in any order', () => {
    const csv =
      '\uFEFFBetrag;Datum;Empfänger;Zweck;Position\n"1.200,50";15.03.2026;Druckerei Rhein;"Flyer; 500 Stück";Sachausgaben\n800;2026-04-01;Anna Muster;Honorar;staff\n'
    const r = parseReceiptsCsv(csv, CATS, PERIOD)
    assert.ok(r.ok)
    assert.deepEqual(r.rows, [
      {
        row: 2,
        day: '2026-03-15',
        payee: 'Druckerei Rhein',
        purpose: 'Flyer; 500 Stück',
        amountCents: 120_050,
        category: 'material',
      },
      {
        row: 3,
        day: '2026-04-01',
        payee: 'Anna Muster',
        purpose: 'Honorar',
        amountCents: 80_000,
        category: 'staff',
      },
    ])
  })

  it('refuses every bad row with its line number, and the whole file with them', () => {
    const csv = [
      'datum;empfaenger;zweck;betrag;position',
      '2026-03-01;A;Miete;100;staff',
      '2026-02-30;B;Miete;100;staff',
      '2025-12-31;;Miete;-5;travel',
      '',
      '2026-05-01;C;;1,234;material',
    ].join('\n')
    const r = parseReceiptsCsv(csv, CATS, PERIOD)
    assert.equal(r.ok, false)
    assert.deepEqual(!r.ok && r.problems.map((p) => [p.row, p.key]), [
      [3, 'funding.proof.csv.day'],
      [4, 'funding.proof.csv.dayOutside'],
      [4, 'funding.proof.csv.payee'],
      [4, 'funding.proof.csv.amount'],
      [4, 'funding.proof.csv.category'],
      [6, 'funding.proof.csv.purpose'],
      [6, 'funding.proof.csv.amount'],
    ])
  })

  it('refuses a file without the columns, without rows, or that csv-parse cannot read', () => {
    const noCols = parseReceiptsCsv('datum;betrag\n2026-01-01;5', CATS, PERIOD)
    assert.deepEqual(!noCols.ok && noCols.problems, [
      { row: 1, key: 'funding.proof.csv.columns', params: { columns: 'empfaenger;zweck;position' } },
    ])
    const empty = parseReceiptsCsv('datum;empfaenger;zweck;betrag;position\n', CATS, PERIOD)
    assert.equal(!empty.ok && empty.problems[0]?.key, 'funding.proof.csv.empty')
    const broken = parseReceiptsCsv(
      'datum;empfaenger;zweck;betrag;position\n2026-01-01;"A;x;5;staff\n',
      CATS,
      PERIOD,
    )
    assert.equal(!broken.ok && broken.problems[0]?.key, 'funding.proof.csv.syntax')
    const nothing = parseReceiptsCsv('', CATS, PERIOD)
    assert.equal(!nothing.ok && nothing.problems[0]?.key, 'funding.proof.csv.empty')
  })

  it('checks that the receipts add up to the account line by line', () => {
    const lines = [
      { category: 'staff', plannedCents: 100_000, actualCents: 80_000 },
      { category: 'material', plannedCents: 20_000, actualCents: 20_000 },
    ]
    const r = (category: string, amountCents: number, row: number) => ({
      row,
      day: '2026-03-01',
      payee: 'x',
      purpose: 'y',
      amountCents,
      category,
    })
    assert.deepEqual(
      checkReceipts(lines, [r('staff', 80_000, 2), r('material', 20_000, 3)], { simple: false }),
      [],
    )
    assert.deepEqual(
      checkReceipts(lines, [r('staff', 79_999, 2), r('material', 20_000, 3)], { simple: false }),
      [
        {
          field: 'actual_staff',
          key: 'funding.proof.error.receiptsDoNotAddUp',
          params: { line: 'staff', costs: 80_000, funded: 79_999, difference: 1 },
        },
      ],
    )
    assert.deepEqual(checkReceipts(lines, [], { simple: false }), [
      { field: 'receipts', key: 'funding.proof.error.receiptsMissing' },
    ])
    assert.deepEqual(checkReceipts(lines, [], { simple: true }), [], 'the simple proof needs no list')
    assert.equal(
      checkReceipts(lines, [r('staff', 1, 2)], { simple: true }).length,
      2,
      'but a given list must add up',
    )
  })

  it('reads volunteer hours and refuses more than the yearly limit per volunteer at the row that goes over', () => {
    const ok = parseHoursCsv('name;monat;stunden\nAyse K.;2026-03;20\nAyse K.;04/2026;30\n', PERIOD, 414)
    assert.ok(ok.ok)
    assert.deepEqual(
      ok.rows.map((h) => [h.row, h.month, h.hours]),
      [
        [2, '2026-03', 20],
        [3, '2026-04', 30],
      ],
    )
    const over = parseHoursCsv(
      'name;monat;stunden\nA;2026-01;400\nA;2026-02;15\nB;2026-13;5\nC;2026-02;x\n',
      PERIOD,
      414,
    )
    assert.deepEqual(!over.ok && over.problems.map((p) => [p.row, p.key]), [
      [3, 'funding.proof.csv.hoursPerYear'],
      [4, 'funding.proof.csv.month'],
      [5, 'funding.proof.csv.hours'],
    ])
  })
})
