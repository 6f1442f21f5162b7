import type { FormatName } from "../args.js";
import type { Formatter } from "./report.js";

/** Loads only the formatter a run uses, keeping hook start-up short. */
export async function loadFormatter(name: FormatName): Promise<Formatter> {
  switch (name) {
    case "stylish":
      return (await import("./stylish.js")).stylish;
    case "json":
      return (await import("./json.js")).json;
    case "sarif":
      return (await import("./sarif.js")).sarif;
    case "github":
      return (await import("./github.js")).github;
    case "junit":
      return (await import("./junit.js")).junit;
  }
}
