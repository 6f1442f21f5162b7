import { asArray, databaseContainers, isOperatorManaged, mainContainersOf, statefulSetOf, type ObjectContext } from "@statelint/core";

/**
 * Reports each main container of a StatefulSet that lacks `probeField`. A helper that declares no
 * port and runs no database (config reloader, log shipper) gets `missingHelper` at info: its
 * probe gates no traffic, so its absence hurts no one.
 */
export function reportMissingProbe(probeField: "readinessProbe" | "livenessProbe", { object, settings, report }: ObjectContext<"missing" | "missingHelper", object>): void {
  const template = statefulSetOf(object)?.template;
  if (!template || isOperatorManaged(object)) return;
  const databases = new Set(databaseContainers(template, settings).map((database) => database.ref.index));
  for (const ref of mainContainersOf(template)) {
    const probe = ref.container[probeField];
    if (probe !== undefined && probe !== null) continue;
    const serves = databases.has(ref.index) || asArray(ref.container["ports"]).length > 0;
    report({
      messageId: serves ? "missing" : "missingHelper",
      data: { container: ref.name, statefulSet: object.name },
      path: [...ref.path, "name"],
      ...(serves ? {} : { severity: "info" as const }),
    });
  }
}
