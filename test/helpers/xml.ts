/**
 * A strict, small XML 1.0 well-formedness check for tests (no XML parser is installed): one root
 * element, properly nested and closed tags, quoted unique attributes, only the five predefined or
 * numeric entities, no stray "<" or "&". Returns the element tree for assertions.
 */
export interface XmlElement {
  name: string
  attrs: Record<string, string>
  children: XmlElement[]
  text: string
}

const NAME = /^[A-Za-z_:][\w.:-]*$/
const ENTITY = /&(?:amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);/g

function checkText(text: string, where: string): string {
  if (text.includes('<')) throw new Error(`stray < in ${where}`)
  const stripped = text.replace(ENTITY, '')
  if (stripped.includes('&')) throw new Error(`bad entity in ${where}: ${text.slice(0, 80)}`)
  return text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&#(\d+);/g, (_, n: string) => String.fromCodePoint(Number(n)))
    .replace(/&amp;/g, '&')
}

export function parseXml(source: string): XmlElement {
  let s = source.replace(/^\uFEFF/, '')
  const decl = /^<\?xml[^?]*\?>\s*/.exec(s)
  if (decl) s = s.slice(decl[0].length)
  const stack: XmlElement[] = []
  let root: XmlElement | null = null
  let i = 0
  while (i < s.length) {
    const lt = s.indexOf('<', i)
    const text = s.slice(i, lt < 0 ? s.length : lt)
    if (stack.length === 0) {
      if (text.trim() !== '') throw new Error(`text outside the root element: ${text.slice(0, 40)}`)
    } else stack[stack.length - 1]!.text += checkText(text, stack[stack.length - 1]!.name)
    if (lt < 0) break
    if (s.startsWith('<!--', lt)) {
      const end = s.indexOf('-->', lt)
      if (end < 0) throw new Error('unclosed comment')
      i = end + 3
      continue
    }
    const gt = s.indexOf('>', lt)
    if (gt < 0) throw new Error('unclosed tag')
    const tag = s.slice(lt + 1, gt)
    i = gt + 1
    if (tag.startsWith('/')) {
      const name = tag.slice(1).trim()
      const open = stack.pop()
      if (!open || open.name !== name) throw new Error(`mismatched </${name}>`)
      continue
    }
    const selfClosing = tag.endsWith('/')
    const body = selfClosing ? tag.slice(0, -1) : tag
    const m = /^([^\s/>]+)([\s\S]*)$/.exec(body)
    if (!m || !NAME.test(m[1]!)) throw new Error(`bad tag <${tag}>`)
    const attrs: Record<string, string> = {}
    let rest = m[2]!
    const attrRe = /^\s+([A-Za-z_:][\w.:-]*)\s*=\s*("([^"<]*)"|'([^'<]*)')/
    for (;;) {
      const a = attrRe.exec(rest)
      if (!a) break
      if (a[1]! in attrs) throw new Error(`duplicate attribute ${a[1]}`)
      attrs[a[1]!] = checkText(a[3] ?? a[4] ?? '', `attribute ${a[1]}`)
      rest = rest.slice(a[0].length)
    }
    if (rest.trim() !== '') throw new Error(`bad attributes in <${tag}>`)
    const el: XmlElement = { name: m[1]!, attrs, children: [], text: '' }
    if (stack.length) stack[stack.length - 1]!.children.push(el)
    else if (root) throw new Error('more than one root element')
    else root = el
    if (!selfClosing) stack.push(el)
  }
  if (stack.length) throw new Error(`unclosed <${stack[stack.length - 1]!.name}>`)
  if (!root) throw new Error('no root element')
  return root
}

export function child(el: XmlElement, name: string): XmlElement | undefined {
  return el.children.find((c) => c.name === name)
}
