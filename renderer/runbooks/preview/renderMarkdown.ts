import MarkdownIt, { type Env } from 'markdown-it'
import { DIAGRAM_URL } from '../../../shared/runbooks/embeds'

export { diagramEmbed, embeddedDiagramIds } from '../../../shared/runbooks/embeds'

// Markdown to HTML for the runbook preview. Raw HTML in the markdown is shown as text, never
// parsed: runbooks arrive in bundles from other workspaces, and even parsing a hostile tag makes
// the browser act on it (the page's CSP then reports a blocked handler). The output still goes
// through sanitizeHtml before reaching the page.

export interface EmbeddedDiagramImage {
  title: string
  /** The diagram drawn as an SVG image (a data: URL). */
  src: string
}

/** Per diagram id: its image, null when it does not exist, 'unshared' for a pairing guest (drawn diagrams stay with the host), absent while it loads. */
export type DiagramImages = ReadonlyMap<number, EmbeddedDiagramImage | null | 'unshared'>

/** markdown-it's per-render environment, carrying the diagrams to draw and the references links may use. */
type RenderEnv = Env & { diagrams?: DiagramImages }

/** A document's link reference definitions (`[name]: url`), as markdown-it keeps them. */
export type LinkReferences = Readonly<NonNullable<RenderEnv['references']>>

const escapeHtml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')

function diagramFigure(id: number, caption: string, diagram: EmbeddedDiagramImage | null | 'unshared' | undefined): string {
  if (diagram === 'unshared') return `<span class="rb-diagram" data-diagram-id="${id}" data-state="unshared">${escapeHtml(caption || `Diagram ${id}`)}: a drawn diagram, not shared with guests</span>`
  const label = escapeHtml(caption || diagram?.title || `Diagram ${id}`)
  if (diagram === undefined) return `<span class="rb-diagram" data-diagram-id="${id}" data-state="loading">${label}</span>`
  if (diagram === null) return `<span class="rb-diagram" data-diagram-id="${id}" data-state="missing">Diagram ${id} does not exist</span>`
  return (
    `<span class="rb-diagram" data-diagram-id="${id}" role="button" tabindex="0" title="Open “${escapeHtml(diagram.title)}”">` +
    `<img src="${escapeHtml(diagram.src)}" alt="${label}"><span class="rb-diagram-caption">${label}</span></span>`
  )
}

function createRenderer() {
  const md = new MarkdownIt({ html: false, linkify: true })
  const validate = md.validateLink.bind(md)
  md.validateLink = (url) => DIAGRAM_URL.test(url) || validate(url)
  const image = md.renderer.rules.image!
  md.renderer.rules.image = (tokens, index, options, env, self) => {
    const match = DIAGRAM_URL.exec(String(tokens[index].attrGet('src') ?? ''))
    if (!match) return image(tokens, index, options, env, self)
    const id = Number(match[1])
    return diagramFigure(id, tokens[index].content, (env as RenderEnv | undefined)?.diagrams?.get(id))
  }
  return md
}

const md = createRenderer()

/** The link reference definitions of a whole document, for rendering it a part at a time. */
export function linkReferences(markdown: string): LinkReferences {
  const env: RenderEnv = {}
  md.parse(markdown, env)
  return env.references ?? {}
}

/**
 * Renders markdown, embedded diagrams as clickable figures (`data-diagram-id`) drawn from
 * `diagrams`; `references` are definitions from elsewhere in the document (`[text][name]`).
 */
export function renderMarkdown(markdown: string, diagrams: DiagramImages, references: LinkReferences = {}): string {
  const env: RenderEnv = { diagrams, references: { ...references } }
  return md.render(markdown, env)
}
