import { describe, expect, it } from "vitest";
import { documentFor, SHIPPED_VERSIONS } from "./catalog.js";
import { describeField } from "./describe.js";

describe("describeField", () => {
  it("describes a StatefulSet's serviceName with its type", () => {
    const field = describeField("apps/v1", "StatefulSet", ["spec", "serviceName"]);
    expect(field?.description).toMatch(/^serviceName is the name of the service that governs this StatefulSet\./);
    expect(field?.type).toBe("string");
  });

  it("names referenced, array, map and int-or-string types", () => {
    expect(describeField("apps/v1", "StatefulSet", ["spec"])?.type).toBe("StatefulSetSpec");
    expect(describeField("apps/v1", "StatefulSet", ["spec", "template", "spec", "containers"])?.type).toBe("[]Container");
    expect(describeField("apps/v1", "StatefulSet", ["metadata", "labels"])?.type).toBe("map[string]string");
    expect(describeField("v1", "Service", ["spec", "ports", 0, "targetPort"])?.type).toBe("integer | string");
  });

  it("steps into array items by index", () => {
    const image = describeField("apps/v1", "StatefulSet", ["spec", "template", "spec", "containers", 0, "image"]);
    expect(image?.description).toContain("Container image name.");
    expect(describeField("apps/v1", "StatefulSet", ["spec", "volumeClaimTemplates", 2, "spec", "storageClassName"])?.description).toContain("storageClassName");
  });

  it("drops the +optional markers of the Go sources", () => {
    expect(describeField("apps/v1", "StatefulSet", ["spec", "persistentVolumeClaimRetentionPolicy"])?.description).not.toMatch(/\+optional/);
  });

  it("has nothing for map keys, unknown fields, unknown kinds and index-only paths", () => {
    expect(describeField("apps/v1", "StatefulSet", ["metadata", "labels", "app"])).toBeUndefined();
    expect(describeField("apps/v1", "StatefulSet", ["spec", "serviceNmae"])).toBeUndefined();
    expect(describeField("example.com/v1", "Backup", ["spec"])).toBeUndefined();
    expect(describeField("apps/v1", "StatefulSet", ["spec", "template", "spec", "containers", 0])).toBeUndefined();
    expect(describeField("apps/v1", "StatefulSet", [])).toBeUndefined();
  });

  it("uses the schema of the requested Kubernetes version", () => {
    // StatefulSetSpec.ordinals exists in both; a 1.29 request must not fail on 1.30-only data.
    expect(describeField("apps/v1", "StatefulSet", ["spec", "ordinals"], "1.29")?.description).toMatch(/^ordinals controls/);
    expect(describeField("apps/v1", "StatefulSet", ["spec", "serviceName"], "v1.29.3")?.type).toBe("string");
  });

  it("describes fields added after 1.30 in the default, newest version", () => {
    const stopSignal = ["spec", "template", "spec", "containers", 0, "lifecycle", "stopSignal"];
    expect(describeField("apps/v1", "StatefulSet", stopSignal)?.description).toMatch(/^StopSignal defines which signal will be sent to a container when it is being stopped\./);
    expect(describeField("apps/v1", "StatefulSet", stopSignal, "1.30")).toBeUndefined();
    expect(describeField("apps/v1", "StatefulSet", ["spec", "template", "spec", "resources"], "1.32")?.type).toBe("ResourceRequirements");
  });

  it("finds a description for every field of a Container in every version, whichever chunk holds it", () => {
    for (const version of SHIPPED_VERSIONS) {
      const container = documentFor(version).definitions["core.v1.Container"]?.["properties"] as Record<string, unknown>;
      const missing = Object.keys(container).filter((field) => !describeField("v1", "Pod", ["spec", "containers", 0, field], version));
      expect(missing, version).toEqual([]);
    }
  });
});
