/** Offers `blob` to the user as a file named `name` (the browser's download, the desktop's save dialog). */
export function saveFile(name: string, blob: Blob): void {
  const url = URL.createObjectURL(blob)
  const link = document.createElement('a')
  link.href = url
  link.download = name
  link.hidden = true
  document.body.append(link)
  link.click()
  link.remove()
  // After the download has taken the data.
  setTimeout(() => URL.revokeObjectURL(url), 60_000)
}

