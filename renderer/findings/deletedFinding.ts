import type { Finding } from '../../shared/findings/model'
import { storeContext } from '../state/store'

/**
 * The finding just deleted, while Undo is offered: kept above the open incident, so going to
 * another incident does not lose the Undo.
 */
export const deletedFinding = storeContext<{ deleted: Finding | null }>('The deleted finding', () => ({ deleted: null }))
