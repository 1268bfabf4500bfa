import { diagramSvg } from '../../../shared/diagrams/svg'
import { failedWith } from '../../api/errors'
import { useQuery } from '../../api/useQuery'
import { useIsGuest } from '../../app/guest'
import type { DiagramImages, EmbeddedDiagramImage } from './renderMarkdown'

const svgDataUrl = (svg: string) => `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`

/** The current drawing of each embedded diagram (null for one that does not exist), read when the ids change. */
export function useDiagramImages(ids: readonly number[]): DiagramImages {
  const key = ids.join(',')
  // A pairing guest reaches none of the host's drawn diagrams: said as such, unless it is gone.
  const guest = useIsGuest()
  const images = useQuery(
    async (api) =>
      new Map(
        await Promise.all(
          ids.map(async (id): Promise<[number, EmbeddedDiagramImage | null | 'unshared']> => {
            try {
              const diagram = await api.call('diagrams.get', { id })
              return [id, { title: diagram.title, src: svgDataUrl(diagramSvg(diagram.content)) }]
            } catch (error) {
              return [id, guest && !failedWith(error, 'not_found') ? 'unshared' : null]
            }
          }),
        ),
      ),
    [key, guest],
  )
  return images.data ?? new Map()
}
