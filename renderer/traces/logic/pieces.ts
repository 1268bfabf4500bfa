import { plural } from '../../format/numbers'

/** What "in N pieces" means, said where a trace is marked so (the list and the trace's header). */
export const piecesExplained = (pieces: number): string =>
  `The spans form ${pieces} trees: ${plural(pieces - 1, 'span')} ${pieces === 2 ? 'has its' : 'have their'} parent missing from the files (spans lost on the way, or a service that did not pass the trace context on).`
