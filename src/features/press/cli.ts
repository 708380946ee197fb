import { readFile } from 'node:fs/promises'
import { CLI_ACTOR } from '../../platform/audit'
import { parseDay } from '../../platform/dates'
import type { CliCommand } from '../../platform/feature'
import { translator } from '../../platform/i18n'
import { isNotFound } from '../../platform/outcome'
import { ImportFormatError, importRelease, parseReleaseText } from './import-release'
import { pressMessages } from './messages'
import { topicBySlug } from './queries'

export const importPressReleaseCommand: CliCommand = {
  description:
    'Import a press release from text (title, subtitle, reading time, dateline and body, "Kontakt für Pressevertreter", "Downloads") as a draft, or published with --publish.',
  usage: 'FILE [--publish] [--topic SLUG]… [--date YYYY-MM-DD]',
  async run(deps, args, io) {
    const file = args.positionals[0]
    if (!file) {
      io.err('Usage: import-press-release FILE [--publish] [--topic SLUG]… [--date YYYY-MM-DD]')
      return 64
    }
    let text: string
    try {
      text = await readFile(file, 'utf8')
    } catch (err) {
      io.err(`Cannot read ${file}: ${err instanceof Error ? err.message : String(err)}`)
      return 66
    }
    let parsed: ReturnType<typeof parseReleaseText>
    try {
      parsed = parseReleaseText(text)
    } catch (err) {
      if (err instanceof ImportFormatError) {
        io.err(`${file}: ${err.message}`)
        return 65
      }
      throw err
    }
    const topicIds: string[] = []
    for (const slug of args.flags.topic ?? []) {
      const topic = await topicBySlug(deps.db, slug)
      if (!topic) {
        io.err(`Unknown topic: ${slug}`)
        return 65
      }
      topicIds.push(topic.id)
    }
    const dateRaw = args.flags.date?.[0]
    let publishedAt: Date | undefined
    if (dateRaw) {
      if (!parseDay(dateRaw)) {
        io.err(`--date must be YYYY-MM-DD, not ${dateRaw}`)
        return 64
      }
      publishedAt = new Date(`${dateRaw}T10:00:00Z`)
    }
    const publish = args.flags.publish !== undefined
    const result = await importRelease(deps.db, CLI_ACTOR, parsed, {
      publish,
      topicIds,
      ...(publishedAt ? { publishedAt } : {}),
    })
    if (result.ok) {
      io.out(
        `${publish ? 'Published' : 'Draft created'}: ${deps.config.publicUrl}/presse/${result.value.slug}`,
      )
      if (parsed.downloads.length)
        io.out(
          `Note: ${parsed.downloads.length} download(s) listed in the text must be uploaded in the editor.`,
        )
      return 0
    }
    const imported = result.problems.find((p) => p.key === 'press.error.alreadyImported')
    if (imported) {
      io.err(`Already imported: /presse/${imported.params?.slug}`)
      return 1
    }
    if (isNotFound(result)) return 1
    const t = translator(pressMessages, 'en')
    io.err(`Not imported: ${result.problems.map((p) => `${p.field}: ${t(p.key, p.params)}`).join(', ')}`)
    return 65
  },
}
