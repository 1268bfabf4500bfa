import type { inputData, scrollData, styleDeclarationData, styleSheetRuleData } from '@rrweb/types'
import type { IRRElement, IRRNode, RRDocument } from 'rrdom'
import { IncrementalSource, type Replayer } from 'rrweb'
import { mirrorMaps } from './replayerInternals'

// Changes the replayed page into the page a virtual DOM describes (rrweb's RRDocument, built from a
// snapshot and the events after it), keeping every node the two share. A node is the same when the
// recording's id for it is (the replayer's mirror maps ids to the page's nodes); a text node whose
// id is gone is reused for a new text node in the same place, as a page that sets textContent
// makes a new text node for every change. The browser then restyles and lays out only what
// changed, where a rebuild reopens the document and does the whole page again.

export type PageMirror = ReturnType<Replayer['getMirror']>
type VirtualMirror = RRDocument['mirror']
type StyleRules = Array<styleSheetRuleData | styleDeclarationData>

export interface MorphHooks {
  /** The replayer's own nodes in the page (its style rules): not the recording's, left in place. */
  isOwn(node: Node): boolean
  /** Whether the replay scrolled this element (an event or a snapshot did), so it may be off its start. */
  wasScrolled(element: Element): boolean
  /** Whether rule edits (CSSOM) changed this style element's sheet, which its text no longer says. */
  hasEditedRules(element: Element): boolean
  applyScroll(data: scrollData): void
  applyInput(data: inputData): void
  applyStyleRules(rules: StyleRules, sheet: CSSStyleSheet): void
}

/** Elements only rrweb's own rebuild and diff know how to carry over (frames, media, canvas, dialogs). */
const RRWEB_ONLY = new Set(['IFRAME', 'FRAME', 'CANVAS', 'VIDEO', 'AUDIO', 'DIALOG'])

export const onlyRrwebCarries = (tagName: string): boolean => RRWEB_ONLY.has(tagName.toUpperCase())

const ELEMENT = 1
const TEXT = 3
const DOCTYPE = 10

const NAMESPACES: Record<string, string> = {
  svg: 'http://www.w3.org/2000/svg',
  'xlink:': 'http://www.w3.org/1999/xlink',
  'xml:': 'http://www.w3.org/XML/1998/namespace',
  'xmlns:': 'http://www.w3.org/2000/xmlns/',
}

interface VirtualElement extends IRRElement {
  scrollData?: scrollData | null
  inputData?: inputData | null
  rules?: StyleRules
}

/** Whether `morphPage` can carry the page over to `virtual` (else leave it to rrweb's diff). */
export function canMorph(virtual: RRDocument): boolean {
  const fine = (node: IRRNode): boolean => {
    if (node.nodeType === ELEMENT && (onlyRrwebCarries((node as IRRElement).tagName) || (node as IRRElement).shadowRoot)) return false
    for (let child = node.firstChild; child; child = child.nextSibling) if (!fine(child)) return false
    return true
  }
  return fine(virtual)
}

export function morphPage(page: Document, virtual: RRDocument, mirror: PageMirror, hooks: MorphHooks): void {
  new Morph(page, virtual.mirror, mirror, hooks).run(virtual)
}

class Morph {
  /** Page nodes already given a place in the new page (each goes to one place only). */
  private readonly placed = new Set<Node>()
  /** Roots of subtrees made new, whole, before they went into the page (cheaper than node by node there). */
  private readonly made = new Set<Node>()
  private readonly ids: Map<number, Node>

  constructor(
    private readonly page: Document,
    private readonly virtualMirror: VirtualMirror,
    private readonly mirror: PageMirror,
    private readonly hooks: MorphHooks,
  ) {
    // Removed nodes are dropped from the mirror here (forget): rrweb's removeNodeFromMap walks
    // NodeLists (slow) and drops every id under the node, even one another node has taken over.
    this.ids = mirrorMaps(mirror).idNodeMap
  }

  run(virtual: RRDocument): void {
    const meta = this.virtualMirror.getMeta(virtual)
    if (meta) this.mirror.add(this.page, meta)
    this.children(this.page, virtual)
  }

  /** Makes `parent`'s children those of `virtual`, in its order, then each child like its counterpart. */
  private children(parent: Node, virtual: IRRNode): void {
    if (!this.sameChildren(parent, virtual)) this.arrange(parent, virtual)
    let node = this.firstOf(parent)
    for (let twin = virtual.firstChild; node && twin; twin = twin.nextSibling, node = this.nextOf(node)) {
      if (this.made.has(node)) this.settle(node, twin)
      else if (twin.nodeType === ELEMENT) this.element(node as Element, twin as VirtualElement)
      else if (twin.nodeType !== DOCTYPE) {
        const data = (twin as IRRNode & { data: string }).data
        if ((node as CharacterData).data !== data) (node as CharacterData).data = data
      }
    }
  }

