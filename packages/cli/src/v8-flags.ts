/**
 * Whether the user gave V8 a flag matching `pattern`, on the command line or in NODE_OPTIONS: a
 * user who tuned V8 themselves keeps their setting, and statelint leaves that part of V8 alone.
 */
export function userSetV8Flag(pattern: RegExp): boolean {
  return pattern.test(`${process.execArgv.join(" ")} ${process.env["NODE_OPTIONS"] ?? ""}`);
}
