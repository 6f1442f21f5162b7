import { asRecord, asString, type Bundle, type K8sObject } from "@statelint/core";

const AUTOSCALER_KINDS = ["HorizontalPodAutoscaler", "ScaledObject"];

/** Whether an HPA (or a KEDA ScaledObject) in the bundle owns this workload's replica count. */
export function isAutoscaled(bundle: Bundle, object: K8sObject): boolean {
  return AUTOSCALER_KINDS.some((kind) =>
    bundle.ofKind(kind, object.namespace).some((scaler) => {
      const target = asRecord(asRecord(scaler.raw["spec"])["scaleTargetRef"]);
      return asString(target["kind"]) === object.kind && asString(target["name"]) === object.name;
    }),
  );
}
