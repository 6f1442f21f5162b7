import type { Settings } from "../config/settings.js";
import { childPath, type FieldPath } from "../source/path.js";
import type { DatabaseContainer } from "./engines.js";
import { POD_TEMPLATE_PATHS } from "./kinds.js";
import { derivedSlots, type KeepsDerived } from "./memo.js";
import type { K8sObject } from "./object.js";
import { asArray, asInteger, asRecord, asString, asStringMap, type Plain } from "./values.js";

/** A pod template (or a Pod) and where it sits in its object. */
export interface PodTemplate extends KeepsDerived {
  readonly labels: Readonly<Record<string, string>>;
  readonly annotations: Readonly<Record<string, string>>;
  readonly spec: Plain;
  /** Path of the template within the object; `spec` is at `[...path, "spec"]`. */
  readonly path: FieldPath;
  /** Its container lists, kept in a field as the object's views are (see KeepsObjectViews); written by containersOf only. */
  containerLists: ContainerLists | undefined;
  /** Its database containers under the settings of the last run that asked; written by databaseContainers only. */
  databases: { readonly settings: Settings; readonly containers: DatabaseContainer[] } | undefined;
}

export type ContainerKind = "container" | "initContainer" | "ephemeralContainer";

export interface ContainerRef {
  readonly container: Plain;
  readonly name: string;
  readonly kind: ContainerKind;
  readonly index: number;
  /** Path of the container within the object. */
  readonly path: FieldPath;
}

/** The object's pod template (derived once per object), or `undefined` for kinds without one. */
export function podTemplateOf(object: K8sObject): PodTemplate | undefined {
  const known = object.podTemplateView;
  if (known !== undefined) return known ?? undefined;
  const template = derivePodTemplate(object);
  object.podTemplateView = template ?? null;
  return template;
}

function derivePodTemplate(object: K8sObject): PodTemplate | undefined {
  const templatePath = POD_TEMPLATE_PATHS[object.kind];
  if (!templatePath) return undefined;
  let template: unknown = object.raw;
  for (const segment of templatePath) template = asRecord(template)[segment];
  const record = asRecord(template);
  const metadata = asRecord(record["metadata"]);
  return {
    labels: asStringMap(metadata["labels"]),
    annotations: asStringMap(metadata["annotations"]),
    spec: asRecord(record["spec"]),
    path: templatePath,
    derived: derivedSlots(),
    containerLists: undefined,
    databases: undefined,
  };
}

const CONTAINER_FIELDS: readonly [ContainerKind, string][] = [
  ["initContainer", "initContainers"],
  ["container", "containers"],
  ["ephemeralContainer", "ephemeralContainers"],
];

const EVERY_CONTAINER: readonly ContainerKind[] = ["initContainer", "container"];
/** Every kind of container, ephemeral ones too (what secret and reference rules read): pass this list, not a copy, to get the shared one. */
export const ALL_CONTAINER_KINDS: readonly ContainerKind[] = CONTAINER_FIELDS.map(([kind]) => kind);
const MAIN_CONTAINERS: readonly ContainerKind[] = ["container"];

/**
 * A template's containers of every kind, and the lists rules ask for, which share its refs (and
 * the list itself when they keep all of it): the two every rule asks for in fields, others by
 * their kinds.
 */
export interface ContainerLists {
  readonly all: ContainerRef[];
  every: ContainerRef[] | undefined;
  main: ContainerRef[] | undefined;
  other: Map<string, ContainerRef[]> | undefined;
}

// Every list written from the start: one shape for every template's lists, so the loads in `containersOf` stay monomorphic.
function containerListsOf(template: PodTemplate): ContainerLists {
  return (template.containerLists ??= { all: deriveContainers(template), every: undefined, main: undefined, other: undefined });
}

/** `kinds.join()` when it names every kind, in their order: that list is `all` itself. */
const EVERY_KIND_KEY = ALL_CONTAINER_KINDS.join();

/** Containers of a pod template, init containers first, each with its path (one list per template and kinds). */
export function containersOf(template: PodTemplate, kinds: readonly ContainerKind[] = EVERY_CONTAINER): ContainerRef[] {
  const lists = containerListsOf(template);
  // Rules ask hundreds of thousands of times in a large run: the common lists cost no key.
  if (kinds === EVERY_CONTAINER) return (lists.every ??= ofKinds(lists.all, kinds));
  if (kinds === MAIN_CONTAINERS) return (lists.main ??= ofKinds(lists.all, kinds));
  if (kinds === ALL_CONTAINER_KINDS) return lists.all;
  const key = kinds.join();
  if (key === EVERY_KIND_KEY) return lists.all;
  lists.other ??= new Map();
  let list = lists.other.get(key);
  if (!list) lists.other.set(key, (list = ofKinds(lists.all, kinds)));
  return list;
}

