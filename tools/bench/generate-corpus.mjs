// Writes the benchmark corpus: 2,000 StatefulSet bundles (headless Service, client Service, PDB,
// Secret, StatefulSet), 10,000 objects in all, one bundle per file. Deterministic, so runs compare.
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const ENGINES = [
  { image: "postgres:16.4", port: 5432, name: "postgres" },
  { image: "mysql:8.4.2", port: 3306, name: "mysql" },
  { image: "bitnami/redis:7.4.0", port: 6379, name: "redis" },
  { image: "quay.io/coreos/etcd:v3.5.15", port: 2379, name: "etcd" },
  { image: "docker.elastic.co/elasticsearch/elasticsearch:8.15.0", port: 9200, name: "search" },
];

function bundle(index) {
  const engine = ENGINES[index % ENGINES.length];
  const app = `${engine.name}-${index}`;
  const namespace = `team-${index % 40}`;
  const replicas = 1 + (index % 4);
  return `apiVersion: v1
kind: Service
metadata:
  name: ${app}
  namespace: ${namespace}
  labels:
    app: ${app}
spec:
  clusterIP: ${index % 7 === 0 ? "10.96.0." + (index % 250) : "None"}
  selector:
    app: ${app}
  ports:
    - name: db
      port: ${engine.port}
      targetPort: db
---
apiVersion: v1
kind: Service
metadata:
  name: ${app}-client
  namespace: ${namespace}
spec:
  selector:
    app: ${app}
  ports:
    - name: db
      port: ${engine.port}
      targetPort: db
---
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata:
  name: ${app}
  namespace: ${namespace}
spec:
  maxUnavailable: ${index % 5 === 0 ? 0 : 1}
  selector:
    matchLabels:
      app: ${app}
---
apiVersion: v1
kind: Secret
metadata:
  name: ${app}-credentials
  namespace: ${namespace}
type: Opaque
stringData:
  password: generated-${index}-secret
---
apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: ${app}
  namespace: ${namespace}
  labels:
    app: ${app}
    team: team-${index % 40}
    app.kubernetes.io/name: ${engine.name}
    app.kubernetes.io/instance: ${app}
    app.kubernetes.io/component: database
  annotations:
    owner: platform-team-${index % 40}@example.com
    runbook: https://runbooks.example.com/databases/${engine.name}
spec:
  serviceName: ${app}
  replicas: ${replicas}
  selector:
    matchLabels:
      app: ${app}
  template:
    metadata:
      labels:
        app: ${app}
    spec:
      terminationGracePeriodSeconds: ${index % 3 === 0 ? 10 : 60}
      containers:
        - name: ${engine.name}
          image: ${engine.image}
          ports:
            - name: db
              containerPort: ${engine.port}
          env:
            - name: DB_PASSWORD
              valueFrom:
                secretKeyRef:
                  name: ${app}-credentials
                  key: password
            - name: DB_ADMIN_PASSWORD
              value: ${index % 11 === 0 ? "hunter2" : "$(DB_PASSWORD)"}
          resources:
            requests:
              cpu: 250m
              memory: 512Mi
            limits:
              memory: 512Mi
          readinessProbe:
            tcpSocket:
              port: db
            periodSeconds: 10
          livenessProbe:
            tcpSocket:
              port: db
            periodSeconds: 20
          volumeMounts:
            - name: data
              mountPath: /var/lib/${engine.name}
        - name: metrics
          image: quay.io/prometheus/node-exporter:v1.8.2
          args: ["--web.listen-address=:9100", "--collector.filesystem.mount-points-exclude=^/(dev|proc|sys)($|/)"]
          ports:
            - name: metrics
              containerPort: 9100
          resources:
            requests:
              cpu: 10m
              memory: 32Mi
            limits:
              memory: 32Mi
          readinessProbe:
            httpGet:
              path: /metrics
              port: metrics
  volumeClaimTemplates:
    - metadata:
        name: data
      spec:
        accessModes: ["ReadWriteOnce"]
        resources:
          requests:
            storage: ${1 + (index % 20)}Gi
`;
}

export function generateCorpus(directory, bundles = 2000) {
  rmSync(directory, { recursive: true, force: true });
  mkdirSync(directory, { recursive: true });
  let bytes = 0;
  for (let index = 0; index < bundles; index++) {
    const text = bundle(index);
    bytes += Buffer.byteLength(text);
    writeFileSync(join(directory, `bundle-${String(index).padStart(4, "0")}.yaml`), text);
  }
  return { files: bundles, objects: bundles * 5, bytes };
}

/** One small bundle file, the pre-commit case. */
export function writeSingleFile(path) {
  writeFileSync(path, bundle(1));
}

/** One file of many small ConfigMaps (100,000 make about 7 MB): time and memory must grow linearly with it. */
export function writeConfigMapFile(path, count = 100_000) {
  const parts = [];
  for (let index = 0; index < count; index++) parts.push(`apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm-${index}\ndata:\n  k: v${index}\n`);
  const text = parts.join("---\n");
  writeFileSync(path, text);
  return { objects: count, bytes: Buffer.byteLength(text) };
}
