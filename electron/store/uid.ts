import { randomBytes } from 'node:crypto'

/** An id that stays a row's own across workspaces (bundles carry it): 32 hex digits. */
export const newUid = (): string => randomBytes(16).toString('hex')
