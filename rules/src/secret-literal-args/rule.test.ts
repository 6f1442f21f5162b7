import { RuleTester } from "@statelint/core/testing";
import { readFixture } from "../test-support.js";
import rule from "./rule.js";

const job = (container: string) => `apiVersion: batch/v1
kind: Job
metadata:
  name: task
spec:
  template:
    spec:
      restartPolicy: Never
      containers:
${container}`;

new RuleTester().run(rule, {
  valid: [
    { name: "fixture: $(REDIS_PASSWORD) and REDISCLI_AUTH from the environment", code: readFixture("secret-literal-args", "quiet.yaml") },
    {
      name: "mysqladmin reads the password from a shell variable",
      code: job(`        - name: probe
          image: mysql:8.4
          command: ["sh", "-c", "mysqladmin status -uroot -p\\"\${MYSQL_ROOT_PASSWORD}\\""]
`),
    },
    {
      name: "pg_dump --password only forces a prompt; -p is a port elsewhere",
      code: job(`        - name: dump
          image: postgres:16.4
          command: ["sh", "-c", "mkdir -p /backup && tar -pxzf /seed.tgz && pg_dump --password -h db mydb > /backup/db.sql"]
`),
    },
    {
      name: "the Kubernetes docs' MySQL replica setup: an empty MASTER_PASSWORD inside SQL",
      code: job(`        - name: xtrabackup
          image: gcr.io/google-samples/xtrabackup:1.0
          command:
            - bash
            - -c
            - |
              mysql -h 127.0.0.1 \\
                    -e "$(<change_master_to.sql.in), \\
                            MASTER_HOST='mysql-0.mysql', \\
                            MASTER_USER='root', \\
                            MASTER_PASSWORD='', \\
                            MASTER_CONNECT_RETRY=10; \\
                          START SLAVE;" || exit 1
`),
    },
    {
      name: "connection URL with a $(VAR) password and a password file flag",
      code: job(`        - name: migrate
          image: ghcr.io/acme/migrate:2.1.0
          args: ["--database=postgresql://app:$(DB_PASSWORD)@db:5432/app", "--password-file=/run/secrets/db/password"]
`),
    },
  ],
  invalid: [
    {
      name: "fixture: redis-server --requirepass and redis-cli -a with a literal",
      code: readFixture("secret-literal-args", "fires.yaml"),
      errors: [
        {
          messageId: "literalFlag",
          line: 23,
          column: 15,
          endLine: 23,
          endColumn: 29,
          message:
            'Container "redis" passes a literal password with --requirepass in args[1]; pass it through an env var set from a Secret ($(VAR) or "$VAR") or a mounted file.',
        },
        { messageId: "literalFlag", line: 31, column: 19, data: { container: "redis", flag: "-a", where: "readinessProbe.exec.command[2]" } },
      ],
    },
    {
      name: "mysql -p glued to the password, and PGPASSWORD set inline",
      code: job(`        - name: seed
          image: mysql:8.4
          command:
            - sh
            - -c
            - mysql -uroot -pr00tpw < /seed/schema.sql
        - name: dump
          image: postgres:16.4
          command: ["sh", "-c", "PGPASSWORD=hunter2 pg_dump -h db app"]
`),
      errors: [
        { messageId: "literalFlag", line: 15, column: 15, data: { container: "seed", flag: "-p", where: "command[2]" } },
        { messageId: "literalAssignment", line: 18, column: 33, data: { container: "dump", name: "PGPASSWORD", where: "command[2]" } },
      ],
    },
    {
      name: "a connection URL with a password, mongosh -p and curl -u",
      code: job(`        - name: app
          image: ghcr.io/acme/app:1.0.0
          args: ["--database-url=mongodb://app:s3cret@mongo-0.mongo:27017/app"]
          livenessProbe:
            exec:
              command: ["curl", "-fsu", "x", "-u", "elastic:changeme", "http://localhost:9200"]
        - name: shell
          image: mongo:7.0
          command: [mongosh, --host, mongo-0.mongo, -u, admin, -p, adminpw]
`),
      errors: [
        { messageId: "urlPassword", line: 12, column: 18, data: { container: "app", scheme: "mongodb", where: "args[0]" } },
        { messageId: "literalFlag", line: 15, column: 52, data: { container: "app", flag: "-u", where: "livenessProbe.exec.command[4]" } },
        { messageId: "literalFlag", line: 18, column: 68, data: { container: "shell", flag: "-p", where: "command[6]" } },
      ],
    },
    {
      name: "a secret-looking long flag with = and a custom name pattern",
      code: job(`        - name: agent
          image: ghcr.io/acme/agent:3.2.1
          args: ["--api-key=abcdef0123", "--license=XYZ-1"]
`),
      options: { namePatterns: ["LICENSE"] },
      errors: [{ messageId: "literalFlag", line: 12, column: 42, data: { container: "agent", flag: "--license", where: "args[1]" } }],
    },
  ],
});
