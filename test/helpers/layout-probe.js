// Runs inside the page (test/helpers/browser.ts reads this file and evaluates it as it is, so it is
// plain JavaScript): finds what a person sees as broken that axe does not, at the current width.
// The value of the expression is a list of problems, each one line of text.
;(() => {
  const problems = []
  const vw = document.documentElement.clientWidth

  const visible = (el) => {
    const style = getComputedStyle(el)
    if (style.visibility === 'hidden' || style.display === 'none') return false
    const r = el.getBoundingClientRect()
    return r.width > 0 && r.height > 0
  }
  // Visually hidden helpers (kern-sr-only, clip-path) are no part of what a person sees.
  const hiddenForEyes = (el) => {
    for (let e = el; e && e !== document.body; e = e.parentElement) {
      const s = getComputedStyle(e)
      if (s.display === 'none' || s.visibility === 'hidden') return true
      if (s.clipPath === 'inset(50%)' || s.clip === 'rect(0px, 0px, 0px, 0px)') return true
      if (e.hidden || e.tagName === 'TEMPLATE') return true
      const r = e.getBoundingClientRect()
      if (r.width <= 1 && r.height <= 1 && s.overflow === 'hidden') return true
    }
    return false
  }
  const describe = (el) => {
    const id = el.id ? `#${el.id}` : ''
    const cls =
      typeof el.className === 'string' && el.className ? `.${el.className.trim().split(/\s+/)[0]}` : ''
    const text = (el.textContent || el.value || '').replace(/\s+/g, ' ').trim().slice(0, 40)
    return `<${el.tagName.toLowerCase()}${id}${cls}>${text ? ` “${text}”` : ''}`
  }

  // Inside a box that scrolls or clips sideways (a table's region), content may be wider.
  const inScrollBox = (el) => {
    for (let a = el.parentElement; a && a !== document.body; a = a.parentElement) {
      if (getComputedStyle(a).overflowX !== 'visible') return true
    }
    return false
  }

  // Boxes a person reads: every line of text, and every control.
  const boxes = []
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT)
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (!node.textContent.trim()) continue
    const el = node.parentElement
    if (!el || ['SCRIPT', 'STYLE', 'OPTION', 'TEXTAREA'].includes(el.tagName) || hiddenForEyes(el)) continue
    const range = document.createRange()
    range.selectNodeContents(node)
    for (const r of range.getClientRects()) if (r.width > 1 && r.height > 1) boxes.push({ el, r, text: true })
  }
  for (const el of document.body.querySelectorAll(
    'input:not([type=hidden]), select, textarea, button, img',
  )) {
    if (visible(el) && !hiddenForEyes(el)) boxes.push({ el, r: el.getBoundingClientRect(), text: false })
  }
  // 1. The page must not scroll sideways. The culprits: text, controls or boxes beyond the right
  //    edge that no scrolling box around them holds.
  const scrollWidth = document.documentElement.scrollWidth
  if (scrollWidth > vw + 1) {
    const beyond = (r) => r.right > vw + 1
    const culprits = new Set()
    for (const b of boxes) if (beyond(b.r) && !inScrollBox(b.el)) culprits.add(b.el)
    for (const el of document.body.querySelectorAll('*')) {
      if (culprits.size >= 3) break
      if (visible(el) && beyond(el.getBoundingClientRect()) && !inScrollBox(el) && el.children.length === 0)
        culprits.add(el)
    }
    const names = [...culprits].slice(0, 3).map(describe)
    problems.push(`page scrolls sideways (${scrollWidth} px content in ${vw} px): ${names.join(', ')}`)
  }

  const inside = (el, container) => container === el || container.contains(el)
  const overlap = (a, b) =>
    Math.min(a.right, b.right) - Math.max(a.left, b.left) > 2 &&
    Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top) > 2
  const sameLine = (a, b) =>
    Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top) > 0.5 * Math.min(a.height, b.height)
  const gap = (a, b) => Math.max(b.left - a.right, a.left - b.right)

  // 2. Legends, labels and headings: never on top of something else; a legend or heading never runs
  //    into the text beside it ("BankverbindungIBAN"); their text is not cut off by a scroll box.
  const targets = [
    ...document.body.querySelectorAll('legend, label, h1, h2, h3, h4, h5, h6, caption'),
  ].filter((el) => visible(el) && !hiddenForEyes(el))
  const reported = new Set()
  for (const t of targets) {
    const own = boxes.filter((b) => b.text && inside(b.el, t))
    const runsInto = t.tagName !== 'LABEL'
    for (const b of boxes) {
      if (inside(b.el, t) || (!b.text && t.contains(b.el))) continue
      // a label's own control (a checkbox beside its label) is meant to sit next to it
      if (t.tagName === 'LABEL' && (b.el === t.control || t.contains(b.el))) continue
      for (const o of own) {
        const key = `${describe(t)}|${describe(b.el)}`
        if (reported.has(key)) break
        if (overlap(o.r, b.r)) {
          problems.push(`${describe(t)} overlaps ${describe(b.el)}`)
          reported.add(key)
          break
        }
        if (runsInto && b.text && sameLine(o.r, b.r) && gap(o.r, b.r) < 8) {
          problems.push(`${describe(t)} runs into ${describe(b.el)} on the same line`)
          reported.add(key)
          break
        }
      }
    }
    // clipped by an ancestor that scrolls or hides its overflow
    for (let a = t.parentElement; a && a !== document.body; a = a.parentElement) {
      const s = getComputedStyle(a)
      if (s.overflowX === 'visible') continue
      const clip = a.getBoundingClientRect()
      const cut = own.some((o) => o.r.right > clip.right + 1 || o.r.left < clip.left - 1)
      if (cut) {
        problems.push(`${describe(t)} is cut off by ${describe(a)}`)
        break
      }
    }
  }

  // 3. An input is at least as wide as what it holds (its value, or the date it shows), unless it
  //    already takes all the room there is.
  const canvas = document.createElement('canvas').getContext('2d')
  const textWidth = (el, text) => {
    const s = getComputedStyle(el)
    canvas.font = `${s.fontStyle} ${s.fontWeight} ${s.fontSize} ${s.fontFamily}`
    return canvas.measureText(text).width
  }
  const sample = new Date(2000, 11, 28, 22, 58)
  const lang = document.documentElement.lang || navigator.language
  for (const el of document.body.querySelectorAll('input, select')) {
    if (!visible(el) || hiddenForEyes(el)) continue
    const type = el.tagName === 'SELECT' ? 'select' : el.type
    let content
    let extra = 0
    if (type === 'date' || type === 'datetime-local') {
      const opts =
        type === 'date'
          ? { day: '2-digit', month: '2-digit', year: 'numeric' }
          : { day: '2-digit', month: '2-digit', year: 'numeric', hour: '2-digit', minute: '2-digit' }
      content = new Intl.DateTimeFormat(navigator.language || lang, opts).format(sample)
      extra = 40 // the calendar button
    } else if (type === 'select') {
      content = el.selectedOptions[0]?.textContent?.trim() ?? '' // KERN's padding holds the arrow
    } else if (['text', 'email', 'tel', 'url', 'search', 'number'].includes(type)) {
      content = el.value || el.placeholder
    } else continue
    if (!content) continue
    const s = getComputedStyle(el)
    const needed =
      textWidth(el, content) + Number.parseFloat(s.paddingLeft) + Number.parseFloat(s.paddingRight) + extra
    // An input as wide as the space it stands in cannot grow (a long title on a phone): only one
    // held narrower than that, by a width or by something beside it, is too narrow.
    const room = el.parentElement.clientWidth
    if (el.clientWidth + 1 < needed && el.offsetWidth + 1 < room) {
      problems.push(
        `${describe(el)} is ${Math.round(el.clientWidth)} px wide, its content “${content}” needs ${Math.round(needed)} px`,
      )
    }
  }
  return problems
})()
