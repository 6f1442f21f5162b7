import type { ResolvedConfig } from "../config/resolve.js";
import type { Bundle } from "../graph/bundle.js";
import { objectsOf, type K8sObject } from "../model/object.js";
import type { SourceFile } from "../source/parse.js";
import type { Finding } from "./finding.js";

/**
 * What a long-lived linter (the language server) keeps between runs so an edit re-checks only
 * what it can affect. A rule's check of one object that never looked at the bundle depends on
 * nothing but that object and its configuration, so its findings are reused while the object's
 * file is unchanged (the same parsed SourceFile); checks that did look at the bundle run again.
 * Held weakly: entries go with the parsed files they came from.
 */
export class CheckCache {
  private readonly objects = new WeakMap<SourceFile, { readonly namespace: string; readonly objects: K8sObject[] }>();
  private readonly findings = new WeakMap<K8sObject, Map<string, { readonly config: ResolvedConfig; readonly findings: readonly Finding[] }>>();

  /** The objects of a file, the same instances as last run while the file is unchanged. */
  objectsOf(file: SourceFile, namespace: string): K8sObject[] {
    const cached = this.objects.get(file);
    if (cached && cached.namespace === namespace) return cached.objects;
    const objects = objectsOf(file, namespace);
    this.objects.set(file, { namespace, objects });
    return objects;
  }

  lookup(object: K8sObject, ruleId: string, config: ResolvedConfig): readonly Finding[] | undefined {
    const entry = this.findings.get(object)?.get(ruleId);
    return entry && entry.config === config ? entry.findings : undefined;
  }

  store(object: K8sObject, ruleId: string, config: ResolvedConfig, findings: readonly Finding[]): void {
    let byRule = this.findings.get(object);
    if (!byRule) this.findings.set(object, (byRule = new Map()));
    byRule.set(ruleId, { config, findings });
  }
}

/** The bundle as rules see it, noting whether the current check looked at it at all. */
export interface WatchedBundle {
  readonly bundle: Bundle;
  touched: boolean;
}

export function watchBundle(bundle: Bundle): WatchedBundle {
  const watched: WatchedBundle = {
    touched: false,
    bundle: new Proxy(bundle, {
      get(target, property) {
        watched.touched = true;
        const value: unknown = Reflect.get(target, property, target);
        return typeof value === "function" ? (value as (...args: unknown[]) => unknown).bind(target) : value;
      },
    }),
  };
  return watched;
}
