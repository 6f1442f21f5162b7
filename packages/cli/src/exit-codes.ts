/** Exit codes, stable for CI: 0 clean, 1 findings at or above the failing level, 2 usage/config/I-O error. */
export const EXIT_OK = 0;
export const EXIT_FINDINGS = 1;
export const EXIT_USAGE = 2;

/** A problem that stops the run before linting (unreadable config or ignore file): exit code 2. */
export class FatalError extends Error {}
