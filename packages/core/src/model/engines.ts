import type { Settings } from "../config/settings.js";
import { mainContainersOf, type ContainerRef, type PodTemplate } from "./extract.js";
import { engineOf } from "./images.js";
import { derivedInPlace } from "./memo.js";
import { asString } from "./values.js";

/** A main container that runs a known stateful engine. */
export interface DatabaseContainer {
  readonly ref: ContainerRef;
  readonly engine: string;
  readonly image: string;
}

const databasesBySettings = derivedInPlace((_template: PodTemplate) => new WeakMap<Settings, DatabaseContainer[]>());

/**
 * Main containers whose image is a DB image (SPEC "DB image"), per `settings.databaseImages`;
 * derived once per template and settings, as a dozen rules ask for them.
 */
export function databaseContainers(template: PodTemplate | undefined, settings: Settings): DatabaseContainer[] {
  if (!template) return [];
  const bySettings = databasesBySettings(template);
  let result = bySettings.get(settings);
  if (!result) {
    result = deriveDatabaseContainers(template, settings);
    bySettings.set(settings, result);
  }
  return result;
}

function deriveDatabaseContainers(template: PodTemplate, settings: Settings): DatabaseContainer[] {
  const result: DatabaseContainer[] = [];
  for (const ref of mainContainersOf(template)) {
    const image = asString(ref.container["image"]);
    if (!image) continue;
    const engine = engineOf(image, settings.databaseImages);
    if (engine) result.push({ ref, engine, image });
  }
  return result;
}

export function isPrimaryReplicaEngine(engine: string, settings: Settings): boolean {
  return settings.primaryReplicaImages.includes(engine);
}

export function isQuorumEngine(engine: string, settings: Settings): boolean {
  return settings.quorumImages.includes(engine);
}
