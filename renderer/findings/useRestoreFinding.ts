import { useCallback } from 'react'
import type { Finding } from '../../shared/findings/model'
import { useFocusStore } from '../focus/focus'
import { useNavigation } from '../focus/NavigationProvider'
import { placeOfAnchors } from './place'

/** Shows a finding as it was written: the replay at its moment, its span selected in its trace, its service and call picked. */
export function useRestoreFinding(): (finding: Finding) => void {
  const navigation = useNavigation()
  const focus = useFocusStore()
  return useCallback(
    ({ anchors }: Finding) => {
      const place = placeOfAnchors(anchors)
      if (Object.keys(place).length > 0) navigation.go(place)
      if (anchors.node !== null) focus.set({ service: anchors.node })
      if (anchors.edge !== null) focus.set({ edge: anchors.edge })
    },
    [navigation, focus],
  )
}
