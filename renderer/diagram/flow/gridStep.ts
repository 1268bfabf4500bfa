/** Dots closer than this on screen read as a grey wash: the grid then shows every second one. */
const MIN_STEP_PX = 8

/** The dot grid's spacing on screen (px) for dots `gap` apart in flow coordinates, seen at `zoom`. */
export function gridStep(gap: number, zoom: number): number {
  let step = gap * zoom
  while (step < MIN_STEP_PX) step *= 2
  return step
}

/** Where the first dot column (or row) lies on screen for a pan of `offset` px: dots repeat every `step`. */
export const gridPhase = (offset: number, step: number) => ((offset % step) + step) % step
