// `![caption](casefile:diagram/12)`: an authored diagram embedded in markdown (runbooks, finding
// notes), by its id in the workspace.

/** The URL of an embedded diagram, as markdown-it hands it to the renderer. */
export const DIAGRAM_URL = /^casefile:diagram\/(\d+)$/

const EMBED = /\]\(casefile:diagram\/(\d+)\)/g

/** The ids of the diagrams a text embeds, each once, in order of appearance. */
export function embeddedDiagramIds(markdown: string): number[] {
  return [...new Set([...markdown.matchAll(EMBED)].map((match) => Number(match[1])))]
}

/** The text with each whole embed (`![caption](casefile:diagram/ID)`) replaced by what `replace` makes of it. */
export function replaceDiagramEmbeds(markdown: string, replace: (id: number, caption: string) => string): string {
  return markdown.replace(/!\[([^\]]*)\]\(casefile:diagram\/(\d+)\)/g, (_embed, caption: string, id: string) => replace(Number(id), caption))
}

/** The markdown that embeds a diagram. */
export const diagramEmbed = (id: number, title: string) => `![${title.replace(/[[\]\\]/g, '')}](casefile:diagram/${id})`

/** The text with each embed pointing at `newIds.get(id)`; an id it lacks becomes 0, which no diagram has. */
export function renumberDiagramEmbeds(markdown: string, newIds: ReadonlyMap<number, number>): string {
  return markdown.replace(EMBED, (_embed, id: string) => `](casefile:diagram/${newIds.get(Number(id)) ?? 0})`)
}
