import type { DiagramContent } from '../../../shared/diagrams/model'
import { toMermaid } from '../../../shared/diagrams/mermaid'
import { diagramSvg } from '../../../shared/diagrams/svg'

// Exports as downloads: Mermaid text, SVG, and PNG (the SVG drawn on a canvas, at twice its size where a canvas can be that big).

const fileName = (title: string, extension: string) => `${title.trim().replace(/[\\/:*?"<>|]+/g, '-') || 'diagram'}.${extension}`

function download(blob: Blob, name: string) {
  const url = URL.createObjectURL(blob)
  const link = document.createElement('a')
  link.href = url
  link.download = name
  link.click()
  setTimeout(() => URL.revokeObjectURL(url), 10_000)
}

export function exportMermaid(title: string, content: DiagramContent) {
  download(new Blob([toMermaid(content)], { type: 'text/plain' }), fileName(title, 'mmd'))
}

export function exportSvg(title: string, content: DiagramContent) {
  download(new Blob([diagramSvg(content)], { type: 'image/svg+xml' }), fileName(title, 'svg'))
}

export async function exportPng(title: string, content: DiagramContent) {
  const svg = diagramSvg(content)
  const url = URL.createObjectURL(new Blob([svg], { type: 'image/svg+xml' }))
  try {
    const image = new Image()
    image.src = url
    await image.decode()
    const scale = pngScale(image.naturalWidth, image.naturalHeight)
    const canvas = document.createElement('canvas')
    canvas.width = Math.floor(image.naturalWidth * scale)
    canvas.height = Math.floor(image.naturalHeight * scale)
    const context = canvas.getContext('2d')
    if (!context) throw new Error('this browser cannot draw on a canvas')
    context.scale(scale, scale)
    context.drawImage(image, 0, 0)
    const png = await new Promise<Blob>((resolve, reject) => canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('the PNG could not be made'))), 'image/png'))
    download(png, fileName(title, 'png'))
  } finally {
    URL.revokeObjectURL(url)
  }
}

/** Most pixels a side of a canvas may have, and in all, in the browsers the app runs in (Chromium). */
const CANVAS_MAX_SIDE = 32_767
const CANVAS_MAX_AREA = 16_384 * 16_384

/**
 * How much larger than the SVG its PNG is drawn: twice, for sharpness, unless the canvas would be
 * too big to make; then as large as a canvas can be.
 */
export function pngScale(width: number, height: number): number {
  return Math.min(2, CANVAS_MAX_SIDE / Math.max(1, width), CANVAS_MAX_SIDE / Math.max(1, height), Math.sqrt(CANVAS_MAX_AREA / Math.max(1, width * height)))
}