  private element(element: Element, twin: VirtualElement): void {
    const scrolled = this.hooks.wasScrolled(element) || hasScrollAttributes(this.mirror.getMeta(element))
    const meta = this.virtualMirror.getMeta(twin)
    if (meta) this.mirror.add(element, meta)
    this.attributes(element, twin)
    if (element.firstChild || twin.firstChild) this.children(element, twin)
    this.sheetRules(element, twin)
    this.formState(element, twin)
    if (!this.scroll(twin) && scrolled) element.scrollTo(0, 0)
  }

  /** What a made subtree takes once in the page: sheet rules, typed values, scroll positions. */
  private settle(node: Node, twin: IRRNode): void {
    if (twin.nodeType !== ELEMENT) return
    for (let child = node.firstChild, childTwin = twin.firstChild; child && childTwin; child = child.nextSibling, childTwin = childTwin.nextSibling) {
      this.settle(child, childTwin)
    }
    const element = twin as VirtualElement
    this.sheetRules(node, element)
    if (element.inputData) this.hooks.applyInput(element.inputData)
    this.scroll(element)
  }

  /** A style element's rules added or changed by events (CSSOM), not in its text. */
  private sheetRules(node: Node, twin: VirtualElement): void {
    const sheet = (node as HTMLStyleElement).sheet
    if (twin.rules?.length && sheet) this.hooks.applyStyleRules(twin.rules, sheet)
  }

  /** Scrolls an element where the new page has it; false when it says nothing. */
  private scroll(twin: VirtualElement): boolean {
    const scroll = twin.scrollData ?? scrollFromAttributes(this.virtualMirror.getMeta(twin))
    if (scroll) this.hooks.applyScroll(scroll)
    return scroll !== null
  }

  private attributes(element: Element, twin: VirtualElement): void {
    const wanted = twin.attributes
    let count = 0
    for (const name in wanted) {
      count++
      const value = wanted[name]
      if (element.getAttribute(name) !== value) setAttribute(element, name, value)
    }
    if (element.attributes.length === count) return
    for (let index = element.attributes.length - 1; index >= 0; index--) {
      const name = element.attributes[index].name
      if (!(name in wanted)) element.removeAttribute(name)
    }
  }

  /**
   * A kept field shows what its user typed last, not its attributes: put the value the new page
   * holds back (events after the snapshot then set theirs).
   */
  private formState(element: Element, twin: VirtualElement): void {
    if (twin.inputData) return this.hooks.applyInput(twin.inputData)
    const attributes = twin.attributes
    try {
      if (element.tagName === 'INPUT') {
        const input = element as HTMLInputElement
        if (input.type === 'checkbox' || input.type === 'radio') input.checked = 'checked' in attributes
        else if (input.value !== (attributes.value ?? '')) input.value = attributes.value ?? ''
      } else if (element.tagName === 'TEXTAREA') {
        const text = element.textContent ?? ''
        if ((element as HTMLTextAreaElement).value !== text) (element as HTMLTextAreaElement).value = text
      } else if (element.tagName === 'SELECT' && 'value' in attributes) {
        ;(element as HTMLSelectElement).value = attributes.value
      }
    } catch {
      // A file input takes no value but ''.
    }
  }

  private sameChildren(parent: Node, virtual: IRRNode): boolean {
    let node = parent.firstChild
    let twin = virtual.firstChild
    for (; node && twin; node = node.nextSibling, twin = twin.nextSibling) {
      const id = this.virtualMirror.getId(twin)
      if (id === -1 || this.mirror.getNode(id) !== node || !sameKind(node, twin)) return false
      if (node.nodeType === ELEMENT && this.hooks.hasEditedRules(node as Element)) return false
    }
    return node === null && twin === null
  }

  /** Puts the right nodes under `parent` in the right order: kept, moved from elsewhere, or new. */
  private arrange(parent: Node, virtual: IRRNode): void {
    const spareTexts: Text[] = []
    for (let node = parent.firstChild; node; node = node.nextSibling) {
      if (node.nodeType === TEXT && !this.virtualMirror.has(this.mirror.getId(node))) spareTexts.push(node as Text)
    }
    let spare = 0
    const wanted: Node[] = []
    for (let twin = virtual.firstChild; twin; twin = twin.nextSibling) {
      let node: Node | null = this.mirror.getNode(this.virtualMirror.getId(twin))
      if (node && (this.placed.has(node) || !sameKind(node, twin) || this.hooks.isOwn(node) || (node.nodeType === ELEMENT && this.hooks.hasEditedRules(node as Element)))) node = null
      if (!node && twin.nodeType === TEXT && spare < spareTexts.length) {
        node = spareTexts[spare++]
        this.forget(node)
        const meta = this.virtualMirror.getMeta(twin)
        if (meta) this.mirror.add(node, meta)
      }
      node ??= this.make(twin)
      this.placed.add(node)
      wanted.push(node)
    }
    for (let node = parent.firstChild; node; ) {
      const next = node.nextSibling
      if (!this.placed.has(node) && !this.hooks.isOwn(node)) {
        parent.removeChild(node)
        this.forget(node)
      }
      node = next
    }
    let cursor = this.firstOf(parent)
    for (const node of wanted) {
      if (cursor === node) cursor = this.nextOf(cursor)
      else parent.insertBefore(node, cursor)
    }
  }

