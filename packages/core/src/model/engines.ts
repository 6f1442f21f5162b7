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
  // A run has one settings object per configuration: the last one asked is answered from a field,
  // and a template asked under several keeps the others' answers aside.
  const last = template.databases;
  if (last?.settings === settings) return last.containers;
  let containers: DatabaseContainer[] | undefined;
  if (last) {
    const bySettings = databasesBySettings(template);
    bySettings.set(last.settings, last.containers);
    containers = bySettings.get(settings);
  }
  containers ??= deriveDatabaseContainers(template, settings);
  template.databases = { settings, containers };
  return containers;
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
