import { NodeType } from '@rrweb/types'
import { applyStyleChanges } from './style-attribute'

// A recorded page's DOM in rrweb's serialized form (the tree of a full snapshot), kept up to date
// by applying the recording's mutations the way rrweb's replayer applies them: removes, then adds
// (those waiting for their parent or next sibling retried until nothing moves), then texts, then
// attributes; a node an add names again is moved when rrweb's mirror would reuse it. The tree of
// any later moment can then be written out as a full snapshot. What it cannot follow exactly
// (nested documents, legacy mutation formats, DOM operations the replayer would fail on) marks it
// `lost`: from there on its tree is not the replay's, until the next recorded snapshot.

export interface SerializedNode {
  type: number
  id: number
  tagName?: string
  attributes?: Record<string, unknown>
  childNodes?: SerializedNode[]
  textContent?: string | null
  isShadow?: boolean
  isShadowHost?: boolean
  rootId?: number
  [field: string]: unknown
}

type Json = Record<string, unknown>

export const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value)
const isNode = (value: unknown): value is SerializedNode => isObject(value) && Number.isInteger(value.type) && Number.isInteger(value.id)

/** What the replayer's mirror remembers of a node: equal metas make an add reuse the node (rrweb's isNodeMetaEqual). */
interface Meta {
  key: string | null
  attributes?: Json
}

function metaOf(node: SerializedNode): Meta {
  switch (node.type) {
    case NodeType.Document:
      return { key: JSON.stringify([0, node.compatMode]) }
    case NodeType.DocumentType:
      return { key: JSON.stringify([1, node.name, node.publicId, node.systemId]) }
    case NodeType.Text:
    case NodeType.CDATA:
    case NodeType.Comment:
      return { key: JSON.stringify([node.type, node.textContent]) }
    case NodeType.Element: {
      const attributes = isObject(node.attributes) ? { ...node.attributes } : {}
      return { key: JSON.stringify([2, node.tagName, node.attributes, node.isSVG, node.needBlock]), attributes }
    }
    default:
      return { key: null }
  }
}

const isText = (node: SerializedNode) => node.type === NodeType.Text || node.type === NodeType.CDATA || node.type === NodeType.Comment
const isElement = (node: SerializedNode | undefined, tagName?: string) => node?.type === NodeType.Element && (tagName === undefined || node.tagName === tagName)

export interface SerializedDomHooks {
  /** A style element's stylesheet was rebuilt or is gone: its recorded rule edits no longer apply. */
  styleReset?(id: number): void
}

export class SerializedDom {
  private readonly byId = new Map<number, SerializedNode>()
  private readonly parents = new Map<SerializedNode, SerializedNode>()
  private readonly metas = new Map<SerializedNode, Meta>()
  private nextUnknownId = -1
  /** Why the tree stopped being the replay's, or null while it is. */
  lost: string | null = null

  constructor(
    readonly root: SerializedNode,
    private readonly hooks: SerializedDomHooks = {},
  ) {
    // Pre-order, as the replayer builds a snapshot: of nodes sharing an id, the last one wins.
    const stack: SerializedNode[] = [root]
    while (stack.length > 0) {
      const node = stack.pop()!
      this.byId.set(node.id, node)
      this.metas.set(node, metaOf(node))
      const children = node.childNodes ?? []
      if (!Array.isArray(children) || !children.every(isNode)) {
        this.lose('a malformed snapshot')
        return
      }
      for (let i = children.length - 1; i >= 0; i--) {
        this.parents.set(children[i], node)
        stack.push(children[i])
      }
    }
  }

  node(id: unknown): SerializedNode | undefined {
    return typeof id === 'number' ? this.byId.get(id) : undefined
  }

  lose(reason: string): void {
    this.lost ??= reason
  }

  /** Applies one mutation event's data ({removes, adds, texts, attributes}). */
  applyMutation(data: Json): void {
    if (this.lost) return
    if (data.isAttachIframe) return this.lose('a nested document')
    const { removes, adds, texts, attributes } = data
    if (!Array.isArray(removes) || !Array.isArray(adds) || !Array.isArray(texts) || !Array.isArray(attributes)) return this.lose('a malformed mutation')
    this.applyRemoves(removes)
    if (!this.lost) this.applyAdds(adds)
    if (!this.lost) this.applyTexts(texts)
    if (!this.lost) this.applyAttributes(attributes)
  }

  /** Removes all of `node`'s children (as setting a textarea's value does). */
  clearChildren(node: SerializedNode): void {
    for (const child of [...(node.childNodes ?? [])]) {
      this.detach(child)
      this.forget(child)
    }
  }

