import type { PageContext } from '../../../platform/http/context'
import { WordDiffText } from '../../../platform/ui/word-diff'

/** The plan's comment rounds show a proposal with the shared word diff (src/platform/ui/word-diff). */
export { type DiffPart, wordDiff } from '../../../platform/ui/word-diff'

export function WordDiff({
  ctx,
  before,
  after,
  lang,
}: {
  ctx: PageContext
  before: string
  after: string
  /** The language of the wording (German content on a page in another language). */
  lang?: string | undefined
}) {
  const labels = { added: ctx.t('plan.round.diff.added'), removed: ctx.t('plan.round.diff.removed') }
  return <WordDiffText before={before} after={after} labels={labels} lang={lang} />
}
