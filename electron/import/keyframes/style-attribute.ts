// rrweb records changes to an element's inline style as {property: value | [value, priority] |
// false}; applied to the recorded `style` attribute text here, as the replayer's setProperty and
// removeProperty calls would.

/** Custom properties (--name) keep their case; the others are case-insensitive. */
const propertyName = (raw: string) => {
  const name = raw.trim()
  return name.startsWith('--') ? name : name.toLowerCase()
}

/** Splits declarations on `;` outside quotes and parentheses (url("a;b") stays whole). */
function declarations(style: string): Array<[string, string]> {
  const parts: string[] = []
  let depth = 0
  let quote = ''
  let start = 0
  for (let i = 0; i < style.length; i++) {
    const c = style[i]
    if (quote) {
      if (c === '\\') i++
      else if (c === quote) quote = ''
    } else if (c === '"' || c === "'") quote = c
    else if (c === '(') depth++
    else if (c === ')') depth = Math.max(0, depth - 1)
    else if (c === ';' && depth === 0) {
      parts.push(style.slice(start, i))
      start = i + 1
    }
  }
  parts.push(style.slice(start))
  const result: Array<[string, string]> = []
  for (const part of parts) {
    const colon = part.indexOf(':')
    if (colon <= 0) continue
    const name = propertyName(part.slice(0, colon))
    if (name) result.push([name, part.slice(colon + 1).trim()])
  }
  return result
}

/** The style attribute text after `changes`. */
export function applyStyleChanges(style: string, changes: Record<string, unknown>): string {
  const map = new Map(declarations(style))
  for (const [property, change] of Object.entries(changes)) {
    const name = propertyName(property)
    if (!name) continue
    if (change === false) {
      map.delete(name)
    } else if (Array.isArray(change) && typeof change[0] === 'string') {
      map.delete(name)
      if (change[0] !== '') map.set(name, change[1] ? `${change[0]} !${change[1]}` : change[0])
    } else if (typeof change === 'string') {
      map.delete(name)
      if (change !== '') map.set(name, change)
    }
  }
  return [...map].map(([name, value]) => `${name}: ${value};`).join(' ')
}
