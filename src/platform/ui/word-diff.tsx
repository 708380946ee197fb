import { diffWordsWithSpace } from 'diff'

/**
 * A changed wording shown against the draft, word by word (the maintained `diff` package,
 * words with their spaces). Inserted words are <ins>, removed ones <del>; each change also says in
 * words what it is (for screen readers, which do not announce <ins>/<del>), and the stylesheet marks
 * them by underline and strike-through as well as colour. Shared by every comment round
 * (src/platform/rounds, decision 0006).
 */

export interface DiffPart {
  readonly kind: 'same' | 'added' | 'removed'
  readonly text: string
}

/**
 * The changes between two wordings. Neighbouring changes separated only by spaces are read as one
 * change ("[deleted: in allen Landkreisen][inserted: landesweit]", not word by word in turns).
 */
export function wordDiff(before: string, after: string): DiffPart[] {
  const changes = diffWordsWithSpace(before, after)
  const out: DiffPart[] = []
  let removed = ''
  let added = ''
  const flush = () => {
    if (removed) out.push({ kind: 'removed', text: removed })
    if (added) out.push({ kind: 'added', text: added })
    removed = ''
    added = ''
  }
  changes.forEach((c, i) => {
    if (c.added) added += c.value
    else if (c.removed) removed += c.value
    else {
      const next = changes[i + 1]
      if ((removed || added) && /^\s+$/.test(c.value) && (next?.added || next?.removed)) {
        removed += c.value
        added += c.value
        return
      }
      flush()
      out.push({ kind: 'same', text: c.value })
    }
  })
  flush()
  return out
}

export function WordDiffText({
  before,
  after,
  labels,
  lang,
}: {
  before: string
  after: string
  /** What a screen reader hears before an inserted and a removed passage (translated by the caller). */
  labels: { readonly added: string; readonly removed: string }
  /** The language of the wording (German content on a page in another language). */
  lang?: string | undefined
}) {
  return (
    <p class="kern-body plan-diff" lang={lang}>
      {wordDiff(before, after).map((part, i) =>
        part.kind === 'added' ? (
          <ins key={i}>
            <span class="kern-sr-only">[{labels.added}: </span>
            {part.text}
            <span class="kern-sr-only">]</span>
          </ins>
        ) : part.kind === 'removed' ? (
          <del key={i}>
            <span class="kern-sr-only">[{labels.removed}: </span>
            {part.text}
            <span class="kern-sr-only">]</span>
          </del>
        ) : (
          part.text
        ),
      )}
    </p>
  )
}
