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