  /**
   * The current tree, ready to be written as a full snapshot. Nodes the replayer no longer knows
   * by their id (an add built a new node under the same id) get ids of their own, so ids stay unique.
   */
  snapshotRoot(): SerializedNode {
    const stack: SerializedNode[] = [this.root]
    while (stack.length > 0) {
      const node = stack.pop()!
      if (this.byId.get(node.id) !== node) node.id = this.nextUnknownId--
      for (const child of node.childNodes ?? []) stack.push(child)
    }
    return this.root
  }

  // --- removes, adds, texts, attributes ----------------------------------------------------

  private applyRemoves(removes: unknown[]): void {
    for (const remove of removes) {
      if (!isObject(remove)) return this.lose('a malformed removal')
      const target = this.node(remove.id)
      const parent = this.node(remove.parentId)
      if (!target || !parent) continue
      this.forget(target)
      if (this.parents.get(target) !== parent) return this.lose('a removal the replayer would refuse')
      this.detach(target)
      if (isElement(parent, 'style')) this.hooks.styleReset?.(parent.id)
    }
  }

  private applyAdds(adds: unknown[]): void {
    let pending = adds
    while (pending.length > 0) {
      const waiting = pending.filter((add) => !this.append(add))
      if (this.lost || waiting.length === pending.length) return
      pending = waiting
    }
  }

  /** One add; false when it waits for its parent or next sibling. */
  private append(add: unknown): boolean {
    if (!isObject(add) || !isNode(add.node) || typeof add.parentId !== 'number') {
      this.lose('a malformed add')
      return true
    }
    const node = add.node
    const parent = this.node(add.parentId)
    if (!parent) {
      if (node.type === NodeType.Document) this.lose('a nested document')
      return node.type === NodeType.Document
    }
    if (add.previousId === -1 || add.nextId === -1) {
      this.lose('a legacy mutation')
      return true
    }
    const next = add.nextId ? this.node(add.nextId) : undefined
    if (add.nextId !== null && add.nextId !== undefined && !next) return false
    if (node.rootId) {
      // A node of a nested document; without its document the replayer drops it.
      if (this.node(node.rootId)) this.lose('a nested document')
      return true
    }
    if (isElement(parent, 'iframe') || node.type === NodeType.Document) {
      this.lose('a nested document')
      return true
    }

    const existing = this.byId.get(node.id)
    const meta = metaOf(node)
    let target: SerializedNode
    if (existing && meta.key !== null && this.metas.get(existing)?.key === meta.key) {
      if (existing === parent || this.isAncestor(existing, parent)) {
        this.lose('a node moved into itself')
        return true
      }
      target = existing
    } else {
      // A new node; one built before under this id stays where it is, unknown to later events.
      target = { ...node }
      if (node.type === NodeType.Element || node.type === NodeType.Document) target.childNodes = []
      if (node.type === NodeType.Element) target.attributes = isObject(node.attributes) ? { ...node.attributes } : {}
      this.byId.set(node.id, target)
      this.metas.set(target, meta)
    }

    if (isElement(parent) && isText(target)) {
      if (parent.tagName === 'textarea') {
        for (const child of [...(parent.childNodes ?? [])]) {
          if (child === target || !isText(child)) continue
          this.detach(child)
          this.forget(child)
        }
      } else if (parent.tagName === 'style') {
        // A style rebuilt from its recorded cssText holds that text in a node of its own, which
        // the replayer hands to the first text node added.
        const cssText = parent.attributes?._cssText
        if ((parent.childNodes ?? []).length === 0 && typeof cssText === 'string') {
          target.textContent = cssText
          delete parent.attributes!._cssText
        }
        this.hooks.styleReset?.(parent.id)
      }
    } else if (parent.type === NodeType.Document) {
      // One doctype and one html element per document: the replayer drops the old one.
      const old = (parent.childNodes ?? []).find(
        (child) => child !== target && child.type === target.type && (target.type === NodeType.DocumentType || (isElement(child, 'html') && isElement(target, 'html'))),
      )
      if (old) {
        this.detach(old)
        this.forget(old)
      }
    }

    // Where: after `previous`, else before `next`, else at the end.
    let before: SerializedNode | null = null
    const afterPrevious = add.previousId ? this.node(add.previousId) : undefined
    const previousParent = afterPrevious && this.parents.get(afterPrevious)
    if (afterPrevious && previousParent && this.nextSibling(afterPrevious)) {
      if (previousParent !== parent) {
        this.lose('an add the replayer would refuse')
        return true
      }
      before = this.nextSibling(afterPrevious)!
    } else if (next && this.parents.get(next)) {
      if (this.parents.get(next) === parent) before = next
      else if (this.isAncestor(parent, next)) {
        this.lose('an add the replayer would refuse')
        return true
      }
    }
    if (before === target) before = this.nextSibling(target)
    if (existing === target && isElement(target, 'style')) this.hooks.styleReset?.(target.id)
    this.detach(target)
    this.insert(parent, target, before)
    if (node.isShadow) parent.isShadowHost = true
    return true
  }

