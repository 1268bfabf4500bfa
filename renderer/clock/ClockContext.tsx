import { storeContext } from '../state/store'
import { IDLE_CLOCK } from './clock'

const clock = storeContext('The incident clock', () => IDLE_CLOCK)

/** One clock for the panes inside (an incident's). */
export const ClockProvider = clock.Provider
export const useClockStore = clock.useStore
/** The clock, or the part `select` picks (re-rendering only when that part changes). */
export const useClock = clock.useSelect
