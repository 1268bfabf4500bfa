/** IPC channel names shared by the main process and the preload. */
export const CALL_CHANNEL = 'casefile:call'
export const EVENT_CHANNEL = 'casefile:event'
