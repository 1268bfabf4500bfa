import type { serializedNodeWithId, styleDeclarationData, styleSheetRuleData } from '@rrweb/types'
import { type eventWithTime, IncrementalSource, ReplayerEvents, type Replayer } from 'rrweb'
import { canMorph, morphPage, onlyRrwebCarries } from './morphPage'
import { internalsOf, mirrorMaps, PAUSED_CLASS, type ReplayerInternals } from './replayerInternals'

// A seek that replays from a snapshot makes rrweb rebuild the page: it reopens the frame's document
// and builds every node anew, and the browser then styles and lays out the whole page again. On a
// page of thousands of nodes that is most of a seek. Here such a seek builds the snapshot, and the
// events up to the playhead, into rrweb's virtual DOM instead; the page in the frame is then changed
// to match it (morphPage.ts), keeping every node still there, so the browser redoes only what changed.
//
// Only seeks do this (playback's own rebuilds stay rrweb's), once the frame holds a page rrweb built,
// and only for snapshots of plain documents: frames, media, canvas, dialogs, shadow roots, custom
// elements and inlined images are rebuilt by rrweb as before.

type FullSnapshot = eventWithTime & { data: { node: serializedNodeWithId; initialOffset?: { top: number; left: number } } }

export function rebuildInPlace(replayer: Replayer): void {
  const internals = internalsOf(replayer)
  /** The replayer's own style element in the page (its rules, not the recording's). */
  const own = new WeakSet<Node>()
  const scrolled = new WeakSet<Element>()
  const editedRules = new WeakSet<Element>()
  let pageBuilt = false

  const rebuild = internals.rebuildFullSnapshot.bind(internals)
  internals.rebuildFullSnapshot = (event, isSync = false) => {
    if (!isSync || !pageBuilt || !plain(event as FullSnapshot)) {
      rebuild(event, isSync)
      pageBuilt = internals.iframe.contentDocument?.documentElement != null
      return
    }
    buildVirtually(internals, event as FullSnapshot)
  }

  const insertStyleRules = internals.insertStyleRules.bind(internals)
  internals.insertStyleRules = (documentElement, head) => {
    // The page in the frame keeps the style element of its first build.
    if (internals.usingVirtualDom && documentElement === internals.virtualDom.documentElement) return
    insertStyleRules(documentElement, head)
    const page = internals.iframe.contentDocument
    if (!internals.usingVirtualDom && page && documentElement === page.documentElement) {
      const inserted = head ? (head as Node).previousSibling : page.documentElement.lastChild
      if (inserted) own.add(inserted)
    }
  }

  const applyScroll = internals.applyScroll.bind(internals)
  internals.applyScroll = (data, isSync) => {
    const target = internals.mirror.getNode(data.id)
    if (target && target.nodeType === Node.ELEMENT_NODE) scrolled.add(target as Element)
    applyScroll(data, isSync)
  }
  // A style element whose rules were edited (CSSOM) no longer is what its text says: never kept.
  const noteEdited = (sheet: CSSStyleSheet) => {
    if (sheet.ownerNode && sheet.ownerNode.nodeType === Node.ELEMENT_NODE) editedRules.add(sheet.ownerNode as Element)
  }
  const applyStyleSheetRule = internals.applyStyleSheetRule.bind(internals)
  internals.applyStyleSheetRule = (data, sheet) => {
    noteEdited(sheet)
    applyStyleSheetRule(data, sheet)
  }
  const applyStyleDeclaration = internals.applyStyleDeclaration.bind(internals)
  internals.applyStyleDeclaration = (data, sheet) => {
    noteEdited(sheet)
    applyStyleDeclaration(data, sheet)
  }

  const emit = internals.emitter.emit.bind(internals.emitter)
  internals.emitter.emit = (type, payload) => {
    if (type === ReplayerEvents.PlayBack) {
      // rrweb forgets the page's nodes before replaying from a snapshot again (reset() gives the
      // mirror new maps); they are what a rebuild in place keeps: the old maps go back.
      const maps = mirrorMaps(internals.mirror)
      const { idNodeMap, nodeMetaMap } = maps
      emit(type, payload)
      Object.assign(maps, { idNodeMap, nodeMetaMap })
      return
    }
    if (type === ReplayerEvents.Flush && internals.usingVirtualDom && !carryOver()) {
      // rrweb's diff carries the page over: with the replayer's style rules in the virtual page, as
      // rrweb's own rebuild has them; the style element its diff makes for them is the new own one.
      const virtual = internals.virtualDom
      if (virtual.documentElement) insertStyleRules(virtual.documentElement, virtual.head)
      emit(type, payload)
      for (let node = internals.iframe.contentDocument?.documentElement?.firstChild; node; node = node.nextSibling) {
        if (node.nodeName === 'STYLE' && internals.mirror.getId(node) < -1) own.add(node)
      }
      return
    }
    emit(type, payload)
  }

  /** Changes the page into the virtual one; false when it holds what only rrweb's diff carries over. */
  function carryOver(): boolean {
    const page = internals.iframe.contentDocument
    const virtual = internals.virtualDom
    if (!page || !canMorph(virtual)) return false
    const pageHtml = page.documentElement
    if (pageHtml?.classList.contains(PAUSED_CLASS) && virtual.documentElement) {
      // rrweb's own class on the page (set while paused): keep it rather than restyle every element twice.
      const classes = virtual.documentElement.getAttribute('class')
      virtual.documentElement.setAttribute('class', classes ? `${classes} ${PAUSED_CLASS}` : PAUSED_CLASS)
    }
    morphPage(page, virtual, internals.mirror, {
      isOwn: (node) => own.has(node),
      wasScrolled: (element) => scrolled.has(element),
      hasEditedRules: (element) => editedRules.has(element),
      applyScroll: (data) => internals.applyScroll(data, true),
      applyInput: (data) => internals.applyInput(data),
      applyStyleRules: (rules, sheet) => {
        for (const data of rules) {
          if ('adds' in data || 'removes' in data) internals.applyStyleSheetRule(data as styleSheetRuleData, sheet)
          else internals.applyStyleDeclaration(data as styleDeclarationData, sheet)
        }
      },
    })
    // What rrweb does after its own diff.
    const documentScroll = virtual.scrollData
    virtual.destroyTree()
    virtual.scrollData = null
    internals.usingVirtualDom = false
    for (const data of internals.constructedStyleMutations.splice(0)) internals.applyStyleSheetMutation(data)
    for (const data of internals.adoptedStyleSheets.splice(0)) internals.applyAdoptedStyleSheet(data)
    if (documentScroll) internals.applyScroll(documentScroll, true)
    return true
  }
}

