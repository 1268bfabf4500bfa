import type { Artifact } from '../../shared/domain/model'
import { ClockOffset } from '../clock/ClockOffset'
import { RemoveFile } from './RemoveFile'

/** What can be done to an imported file where it is shown: its clock offset, its removal. Kept together at the end of its line. */
export function FileControls({ artifact }: { artifact: Artifact }) {
  return (
    <span className="file-controls">
      <ClockOffset artifact={artifact} />
      <RemoveFile artifact={artifact} />
    </span>
  )
}
