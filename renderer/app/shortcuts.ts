import { MODIFIER_KEY } from './typing'

// Every keyboard shortcut, as the sheet (?) lists them, by where they work. The handlers are
// where the keys act: Workbench (the window's), useAddFinding, NavigationProvider, the replay's
// useReplayKeys, the waterfall's Waterfall.tsx, the diagram editor's logic/shortcuts.ts and
// DiagramCanvas, FindingForm and UndoToast.

export const SHORTCUTS: Array<{ group: string; keys: Array<[string[], string]> }> = [
  {
    group: 'Everywhere',
    keys: [
      [[MODIFIER_KEY, 'K'], 'Go to an incident, trace or diagram; search runbooks and findings'],
      [['F'], 'Add a finding at the moment, span and service shown'],
      [['Alt', '←'], 'Back to where you were (Alt → forward)'],
      [[MODIFIER_KEY, 'B'], 'Fold or unfold the incident list'],
      [['?'], 'This sheet'],
    ],
  },
  {
    group: 'Replay',
    keys: [
      [['Space'], 'Play / pause'],
      [['←', '→'], '5 s back / forward'],
      [['Shift', '←'], 'Previous marker or finding (Shift → next)'],
      [['Home', 'End'], 'Start / end of the recording'],
      [['[', ']'], 'Slower / faster'],
    ],
  },
  {
    group: 'Traces: the list',
    keys: [
      [['↑', '↓'], 'Previous / next trace'],
      [['Home', 'End'], 'First / last trace'],
      [['Enter'], 'Open the trace'],
    ],
  },
  {
    group: 'Traces: spans',
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
    group: 'Traces: time',
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
    group: 'Traces: search and views',
    keys: [
      [['/'], 'Search'],
      [['Enter', 'Shift Enter'], 'Next / previous match (N / Shift N outside the field)'],
      [['C'], 'Critical path on / off'],
      [['R'], 'Raw times / skew-corrected'],
      [['Esc'], 'Close details; in the search, clear it, then leave it'],
    ],
  },
  {
    group: 'Diagram editor',
    keys: [
      [[MODIFIER_KEY, 'S'], 'Save'],
      [[MODIFIER_KEY, 'Z'], `Undo (${MODIFIER_KEY} Shift Z or ${MODIFIER_KEY} Y: redo)`],
      [[MODIFIER_KEY, 'C'], 'Copy (X: cut, V: paste)'],
      [[MODIFIER_KEY, 'D'], 'Duplicate the selection'],
      [[MODIFIER_KEY, 'A'], 'Select all'],
      [['Delete'], 'Delete the selection'],
      [['Shift', 'drag'], 'Select what a box takes in (Shift click: add one)'],
      [['Esc'], 'Leave the expanded editor (once nothing is selected)'],
    ],
  },
  {
    group: 'Findings',
    keys: [
      [[MODIFIER_KEY, 'Enter'], 'Save the finding being written'],
      [['Esc'], 'Close the form (asking first if something was written)'],
      [[MODIFIER_KEY, 'Z'], 'Bring back a deleted finding, while its note shows'],
    ],
  },
]
