import { setFlagsFromString } from "node:v8";

/**
 * A lint run keeps most of what it allocates (parsed files, objects, findings) until it reports.
 * V8 grows its young generation, up to 16 MiB a semi-space, while objects keep surviving
 * scavenges, as they do here; the grown space only raises the peak. Kept at its starting size,
 * scavenges are more frequent and each is smaller: on the bench corpus peak RSS goes from 185 to
 * 150 MiB for the same CPU time. Set once, before the files are read; the language server, a
 * long-lived process where pauses matter more than its peak, keeps V8's default.
 */
export function keepYoungGenerationSmall(): void {
  setFlagsFromString("--semi-space-growth-factor=1");
}
