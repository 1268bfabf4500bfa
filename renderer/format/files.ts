/** A file as people call it: its name, without the folders of a path typed on the command line. */
export const fileLabel = (path: string): string => path.split(/[\\/]/).filter(Boolean).pop() ?? path
