import type { Position, Range, TextEdit } from "vscode-languageserver";

export const STATEFULSET = `apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: postgres
spec:
  serviceName: postgres
  replicas: 3
  selector:
    matchLabels:
      app: postgres
  template:
    metadata:
      labels:
        app: postgres
    spec:
      containers:
        - name: postgres
          image: postgres:16.2
          ports:
            - name: pg
              containerPort: 5432
`;

/** The governing Service, not headless: `clusterIP` is on line 5 (0-based), characters 13–22. */
export const SERVICE = `apiVersion: v1
kind: Service
metadata:
  name: postgres
spec:
  clusterIP: 10.0.0.12
  selector:
    app: postgres
  ports:
    - port: 5432
      targetPort: pg
`;

/**
 * A StatefulSet and its governing Service, as in the language-server bench: every other Service is
 * not headless, so some findings carry related locations in the other document.
 */
export function statefulSetPair(index: number, { namespace, replicas = 3 }: { namespace?: string; replicas?: number } = {}): string {
  const inNamespace = namespace === undefined ? "" : `\n  namespace: ${namespace}`;
  return `apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: db-${index}${inNamespace}
spec:
  serviceName: db-${index}
  replicas: ${replicas}
  selector:
    matchLabels:
      app: db-${index}
  template:
    metadata:
      labels:
        app: db-${index}
    spec:
      containers:
        - name: postgres
          image: postgres:16.2
  volumeClaimTemplates:
    - metadata:
        name: data
      spec:
        accessModes: ["ReadWriteOnce"]
        resources:
          requests:
            storage: 10Gi
---
apiVersion: v1
kind: Service
metadata:
  name: db-${index}${inNamespace}
spec:
  clusterIP: ${index % 2 === 0 ? "None" : "10.0.0.1"}
  selector:
    app: db-${index}
`;
}

/** Applies LSP text edits the way a client does (offsets computed independently of the server). */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const lineStarts = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === "\n") lineStarts.push(i + 1);
  const offset = (position: Position) => Math.min((lineStarts[position.line] ?? text.length) + position.character, text.length);
  const sorted = [...edits].sort((a, b) => offset(b.range.start) - offset(a.range.start));
  let result = text;
  for (const edit of sorted) result = result.slice(0, offset(edit.range.start)) + edit.newText + result.slice(offset(edit.range.end));
  return result;
}

export function range(startLine: number, startCharacter: number, endLine: number, endCharacter: number): Range {
  return { start: { line: startLine, character: startCharacter }, end: { line: endLine, character: endCharacter } };
}
