import { diagramSvg } from '../../../shared/diagrams/svg'
import { useQuery } from '../../api/useQuery'
import type { DiagramImages, EmbeddedDiagramImage } from './renderMarkdown'

const svgDataUrl = (svg: string) => `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`

/** The current drawing of each embedded diagram (null for one that does not exist), read when the ids change. */
export function useDiagramImages(ids: readonly number[]): DiagramImages {
  const key = ids.join(',')
  const images = useQuery(
    async (api) =>
      new Map(
        await Promise.all(
          ids.map(async (id): Promise<[number, EmbeddedDiagramImage | null]> => {
            try {
              const diagram = await api.call('diagrams.get', { id })
              return [id, { title: diagram.title, src: svgDataUrl(diagramSvg(diagram.content)) }]
            } catch {
              return [id, null]
            }
          }),
        ),
      ),
    [key],
  )
  return images.data ?? new Map()
}
