import { Severity as SeveritySchema } from '../../shared/findings/model'
import type { z } from 'zod'

export type Severity = z.infer<typeof SeveritySchema>

/** Most severe first, as lists and pickers show them. */
export const SEVERITIES: readonly Severity[] = [...SeveritySchema.options].reverse()

export const SEVERITY_LABELS: Record<Severity, string> = {
  critical: 'Critical',
  high: 'High',
  medium: 'Medium',
  low: 'Low',
  info: 'Info',
}