function deriveContainers(template: PodTemplate): ContainerRef[] {
  const result: ContainerRef[] = [];
  // Indexed loops, not a closure per field: every template is met, mostly before this is optimized.
  for (let at = 0; at < CONTAINER_FIELDS.length; at++) {
    const [kind, field] = CONTAINER_FIELDS[at]!;
    const values = asArray(template.spec[field]);
    for (let index = 0; index < values.length; index++) {
      const container = asRecord(values[index]);
      result.push({ container, name: asString(container["name"]) ?? "", kind, index, path: childPath(template.path, "spec", field, index) });
    }
  }
  return result;
}

function ofKinds(all: ContainerRef[], kinds: readonly ContainerKind[]): ContainerRef[] {
  // The list itself when it has no other kind (a copy is made from the first ref left out).
  let kept: ContainerRef[] | undefined;
  for (let at = 0; at < all.length; at++) {
    const ref = all[at]!;
    if (kinds.includes(ref.kind)) kept?.push(ref);
    else kept ??= all.slice(0, at);
  }
  return kept ?? all;
}

/** The main containers only (what serves traffic and is probed). */
export function mainContainersOf(template: PodTemplate): ContainerRef[] {
  return containersOf(template, MAIN_CONTAINERS);
}

export interface StatefulSetView {
  readonly spec: Plain;
  /** `spec.replicas`, defaulted to 1 as the API does. */
  readonly replicas: number;
  readonly replicasDeclared: boolean;
  readonly serviceName: string | undefined;
  readonly volumeClaimTemplates: readonly VolumeClaimTemplateRef[];
  readonly template: PodTemplate | undefined;
  /** Names of its claim-backed volumes, kept in a field as the object's views are; written by claimVolumeNamesOf only. */
  claimVolumeNames: ReadonlySet<string> | undefined;
}

export interface VolumeClaimTemplateRef {
  readonly name: string;
  readonly spec: Plain;
  readonly index: number;
  readonly path: FieldPath;
}

/** The StatefulSet view of an object (derived once per object), or `undefined` for other kinds. */
export function statefulSetOf(object: K8sObject): StatefulSetView | undefined {
  const known = object.statefulSetView;
  if (known !== undefined) return known ?? undefined;
  const view = deriveStatefulSet(object);
  object.statefulSetView = view ?? null;
  return view;
}

function deriveStatefulSet(object: K8sObject): StatefulSetView | undefined {
  if (object.kind !== "StatefulSet") return undefined;
  const spec = asRecord(object.raw["spec"]);
  const declared = asInteger(spec["replicas"]);
  return {
    spec,
    replicas: declared ?? 1,
    replicasDeclared: declared !== undefined,
    serviceName: asString(spec["serviceName"]),
    volumeClaimTemplates: asArray(spec["volumeClaimTemplates"]).map((value, index) => {
      const claim = asRecord(value);
      return { name: asString(asRecord(claim["metadata"])["name"]) ?? "", spec: asRecord(claim["spec"]), index, path: ["spec", "volumeClaimTemplates", index] };
    }),
    template: podTemplateOf(object),
    claimVolumeNames: undefined,
  };
}

/** Ports a container declares, by number and by name. */
export interface DeclaredPorts {
  readonly numbers: ReadonlySet<number>;
  readonly names: ReadonlySet<string>;
}

/** Ports the init and main containers of a template declare. */
export function templatePortsOf(template: PodTemplate): DeclaredPorts {
  return declaredPorts(containersOf(template));
}

export function declaredPorts(containers: readonly ContainerRef[]): DeclaredPorts {
  const numbers = new Set<number>();
  const names = new Set<string>();
  for (const { container } of containers) {
    for (const port of asArray(container["ports"])) {
      const record = asRecord(port);
      const number = asInteger(record["containerPort"]);
      if (number !== undefined) numbers.add(number);
      const name = asString(record["name"]);
      if (name) names.add(name);
    }
  }
  return { numbers, names };
}


/** Environment variables of a container, each with its path, as written. */
export interface EnvVarRef {
  readonly name: string;
  readonly value: unknown;
  readonly hasLiteralValue: boolean;
  readonly valueFrom: Plain | undefined;
  readonly path: FieldPath;
}

/** An env var as written; its path is built when first read, as only a finding reads it. */
class EnvVar implements EnvVarRef {
  readonly name: string;
  readonly value: unknown;
  readonly hasLiteralValue: boolean;
  readonly valueFrom: Plain | undefined;
  private builtPath: FieldPath | undefined = undefined;

  constructor(
    env: Plain,
    private readonly container: ContainerRef,
    private readonly index: number,
  ) {
    const valueFrom = env["valueFrom"];
    this.name = asString(env["name"]) ?? "";
    this.value = env["value"];
    this.hasLiteralValue = "value" in env && env["value"] !== null && env["value"] !== "";
    this.valueFrom = valueFrom === undefined ? undefined : asRecord(valueFrom);
  }

  get path(): FieldPath {
    return (this.builtPath ??= childPath(this.container.path, "env", this.index));
  }
}

export function envOf(container: ContainerRef): EnvVarRef[] {
  return asArray(container.container["env"]).map((value, index) => new EnvVar(asRecord(value), container, index));
}
