/**
 * The structured questions of the narrative report (Sachbericht), per funding line (by its key,
 * programme/wir.ts). Every report answers the common ones; a line adds its own. The simple proof
 * asks only what the short form asks. The wording is in the message catalogue
 * (funding.proof.q.<key> and funding.proof.q.<key>.hint).
 */
export type QuestionKey =
  | 'goals'
  | 'activities'
  | 'reach'
  | 'network'
  | 'volunteers'
  | 'cooperation'
  | 'strategy'

const COMMON: readonly QuestionKey[] = ['goals', 'activities', 'reach']
const SIMPLE: readonly QuestionKey[] = ['activities', 'volunteers']
const BY_LINE: Readonly<Record<string, readonly QuestionKey[]>> = {
  VZ: ['network'],
  MSO: ['cooperation'],
  KIV: ['strategy'],
}

export function questionsFor(lineKey: string, simple: boolean): readonly QuestionKey[] {
  return simple ? SIMPLE : [...COMMON, ...(BY_LINE[lineKey] ?? [])]
}
