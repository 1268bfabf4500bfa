import { useRef, useState } from 'react'

interface TitleInputProps {
  initial?: string
  label: string
  placeholder?: string
  testId: string
  /** Called with the trimmed title; not called for an empty or unchanged title. */
  onSubmit: (title: string) => void
  onCancel: () => void
  /** Why a title cannot be taken (another incident has it), or null: said under the field, which stays open. */
  refuse?: (title: string) => string | null
}

const MAX_TITLE = 200

/** An inline title editor: Enter (or leaving the field) saves, Escape cancels. */
export function TitleInput({ initial = '', label, placeholder, testId, onSubmit, onCancel, refuse }: TitleInputProps) {
  const [value, setValue] = useState(initial)
  const [problem, setProblem] = useState<string | null>(null)
  const finished = useRef(false)

  const finish = (save: boolean) => {
    if (finished.current) return
    const title = value.trim()
    const saving = save && title !== '' && title !== initial.trim()
    const refused = saving ? (refuse?.(title) ?? null) : null
    setProblem(refused)
    if (refused) return
    finished.current = true
    if (saving) onSubmit(title)
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
        aria-invalid={problem !== null || undefined}
        aria-describedby={problem ? `${testId}-problem` : undefined}
        onChange={(event) => {
          setValue(event.currentTarget.value)
          setProblem(null)
        }}
        onKeyDown={(event) => {
          if (event.key === 'Escape') {
            event.preventDefault()
            finish(false)
          }
        }}
        onBlur={() => finish(true)}
      />
      {problem && (
        <p className="title-problem" id={`${testId}-problem`} role="alert" data-testid={`${testId}-problem`}>
          {problem}
        </p>
      )}
    </form>
  )
}
