import { useRef, useState } from 'react'

interface TitleInputProps {
  initial?: string
  label: string
  placeholder?: string
  testId: string
  /** Called with the trimmed title; not called for an empty or unchanged title. */
  onSubmit: (title: string) => void
  onCancel: () => void
}

const MAX_TITLE = 200

/** An inline title editor: Enter (or leaving the field) saves, Escape cancels. */
export function TitleInput({ initial = '', label, placeholder, testId, onSubmit, onCancel }: TitleInputProps) {
  const [value, setValue] = useState(initial)
  const finished = useRef(false)

  const finish = (save: boolean) => {
    if (finished.current) return
    finished.current = true
    const title = value.trim()
    if (save && title && title !== initial.trim()) onSubmit(title)
    else onCancel()
  }

  return (
    <form
      className="title-form"
      onSubmit={(event) => {
        event.preventDefault()
        finish(true)
      }}
    >
      <input
        className="input title-input"
        aria-label={label}
        placeholder={placeholder}
        data-testid={testId}
        value={value}
        maxLength={MAX_TITLE}
        autoFocus
        onFocus={(event) => event.currentTarget.select()}
        onChange={(event) => setValue(event.currentTarget.value)}
        onKeyDown={(event) => {
          if (event.key === 'Escape') {
            event.preventDefault()
            finish(false)
          }
        }}
        onBlur={() => finish(true)}
      />
    </form>
  )
}
