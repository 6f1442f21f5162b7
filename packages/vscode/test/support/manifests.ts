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
