import { MODIFIER_KEY } from '../../app/typing'

// The waterfall's keyboard shortcuts, as the sheet lists them (the handler is in Waterfall.tsx).

export const SHORTCUTS: Array<{ group: string; keys: Array<[string[], string]> }> = [
  {
    group: 'Spans',
    keys: [
      [['↑', '↓'], 'Previous / next span'],
      [['→'], 'Expand, then go to the first child'],
      [['←'], 'Collapse, then go to the parent'],
      [['Shift', '→'], 'Expand all'],
      [['Shift', '←'], 'Collapse all'],
      [['X'], 'Expand the way to errors only'],
      [['Home', 'End'], 'First / last span'],
      [['Enter'], 'Show / hide the details'],
      [['P'], 'Go to the parent'],
    ],
  },
  {
    group: 'Time',
    keys: [
      [['W', 'S'], 'Zoom in / out (also + and −)'],
      [['A', 'D'], 'Pan earlier / later'],
      [['0'], 'Reset zoom'],
      [['Z'], 'Zoom to the selected span'],
      [[MODIFIER_KEY, 'wheel'], 'Zoom at the pointer (wheel alone on the axis)'],
      [['Shift', 'wheel'], 'Pan'],
    ],
  },
  {
    group: 'Search and views',
    keys: [
      [['/'], 'Search'],
      [['Enter', 'Shift Enter'], 'Next / previous match (N / Shift N outside the field)'],
      [['C'], 'Critical path on / off'],
      [['R'], 'Raw times / skew-corrected'],
      [['Esc'], 'Close details, leave the search'],
      [['?'], 'This sheet'],
    ],
  },
]
