export const DEFAULT_SERVER: string;

export interface FuzzStats {
  readonly edits: number;
  readonly requests: number;
  readonly diagnostics: number;
  readonly maxDiagnostics: number;
  readonly undos: number;
  readonly pastes: number;
  readonly longestText: number;
  readonly elapsedMs: number;
  readonly finalText: string;
}

export function fuzzLanguageServer(options: { edits: number; seed?: number; serverPath?: string; onProgress?: (stats: Omit<FuzzStats, "finalText">) => void }): Promise<FuzzStats>;
