import { createContext, useContext } from 'react'

/**
 * Whether this window is a pairing guest's: it sees the one shared incident and the runbooks it
 * cites, and is not offered what the host refuses a guest (new runbooks, deleting them, the
 * host's authored diagrams).
 */
export const GuestContext = createContext(false)

export const useIsGuest = (): boolean => useContext(GuestContext)
