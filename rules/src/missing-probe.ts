import { asArray, childPath, databaseContainers, isOperatorManaged, mainContainersOf, statefulSetOf, type ObjectContext } from "@statelint/core";

/**
 * Reports each main container of a StatefulSet that lacks `probeField`. A helper that declares no
 * port and runs no database (config reloader, log shipper) gets `missingHelper` at info: its
 * probe gates no traffic, so its absence hurts no one.
 */
export function reportMissingProbe(probeField: "readinessProbe" | "livenessProbe", { object, settings, report }: ObjectContext<"missing" | "missingHelper", object>): void {
  const template = statefulSetOf(object)?.template;
  if (!template || isOperatorManaged(object)) return;
  for (const ref of mainContainersOf(template)) {
    const probe = ref.container[probeField];
    if (probe !== undefined && probe !== null) continue;
    const serves = asArray(ref.container["ports"]).length > 0 || databaseContainers(template, settings).some((database) => database.ref === ref);
    const data = { container: ref.name, statefulSet: object.name };
    const path = childPath(ref.path, "name");
    if (serves) report({ messageId: "missing", data, path });
    else report({ messageId: "missingHelper", data, path, severity: "info" });
  }
}
