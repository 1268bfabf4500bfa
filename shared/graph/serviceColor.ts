/** FNV-1a: a small, stable string hash (same name, same color, on every machine). */
function hash(text: string): number {
  let value = 0x811c9dc5
  for (let i = 0; i < text.length; i++) {
    value ^= text.charCodeAt(i)
    value = Math.imul(value, 0x01000193)
  }
  return value >>> 0
}

/**
 * Hues far enough apart to tell services apart at a glance, ordered so that neighbours in the
 * list differ strongly. None is red: a service's bars must not read as the error colour. Lightness
 * and saturation come from the theme (--chip-* in styles/theme.css), so the same hue stays
 * readable in light and dark mode.
 */
export const SERVICE_HUES = [212, 142, 28, 272, 178, 46, 240, 96, 318, 196] as const

/** The hue (0–359) for a service name: stable across sessions, machines and themes. */
export function serviceHue(name: string): number {
  return SERVICE_HUES[hash(name) % SERVICE_HUES.length]
}
