import { isAbsolute } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

/**
 * URIs at the protocol edge, paths inside. The URI a client opened a document with is kept and
 * reused, because clients match published diagnostics by the exact string they sent.
 */
export class UriMap {
  private readonly uris = new Map<string, string>();

  toPath(uri: string): string {
    if (!uri.startsWith("file:")) return uri;
    try {
      return fileURLToPath(uri);
    } catch {
      return uri;
    }
  }

  remember(uri: string): string {
    const path = this.toPath(uri);
    this.uris.set(path, uri);
    return path;
  }

  forget(path: string): void {
    this.uris.delete(path);
  }

  toUri(path: string): string {
    return this.uris.get(path) ?? (isAbsolute(path) ? pathToFileURL(path).href : path);
  }
}
