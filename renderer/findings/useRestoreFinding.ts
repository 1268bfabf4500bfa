import { useCallback } from 'react'
import type { Finding } from '../../shared/findings/model'
import { useFocusStore } from '../focus/focus'
import { goTo, useNavigation } from '../focus/NavigationProvider'
import { destinationOf } from './place'

/** Shows a finding as it was written: the replay at its moment, its span selected in its trace, its service and call picked. */
export function useRestoreFinding(): (finding: Finding) => void {
  const navigation = useNavigation()
  const focus = useFocusStore()
  return useCallback(
    ({ anchors }: Finding) => goTo(navigation, focus, destinationOf(anchors)),
    [navigation, focus],
  )
}
