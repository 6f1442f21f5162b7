import { asInteger, CLUSTER_KINDS, clusterOf, defineRule, type FieldRef, type StatefulClusterView } from "@statelint/core";

export type MessageIds = "copiesLow" | "copiesUnset" | "minIsrLow" | "minIsrUnset" | "minIsrTooHigh";

/** Fewer copies than this survive no more than one broker failure. */
const MIN_COPIES = 3;
/** With acks=all, fewer in-sync replicas than this acknowledge a write on one broker alone. */
const MIN_ISR = 2;

interface ReplicationKey {
  readonly key: string;
  /** Kafka's own default when the key is unset. */
  readonly kafkaDefault: number;
}

/** Each replication factor with the minimum ISR that guards the same topics. */
const PAIRS: readonly { readonly factor: ReplicationKey; readonly minIsr: ReplicationKey | undefined }[] = [
  { factor: { key: "default.replication.factor", kafkaDefault: 1 }, minIsr: { key: "min.insync.replicas", kafkaDefault: 1 } },
  { factor: { key: "offsets.topic.replication.factor", kafkaDefault: 3 }, minIsr: undefined },
  { factor: { key: "transaction.state.log.replication.factor", kafkaDefault: 3 }, minIsr: { key: "transaction.state.log.min.isr", kafkaDefault: 2 } },
];

interface Setting {
  readonly value: number;
  /** Where it is written; undefined when Kafka's default applies. */
  readonly at: FieldRef | undefined;
}

/** The effective value of a key: as written, Kafka's default when unset, undefined when unreadable (templated). */
function settingOf(view: StatefulClusterView, key: ReplicationKey): Setting | undefined {
  const written = view.settings.get(key.key);
  if (!written) return { value: key.kafkaDefault, at: undefined };
  const value = asInteger(written.value);
  return value === undefined ? undefined : { value, at: written.at };
}

function brokerCount(view: StatefulClusterView): number {
  return view.members.filter((group) => group.roles.includes("broker")).reduce((sum, group) => sum + group.replicas, 0);
}

export default defineRule<MessageIds>({
  id: "replication-factor-low",
  kinds: CLUSTER_KINDS,
  meta: {
    category: "availability",
    severity: "warning",
    description: "A Kafka cluster of 3 or more brokers keeps fewer than 3 copies of its data, lets one in-sync replica acknowledge writes, or requires every replica in sync.",
    rationale:
      "A partition with fewer than 3 replicas is lost or unavailable when one broker fails during another's restart, and with `min.insync.replicas` below 2 " +
      "an `acks=all` write is acknowledged by the leader alone, so losing that broker loses acknowledged messages. " +
      "A `min.insync.replicas` equal to (or above) the replication factor is the opposite mistake: one broker down and producers can no longer write. " +
      "Kafka's defaults are unsafe for the first pair (`default.replication.factor` and `min.insync.replicas` default to 1), so those count when unset; " +
      "the internal topics default to safe values (`offsets.topic.replication.factor` and `transaction.state.log.replication.factor` 3, `transaction.state.log.min.isr` 2).",
    remediation:
      "With 3 or more brokers set `default.replication.factor`, `offsets.topic.replication.factor` and `transaction.state.log.replication.factor` to 3 " +
      "and `min.insync.replicas` and `transaction.state.log.min.isr` to 2 (in Strimzi, under `spec.kafka.config`).",
    messages: {
      copiesLow:
        "{{cluster}} runs {{brokers}} brokers but sets {{key}} to {{value}}, fewer than 3 copies: a broker failure during another's restart makes those partitions unavailable or loses them; set it to 3.",
      copiesUnset:
        "{{cluster}} runs {{brokers}} brokers and leaves {{key}} unset, so Kafka's default of {{value}} copy applies to topics created without a replication factor; set it to 3.",
      minIsrLow:
        "{{cluster}} sets {{key}} to {{value}}: an acks=all write is acknowledged by a single replica, and losing that broker loses it; set it to 2.",
      minIsrUnset:
        "{{cluster}} leaves {{key}} unset, so Kafka's default of {{value}} lets a single replica acknowledge an acks=all write; set it to 2.",
      minIsrTooHigh:
        "{{cluster}} sets {{key}} to {{value}} with {{factorKey}} at {{factor}}: with one replica down producers can no longer write; set it to {{suggested}}.",
    },
    since: "0.1.0",
    sources: [
      "seed 000: HA with replication across nodes",
      "https://kafka.apache.org/documentation/#brokerconfigs_min.insync.replicas",
      "https://strimzi.io/docs/operators/latest/deploying#con-config-kafka-kraft-str",
    ],
    defaultOptions: {},
  },
  check({ object, bundle, settings, report }) {
    const view = clusterOf(object, bundle, settings);
    if (view?.engine !== "kafka") return;
    const brokers = brokerCount(view);
    // Fewer brokers cannot hold 3 copies: that is a sizing choice, not a setting to fix.
    if (brokers < MIN_COPIES) return;
    const unsetAt = view.settingsAt ?? { object: view.object, path: ["spec"] };
    const where = (at: FieldRef | undefined): { object: FieldRef["object"]; path: FieldRef["path"] } => at ?? unsetAt;
    for (const { factor, minIsr } of PAIRS) {
      const copies = settingOf(view, factor);
      if (copies && copies.value < MIN_COPIES) {
        const data = { cluster: view.title, brokers, key: factor.key, value: copies.value };
        report({ messageId: copies.at ? "copiesLow" : "copiesUnset", data, ...where(copies.at), ...(copies.at ? {} : { at: "key" as const }) });
      }
      if (!minIsr) continue;
      const isr = settingOf(view, minIsr);
      if (!isr) continue;
      if (isr.value < MIN_ISR) {
        report({ messageId: isr.at ? "minIsrLow" : "minIsrUnset", data: { cluster: view.title, key: minIsr.key, value: isr.value }, ...where(isr.at), ...(isr.at ? {} : { at: "key" as const }) });
      } else if (copies && isr.at && isr.value >= copies.value) {
        const data = { cluster: view.title, key: minIsr.key, value: isr.value, factorKey: factor.key, factor: copies.value, suggested: Math.max(copies.value - 1, 1) };
        report({ messageId: "minIsrTooHigh", data, ...where(isr.at) });
      }
    }
  },
});
