import { describe, expect, it } from 'vitest'
import { SERVICE_HUES, serviceHue } from './serviceColor'

describe('service colours', () => {
  it('are never the red of errors: every hue is 25° or more away from it', () => {
    const fromRed = (hue: number) => Math.min(hue, 360 - hue)
    const names = Array.from({ length: 500 }, (_, i) => `service-${i}`)
    for (const name of names) expect(fromRed(serviceHue(name))).toBeGreaterThanOrEqual(25)
    // And every hue is used by some name.
    expect(new Set(names.map(serviceHue))).toEqual(new Set(SERVICE_HUES))
  })
})
