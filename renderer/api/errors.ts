import { ApiError, type ErrorCode } from '../../shared/api/contract'

/** The message to show for a failed call; API errors already name what failed and why. */
export function errorMessage(error: unknown): string {
  if (error instanceof Error && error.message) return error.message
  if (typeof error === 'string' && error) return error
  return 'Something went wrong'
}

/** Whether a failed call failed for `code` (a finding deleted meanwhile, a save made elsewhere). */
export const failedWith = (error: unknown, code: ErrorCode): boolean => error instanceof ApiError && error.code === code
