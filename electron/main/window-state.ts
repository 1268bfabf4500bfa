import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { BrowserWindow, Rectangle } from 'electron'
import { appDataDir } from '../workspace/paths'

interface WindowState {
  bounds?: Rectangle
  maximized?: boolean
}

const file = () => join(appDataDir(), 'window-state.json')

export function loadWindowState(): WindowState {
  try {
    return JSON.parse(readFileSync(file(), 'utf8')) as WindowState
  } catch {
    return {}
  }
}

/** Saves the window's size and position whenever they settle, for the next start. */
export function trackWindowState(window: BrowserWindow): void {
  let timer: NodeJS.Timeout | undefined
  const save = () => {
    const state: WindowState = { bounds: window.getNormalBounds(), maximized: window.isMaximized() }
    try {
      writeFileSync(file(), JSON.stringify(state))
    } catch {
      // A read-only profile folder only costs the remembered size.
    }
  }
  const later = () => {
    clearTimeout(timer)
    timer = setTimeout(save, 500)
  }
  window.on('resize', later)
  window.on('move', later)
  window.on('close', () => {
    clearTimeout(timer)
    save()
  })
}
