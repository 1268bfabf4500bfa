// A few 16px stroke icons, drawn inline so the strict CSP needs no image or font sources.
import type { ReactNode } from 'react'

const Svg = ({ children }: { children: ReactNode }) => (
  <svg className="icon" width="16" height="16" viewBox="0 0 16 16" fill="none" stroke="currentColor" strokeWidth="1.4" strokeLinecap="round" strokeLinejoin="round" aria-hidden="true">
    {children}
  </svg>
)

export const PlusIcon = () => (
  <Svg>
    <path d="M8 3.5v9M3.5 8h9" />
  </Svg>
)

export const PencilIcon = () => (
  <Svg>
    <path d="M10.5 3.5l2 2L6 12H4v-2z" />
  </Svg>
)

export const TrashIcon = () => (
  <Svg>
    <path d="M3.5 4.5h9M6.5 4.5V3h3v1.5M5 4.5l.5 8h5l.5-8" />
  </Svg>
)

export const CloseIcon = () => (
  <Svg>
    <path d="M4.5 4.5l7 7M11.5 4.5l-7 7" />
  </Svg>
)

export const ChevronDownIcon = () => (
  <Svg>
    <path d="M4.5 6.5L8 10l3.5-3.5" />
  </Svg>
)

export const FolderIcon = () => (
  <Svg>
    <path d="M2.5 4.5a1 1 0 0 1 1-1h3l1.5 1.5h4.5a1 1 0 0 1 1 1v6a1 1 0 0 1-1 1h-9a1 1 0 0 1-1-1z" />
  </Svg>
)

export const AlertIcon = () => (
  <Svg>
    <path d="M8 2.5l6 10.5H2z" />
    <path d="M8 6.5v3M8 11.2v.1" />
  </Svg>
)

export const InfoIcon = () => (
  <Svg>
    <circle cx="8" cy="8" r="6" />
    <path d="M8 7.2v3.8M8 5v.1" />
  </Svg>
)

export const PlayIcon = () => (
  <Svg>
    <path d="M5 3.5v9l7.5-4.5z" fill="currentColor" />
  </Svg>
)

export const PauseIcon = () => (
  <Svg>
    <path d="M5.5 3.5v9M10.5 3.5v9" strokeWidth="2.2" />
  </Svg>
)

export const SkipIdleIcon = () => (
  <Svg>
    <path d="M3 4l4.5 4L3 12zM8.5 4l4.5 4-4.5 4z" />
  </Svg>
)

export const FullscreenIcon = () => (
  <Svg>
    <path d="M3 6V3h3M10 3h3v3M13 10v3h-3M6 13H3v-3" />
  </Svg>
)

export const ExitFullscreenIcon = () => (
  <Svg>
    <path d="M6 3v3H3M13 6h-3V3M10 13v-3h3M3 10h3v3" />
  </Svg>
)

export const ListIcon = () => (
  <Svg>
    <path d="M6 4.5h7M6 8h7M6 11.5h7M3 4.5h.5M3 8h.5M3 11.5h.5" />
  </Svg>
)

export const ShieldIcon = () => (
  <Svg>
    <path d="M8 2.5l4.5 1.7v3.6c0 2.8-1.9 4.8-4.5 5.7-2.6-.9-4.5-2.9-4.5-5.7V4.2z" />
  </Svg>
)

export const ServiceIcon = () => (
  <Svg>
    <rect x="2" y="4.5" width="12" height="7" rx="2" />
  </Svg>
)

export const BoundaryIcon = () => (
  <Svg>
    <rect x="2" y="2.5" width="12" height="11" rx="1.5" strokeDasharray="2 1.6" />
  </Svg>
)

export const NoteIcon = () => (
  <Svg>
    <path d="M3.5 2.5h6l3 3v8h-9zM9.5 2.5v3h3M5.5 8.5h5M5.5 11h3" />
  </Svg>
)

export const UndoIcon = () => (
  <Svg>
    <path d="M5.5 3.5L3 6l2.5 2.5M3 6h6.5a3.5 3.5 0 010 7H6" />
  </Svg>
)

export const RedoIcon = () => (
  <Svg>
    <path d="M10.5 3.5L13 6l-2.5 2.5M13 6H6.5a3.5 3.5 0 000 7H10" />
  </Svg>
)

export const LayoutIcon = () => (
  <Svg>
    <rect x="1.5" y="6" width="4" height="4" rx="1" />
    <rect x="10.5" y="2" width="4" height="4" rx="1" />
    <rect x="10.5" y="10" width="4" height="4" rx="1" />
    <path d="M5.5 8h2.5M8 4v8M8 4h2.5M8 12h2.5" />
  </Svg>
)

export const GridIcon = () => (
  <Svg>
    <path d="M4 4h.01M8 4h.01M12 4h.01M4 8h.01M8 8h.01M12 8h.01M4 12h.01M8 12h.01M12 12h.01" strokeWidth="2" />
  </Svg>
)

export const ExportIcon = () => (
  <Svg>
    <path d="M8 2.5v7.5M5 7l3 3 3-3M3 11.5v2h10v-2" />
  </Svg>
)

export const SidebarIcon = () => (
  <Svg>
    <rect x="2" y="3" width="12" height="10" rx="1.5" />
    <path d="M6 3v10" />
  </Svg>
)

/** One pane over the whole width: arrows pushing out to the sides. */
export const MaximizePaneIcon = () => (
  <Svg>
    <rect x="2" y="3" width="12" height="10" rx="1.5" />
    <path d="M5 8h6M5 8l1.5-1.5M5 8l1.5 1.5M11 8l-1.5-1.5M11 8l-1.5 1.5" />
  </Svg>
)

/** The three panes side by side again. */
export const RestorePanesIcon = () => (
  <Svg>
    <rect x="2" y="3" width="12" height="10" rx="1.5" />
    <path d="M6 3v10M10 3v10" />
  </Svg>
)