  /** Drops a node gone from the page, and those under it, from the mirror (an id taken over by another node stays). */
  private forget(node: Node): void {
    const id = this.mirror.getId(node)
    if (id !== -1 && this.ids.get(id) === node) this.ids.delete(id)
    for (let child = node.firstChild; child; child = child.nextSibling) this.forget(child)
  }

  /** A new page subtree for `twin`, whole: its nodes all new (an id it takes over leaves the old node's). */
  private make(twin: IRRNode): Node {
    const node = this.build(twin)
    this.made.add(node)
    return node
  }

  private build(twin: IRRNode): Node {
    const node = this.create(twin)
    if (twin.nodeType === ELEMENT) {
      const { attributes } = twin as IRRElement
      for (const name in attributes) setAttribute(node as Element, name, attributes[name])
      for (let child = twin.firstChild; child; child = child.nextSibling) node.appendChild(this.build(child))
    } else if (twin.nodeType !== DOCTYPE) {
      ;(node as CharacterData).data = (twin as IRRNode & { data: string }).data
    }
    return node
  }

  private create(twin: IRRNode): Node {
    let node: Node
    if (twin.nodeType === ELEMENT) {
      const { tagName } = twin as IRRElement
      const meta = this.virtualMirror.getMeta(twin)
      node = meta && 'isSVG' in meta && meta.isSVG ? this.page.createElementNS(NAMESPACES.svg, svgTagName(tagName)) : this.page.createElement(tagName)
    } else if (twin.nodeType === DOCTYPE) {
      const { name, publicId, systemId } = twin as IRRNode & { name: string; publicId: string; systemId: string }
      node = this.page.implementation.createDocumentType(name, publicId, systemId)
    } else if (twin.nodeType === TEXT) {
      node = this.page.createTextNode('')
    } else {
      node = this.page.createComment('')
    }
    const meta = this.virtualMirror.getMeta(twin)
    if (meta) this.mirror.add(node, meta)
    return node
  }

  private firstOf(parent: Node): Node | null {
    return this.skipOwn(parent.firstChild)
  }

  private nextOf(node: Node): Node | null {
    return this.skipOwn(node.nextSibling)
  }

  private skipOwn(node: Node | null): Node | null {
    while (node && this.hooks.isOwn(node)) node = node.nextSibling
    return node
  }
}

/** SVG's mixed-case element names (the HTML parser's SVG tag name adjustments); a recording lowercases them. */
const SVG_MIXED_CASE = new Map(
  ['altGlyph', 'altGlyphDef', 'altGlyphItem', 'animateColor', 'animateMotion', 'animateTransform', 'clipPath', 'feBlend', 'feColorMatrix', 'feComponentTransfer',
    'feComposite', 'feConvolveMatrix', 'feDiffuseLighting', 'feDisplacementMap', 'feDistantLight', 'feDropShadow', 'feFlood', 'feFuncA', 'feFuncB', 'feFuncG',
    'feFuncR', 'feGaussianBlur', 'feImage', 'feMerge', 'feMergeNode', 'feMorphology', 'feOffset', 'fePointLight', 'feSpecularLighting', 'feSpotLight', 'feTile',
    'feTurbulence', 'foreignObject', 'glyphRef', 'linearGradient', 'radialGradient', 'textPath'].map((name) => [name.toLowerCase(), name]),
)

function svgTagName(tagName: string): string {
  const lower = tagName.toLowerCase()
  return SVG_MIXED_CASE.get(lower) ?? lower
}

function setAttribute(element: Element, name: string, value: string): void {
  try {
    const namespace = element.namespaceURI === NAMESPACES.svg ? namespaceOf(name) : null
    if (namespace) element.setAttributeNS(namespace, name, value)
    else element.setAttribute(name, value)
  } catch {
    // A name the DOM refuses; a fresh rebuild skips it too.
  }
}

function sameKind(node: Node, twin: IRRNode): boolean {
  if (node.nodeType !== twin.nodeType) return false
  return node.nodeType !== ELEMENT || (node as Element).tagName.toUpperCase() === (twin as IRRElement).tagName
}

function namespaceOf(name: string): string | null {
  const colon = name.indexOf(':')
  return colon > 0 ? (NAMESPACES[name.slice(0, colon + 1)] ?? null) : null
}

type Meta = ReturnType<PageMirror['getMeta']>

function hasScrollAttributes(meta: Meta): boolean {
  return meta !== null && 'attributes' in meta && ('rr_scrollLeft' in meta.attributes || 'rr_scrollTop' in meta.attributes)
}

/** A snapshot records an element's scroll position in rr_ attributes (a fresh rebuild applies them). */
function scrollFromAttributes(meta: Meta): scrollData | null {
  if (!meta || !hasScrollAttributes(meta) || !('attributes' in meta)) return null
  const { rr_scrollLeft: x, rr_scrollTop: y } = meta.attributes
  return { source: IncrementalSource.Scroll, id: meta.id, x: Number(x ?? 0), y: Number(y ?? 0) }
}
