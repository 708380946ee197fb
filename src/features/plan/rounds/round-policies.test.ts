import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { who } from '../../../../test/helpers/policy'
import type { Who } from '../../../platform/policy'
import {
  answersComment,
  commentRefusal,
  opensRound,
  publishRefusal,
  type RoundFacts,
  type RoundWho,
  revisesSection,
  roundPhase,
  seesRound,
} from '../policies'

const NOW = new Date('2026-06-15T12:00:00Z')
const day = (d: string) => new Date(`${d}T12:00:00Z`)
const ROUNDS: Record<string, RoundFacts> = {
  upcoming: { opensAt: day('2026-06-20'), closesAt: day('2026-07-20'), publishedAt: null },
  open: { opensAt: day('2026-06-01'), closesAt: day('2026-07-01'), publishedAt: null },
  closed: { opensAt: day('2026-05-01'), closesAt: day('2026-06-01'), publishedAt: null },
  published: { opensAt: day('2026-05-01'), closesAt: day('2026-06-01'), publishedAt: day('2026-06-10') },
}
const round = (phase: string) => ROUNDS[phase]!

const asRound = (w: Who, conferenceMember: boolean): RoundWho => ({ ...w, conferenceMember })
const visitor = asRound(who(null), false)
const member = asRound(who('u-member', ['plan.comment']), true)
const formerMember = asRound(who('u-former', ['plan.comment']), false)
const citizen = asRound(who('u-citizen'), false)
const ministry = asRound(who('u-ministry', ['plan.manage']), false)

describe('comment round policies', () => {
  it('names the phase from the dates and the publication', () => {
    for (const phase of Object.keys(ROUNDS)) assert.equal(roundPhase(round(phase), NOW), phase)
    assert.equal(roundPhase(round('open'), round('open').closesAt), 'closed', 'the closing moment is closed')
  })

  // actor → phase → expected refusal of a comment
  const COMMENT: [string, RoundWho, Record<string, ReturnType<typeof commentRefusal>>][] = [
    ['member', member, { upcoming: 'notOpenYet', open: null, closed: 'closed', published: 'closed' }],
    [
      'account without a current membership',
      formerMember,
      { upcoming: 'notMember', open: 'notMember', closed: 'notMember', published: 'notMember' },
    ],
    [
      'citizen',
      citizen,
      { upcoming: 'notMember', open: 'notMember', closed: 'notMember', published: 'notMember' },
    ],
    [
      'visitor',
      visitor,
      { upcoming: 'notMember', open: 'notMember', closed: 'notMember', published: 'notMember' },
    ],
    [
      'ministry',
      ministry,
      { upcoming: 'notMember', open: 'notMember', closed: 'notMember', published: 'notMember' },
    ],
  ]
  for (const [name, actor, expected] of COMMENT)
    for (const [phase, refusal] of Object.entries(expected))
      it(`${name} comments on a ${phase} round: ${refusal ?? 'allowed'}`, () =>
        assert.equal(commentRefusal(actor, round(phase), NOW), refusal))

  // actor → phase → [sees, answers, publishes (0 unanswered), revises a draft]
  const STAFF: [
    string,
    RoundWho,
    Record<string, [boolean, boolean, ReturnType<typeof publishRefusal>, boolean]>,
  ][] = [
    [
      'ministry',
      ministry,
      {
        upcoming: [true, true, 'stillOpen', false],
        open: [true, true, 'stillOpen', false],
        closed: [true, true, null, true],
        published: [true, false, 'published', true],
      },
    ],
    [
      'member',
      member,
      {
        upcoming: [false, false, 'forbidden', false],
        open: [true, false, 'forbidden', false],
        closed: [true, false, 'forbidden', false],
        published: [true, false, 'forbidden', false],
      },
    ],
    [
      'visitor',
      visitor,
      {
        upcoming: [false, false, 'forbidden', false],
        open: [true, false, 'forbidden', false],
        closed: [true, false, 'forbidden', false],
        published: [true, false, 'forbidden', false],
      },
    ],
  ]
  for (const [name, actor, expected] of STAFF)
    for (const [phase, [sees, answers, publishes, revises]] of Object.entries(expected)) {
      const r = round(phase)
      it(`${name} on a ${phase} round: sees ${sees}, answers ${answers}, publishes ${publishes ?? 'ok'}, revises ${revises}`, () => {
        assert.equal(seesRound(actor, r, NOW), sees)
        assert.equal(answersComment(actor, r), answers)
        assert.equal(publishRefusal(actor, r, NOW, 0), publishes)
        assert.equal(revisesSection(actor, r, NOW, 'draft'), revises)
      })
    }

  it('refuses to publish while a comment is unanswered, and revisions of an adopted version', () => {
    assert.equal(publishRefusal(ministry, round('closed'), NOW, 1), 'unanswered')
    assert.equal(revisesSection(ministry, round('closed'), NOW, 'adopted'), false)
  })

  it('opens a round only on a draft, and only for the ministry', () => {
    assert.equal(opensRound(ministry, 'draft'), true)
    assert.equal(opensRound(ministry, 'adopted'), false)
    assert.equal(opensRound(member, 'draft'), false)
  })
})
