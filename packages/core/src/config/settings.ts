import { DEFAULT_DATABASE_IMAGES, DEFAULT_PRIMARY_REPLICA_IMAGES, DEFAULT_QUORUM_IMAGES } from "../model/images.js";

/** Options shared by many rules (ESLint calls these "settings"). */
export interface Settings {
  /** Engine names that make an image a "DB image". */
  readonly databaseImages: readonly string[];
  /** Engines with one writer and read-only replicas. */
  readonly primaryReplicaImages: readonly string[];
  /** Engines that need a majority to agree. */
  readonly quorumImages: readonly string[];
}

export const DEFAULT_SETTINGS: Settings = {
  databaseImages: DEFAULT_DATABASE_IMAGES,
  primaryReplicaImages: DEFAULT_PRIMARY_REPLICA_IMAGES,
  quorumImages: DEFAULT_QUORUM_IMAGES,
};
