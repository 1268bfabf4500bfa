// The Traces pane's 16px stroke icons, inline (the strict CSP allows no image or font sources).
import type { ReactNode } from 'react'

const Svg = ({ children, size = 16 }: { children: ReactNode; size?: number }) => (
  <svg className="icon" width={size} height={size} viewBox="0 0 16 16" fill="none" stroke="currentColor" strokeWidth="1.4" strokeLinecap="round" strokeLinejoin="round" aria-hidden="true">
    {children}
  </svg>
)

export const BackIcon = () => (
  <Svg>
    <path d="M9.5 3.5L5 8l4.5 4.5" />
  </Svg>
)

export const ChevronRightIcon = ({ size = 12 }: { size?: number }) => (
  <Svg size={size}>
    <path d="M6 3.5L10.5 8 6 12.5" />
  </Svg>
)

export const SearchIcon = () => (
  <Svg>
    <circle cx="7" cy="7" r="4" />
    <path d="M10 10l3.5 3.5" />
  </Svg>
)

export const UpIcon = () => (
  <Svg>
    <path d="M4.5 10L8 6.5l3.5 3.5" />
  </Svg>
)

export const DownIcon = () => (
  <Svg>
    <path d="M4.5 6.5L8 10l3.5-3.5" />
  </Svg>
)

export const FilterIcon = () => (
  <Svg>
    <path d="M2.5 3.5h11L9.5 8.5v4l-3-1.5V8.5z" />
  </Svg>
)

export const CriticalPathIcon = () => (
  <Svg>
    <path d="M2.5 4.5h5M5.5 8h5M8.5 11.5h5" />
    <path d="M7.5 4.5v3.5M10.5 8v3.5" strokeDasharray="1.2 1.6" />
  </Svg>
)

export const SkewIcon = () => (
  <Svg>
    <path d="M2.5 5.5h8M8.5 3.5l2 2-2 2M13.5 10.5h-8M7.5 8.5l-2 2 2 2" />
  </Svg>
)

export const ZoomResetIcon = () => (
  <Svg>
    <path d="M2.5 6V2.5H6M10 2.5h3.5V6M13.5 10v3.5H10M6 13.5H2.5V10" />
  </Svg>
)

export const ExpandAllIcon = () => (
  <Svg>
    <path d="M4.5 5.5L8 9l3.5-3.5M4.5 9.5L8 13l3.5-3.5" />
  </Svg>
)

export const CollapseAllIcon = () => (
  <Svg>
    <path d="M4.5 6.5L8 3l3.5 3.5M4.5 13.5L8 10l3.5 3.5" />
  </Svg>
)

export const ErrorPathIcon = () => (
  <Svg>
    <path d="M3 3.5v5.5a1 1 0 0 0 1 1h3M3 6.5h4" />
    <circle cx="11" cy="10" r="3" />
    <path d="M11 8.6v1.6M11 11.4v.1" />
  </Svg>
)

export const CopyIcon = () => (
  <Svg>
    <rect x="5.5" y="5.5" width="8" height="8" rx="1.2" />
    <path d="M10.5 5.5V3.5a1 1 0 0 0-1-1h-6a1 1 0 0 0-1 1v6a1 1 0 0 0 1 1h2" />
  </Svg>
)

export const KeyboardIcon = () => (
  <Svg>
    <rect x="1.5" y="4" width="13" height="8" rx="1.2" />
    <path d="M4 6.5h.5M6.5 6.5H7M9 6.5h.5M11.5 6.5h.5M5 9.5h6" />
  </Svg>
)

export const MaximizeIcon = () => (
  <Svg>
    <path d="M9.5 2.5h4v4M13.5 2.5L9 7M6.5 13.5h-4v-4M2.5 13.5L7 9" />
  </Svg>
)
