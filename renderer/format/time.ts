// Wall-clock and duration formatting. Everything is shown in the viewer's local time zone.

const pad = (value: number, width = 2) => String(value).padStart(width, '0')

/** The viewer's time zone, as times on screen are in it: "PST" and "America/Los_Angeles, UTC−08:00". */
export function timeZoneNames(at = Date.now()): { short: string; long: string } {
  const date = new Date(at)
  const short = new Intl.DateTimeFormat('en-US', { timeZoneName: 'short' }).formatToParts(date).find((part) => part.type === 'timeZoneName')?.value ?? 'local'
  const minutes = -date.getTimezoneOffset()
  const offset = `UTC${minutes < 0 ? '−' : '+'}${pad(Math.floor(Math.abs(minutes) / 60))}:${pad(Math.abs(minutes) % 60)}`
  return { short, long: `${Intl.DateTimeFormat().resolvedOptions().timeZone}, ${offset}` }
}

/** "14:03:12.345", to the nearest millisecond (as a finding's moment is stored). */
export function formatClockMs(ms: number): string {
  const date = new Date(Math.round(ms))
  return `${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}.${pad(date.getMilliseconds(), 3)}`
}

/** "14:03:12" */
export function formatClock(ms: number): string {
  const date = new Date(ms)
  return `${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}`
}

/** "2025-11-25" */
export function formatDate(ms: number): string {
  const date = new Date(ms)
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`
}

/** "2025-11-25 14:03:12" */
export function formatDateTime(ms: number): string {
  return `${formatDate(ms)} ${formatClock(ms)}`
}

/** "2025-11-25 14:03:12.345" */
export function formatDateTimeMs(ms: number): string {
  return `${formatDate(ms)} ${formatClockMs(ms)}`
}

/** "2025-11-25 14:03:12.345 – 14:05:01.002" (the date once when both ends share it). */
export function formatRangeMs(startMs: number, endMs: number): string {
  const start = formatDateTimeMs(startMs)
  const end = formatDate(endMs) === formatDate(startMs) ? formatClockMs(endMs) : formatDateTimeMs(endMs)
  return `${start} – ${end}`
}

/** Epoch nanoseconds (decimal string, beyond 2^53) to epoch milliseconds. */
export function nanosToMs(nanos: string): number {
  return Number(BigInt(nanos) / 1_000_000n)
}

/** "850 ms", "12.4 s", "3 min 05 s", "1 h 02 min" */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return '—'
  if (ms < 1000) return `${Math.round(ms)} ms`
  const seconds = ms / 1000
  if (seconds < 60) return `${seconds.toFixed(seconds < 10 ? 2 : 1)} s`
  // Whole seconds cut down, as a player's clock shows them (4:17.9 is "4 min 17 s", as it is 4:17).
  const totalSeconds = Math.floor(seconds)
  const minutes = Math.floor(totalSeconds / 60)
  if (minutes < 60) return `${minutes} min ${pad(totalSeconds % 60)} s`
  return `${Math.floor(minutes / 60)} h ${pad(minutes % 60)} min`
}

/** "just now", "5 min ago", "3 h ago", "yesterday", else the date. */
export function formatRelative(ms: number, now = Date.now()): string {
  const diff = now - ms
  if (diff < 45_000) return 'just now'
  const minutes = Math.round(diff / 60_000)
  if (minutes < 60) return `${minutes} min ago`
  const hours = Math.round(minutes / 60)
  if (hours < 24) return `${hours} h ago`
  const days = Math.round(hours / 24)
  if (days === 1) return 'yesterday'
  if (days < 7) return `${days} days ago`
  return formatDate(ms)
}