/** Builds a seek's snapshot into the virtual DOM, where the events after it then land too. */
function buildVirtually(internals: ReplayerInternals, event: FullSnapshot): void {
  const virtual = internals.virtualDom
  virtual.destroyTree()
  internals.usingVirtualDom = true
  internals.attachDocumentToIframe({ node: event.data.node }, { contentDocument: virtual })
  const offset = event.data.initialOffset
  virtual.scrollData = { source: IncrementalSource.Scroll, id: event.data.node.id, x: offset?.left ?? 0, y: offset?.top ?? 0 }
  internals.emitter.emit(ReplayerEvents.FullsnapshotRebuilded, event)
}

/** A serialized node, loosely: any of rrweb's kinds. */
interface SerializedNode {
  type: number
  tagName?: string
  attributes?: Record<string, unknown>
  childNodes?: SerializedNode[]
  isShadowHost?: boolean
  isShadow?: boolean
  isCustom?: boolean
}

const plainSnapshots = new WeakMap<object, boolean>()

/** Whether a snapshot is of a plain document: no node that only rrweb's own rebuild handles. */
function plain(event: FullSnapshot): boolean {
  const fine = (node: SerializedNode): boolean => {
    if (node.isShadowHost || node.isShadow || node.isCustom) return false
    if (node.tagName !== undefined && onlyRrwebCarries(node.tagName)) return false
    for (const name in node.attributes) if (name.startsWith('rr_') && name !== 'rr_scrollLeft' && name !== 'rr_scrollTop') return false
    for (const child of node.childNodes ?? []) if (!fine(child)) return false
    return true
  }
  let known = plainSnapshots.get(event.data)
  if (known === undefined) plainSnapshots.set(event.data, (known = fine(event.data.node as SerializedNode)))
  return known
}