  private applyTexts(texts: unknown[]): void {
    // The last text of each node wins.
    const seen = new Set<number>()
    for (let i = texts.length - 1; i >= 0; i--) {
      const text = texts[i]
      if (!isObject(text) || typeof text.id !== 'number') return this.lose('a malformed text change')
      if (seen.has(text.id)) continue
      seen.add(text.id)
      const target = this.node(text.id)
      if (!target) continue
      if (!isText(target)) return this.lose('text set on an element')
      target.textContent = typeof text.value === 'string' ? text.value : ''
      const parent = this.parents.get(target)
      if (isElement(parent, 'style')) this.hooks.styleReset?.(parent!.id)
    }
  }

  private applyAttributes(changes: unknown[]): void {
    for (const change of changes) {
      if (!isObject(change) || typeof change.id !== 'number' || !isObject(change.attributes)) return this.lose('a malformed attribute change')
      const target = this.node(change.id)
      if (!target) continue
      if (target.type !== NodeType.Element) return this.lose('attributes set on a text')
      const attributes = (target.attributes ??= {})
      for (const [name, value] of Object.entries(change.attributes)) {
        if (value === null) {
          delete attributes[name]
        } else if (typeof value === 'string') {
          if (name === '_cssText' && (target.tagName === 'link' || target.tagName === 'style')) {
            this.rebuildStylesheet(target, change.attributes)
            break
          }
          if (name === 'value' && target.tagName === 'textarea') {
            this.clearChildren(target)
            attributes.value = value
          } else {
            attributes[name] = value
          }
        } else if (name === 'style' && isObject(value)) {
          attributes.style = applyStyleChanges(typeof attributes.style === 'string' ? attributes.style : '', value)
        }
      }
    }
  }

  /** A new cssText: the replayer builds the element afresh from what it first knew plus the change. */
  private rebuildStylesheet(target: SerializedNode, changed: Json): void {
    const meta = this.metas.get(target)
    const base = meta?.attributes ?? {}
    target.attributes = Object.fromEntries(Object.entries({ ...base, ...changed }).filter(([, value]) => value !== null))
    if (meta?.attributes) {
      Object.assign(meta.attributes, changed)
      meta.key = JSON.stringify([2, target.tagName, meta.attributes, target.isSVG, target.needBlock])
    }
    this.clearChildren(target)
    this.hooks.styleReset?.(target.id)
  }

  // --- the tree ----------------------------------------------------------------------------

  /** Forgets `node` and its descendants, as the replayer's mirror does on a removal. */
  private forget(node: SerializedNode): void {
    const stack = [node]
    while (stack.length > 0) {
      const current = stack.pop()!
      if (this.byId.get(current.id) === current) {
        this.byId.delete(current.id)
        if (isElement(current, 'style')) this.hooks.styleReset?.(current.id)
      }
      for (const child of current.childNodes ?? []) stack.push(child)
    }
  }

  private detach(node: SerializedNode): void {
    const parent = this.parents.get(node)
    if (!parent) return
    const siblings = parent.childNodes!
    const index = siblings.indexOf(node)
    if (index >= 0) siblings.splice(index, 1)
    this.parents.delete(node)
  }

  private insert(parent: SerializedNode, node: SerializedNode, before: SerializedNode | null): void {
    const siblings = (parent.childNodes ??= [])
    const index = before ? siblings.indexOf(before) : -1
    if (index >= 0) siblings.splice(index, 0, node)
    else siblings.push(node)
    this.parents.set(node, parent)
  }

  private nextSibling(node: SerializedNode): SerializedNode | null {
    const parent = this.parents.get(node)
    if (!parent) return null
    const siblings = parent.childNodes!
    return siblings[siblings.indexOf(node) + 1] ?? null
  }

  /** Whether `ancestor` is `node` or one of its ancestors. */
  private isAncestor(ancestor: SerializedNode, node: SerializedNode): boolean {
    for (let current: SerializedNode | undefined = node; current; current = this.parents.get(current)) if (current === ancestor) return true
    return false
  }
}
